"""The summary's numbers, against a period counted by hand (tests/board/summary_fixtures.py)."""

from datetime import timedelta
from html import unescape

import pytest

from engage.board.compute import compute_summary
from engage.board.counting import EXCERPT_SOURCE, excerpt
from engage.board.jobs import refresh
from engage.board.models import Summary
from engage.extensions import db
from engage.sanitize import plain_text, render_markdown
from tests.board.summary_fixtures import (
    HAND_COUNTED,
    OPENS,
    add_comment,
    add_session,
    at,
    hand_counted,
    make_period,
    make_summary,
)


@pytest.fixture
def fixture(ctx):
    return hand_counted()


@pytest.fixture
def data(fixture):
    return compute_summary(fixture.summary)


def test_totals_match_the_hand_count(data):
    counts = data["counts"]
    for key in ("comments", "commenters", "replies", "official_responses"):
        assert counts[key] == HAND_COUNTED[key], key


@pytest.mark.parametrize(
    "breakdown", ["by_stance", "by_section", "by_neighborhood", "by_channel", "by_language"]
)
def test_breakdowns_match_the_hand_count(data, breakdown):
    assert data["counts"][breakdown] == HAND_COUNTED[breakdown]
    assert sum(data["counts"][breakdown].values()) == HAND_COUNTED["comments"]


def test_every_day_of_the_period_in_the_city_time_zone(data):
    days = dict(data["counts"]["by_day"])
    assert len(data["counts"]["by_day"]) == HAND_COUNTED["days"]
    assert data["counts"]["by_day"][0][0] == "2025-03-01"
    assert list(days)[-1] == "2025-03-12"  # the late comment widens the range
    assert {day: n for day, n in days.items() if n} == HAND_COUNTED["by_day"]
    assert days["2025-03-04"] == 0  # zeros included
    assert sum(days.values()) == HAND_COUNTED["comments"]


def test_a_period_without_comments_lists_each_day_at_zero(ctx):
    data = compute_summary(make_summary(make_period()))
    assert [n for _, n in data["counts"]["by_day"]] == [0] * 10
    assert data["counts"]["by_day"][0][0] == "2025-03-01"
    assert data["counts"]["by_day"][-1][0] == "2025-03-10"
    assert data["counts"]["comments"] == data["counts"]["commenters"] == 0
    assert data["campaigns"] == data["questions"] == data["themes"] == []
    assert data["hidden"] == {"total": 0, "by_reason": {}}


def test_campaigns_count_as_one_voice_each(data, fixture):
    assert data["voices"] == {
        "individual": HAND_COUNTED["individual"],
        "campaigns": HAND_COUNTED["campaigns"],
    }
    first, second = data["campaigns"]
    assert (first["id"], first["size"]) == (fixture.campaigns["A"].id, 4)  # biggest first
    assert (second["id"], second["size"]) == (fixture.campaigns["B"].id, 2)
    assert second["representative_comment_id"] == fixture.comments["b2"].id
    assert second["excerpt"] == "Please publish the audits."


def test_a_hidden_representative_is_never_quoted(data, fixture):
    campaign = data["campaigns"][0]
    assert campaign["representative_comment_id"] == fixture.comments["a1"].id
    assert campaign["representative_comment_id"] != fixture.comments["a0"].id


def test_themes_with_counts_stances_and_quotes(data, fixture):
    themes = {theme["name"]: theme for theme in data["themes"]}
    assert {name: t["count"] for name, t in themes.items()} == HAND_COUNTED["themes"]
    retention = themes["Retention period"]
    assert retention["id"] == fixture.themes["Retention period"].id
    assert retention["by_stance"] == {
        "support": 1,
        "oppose": 1,
        "concerns": 0,
        "question": 1,
        "neutral": 0,
    }
    quoted = [quote["comment_id"] for quote in retention["quotes"]]
    # Individual comments before campaign copies, the most endorsed first; never the hidden one.
    assert quoted == [
        fixture.comments["c1"].id,
        fixture.comments["c3"].id,
        fixture.comments["a1"].id,
    ]
    assert retention["quotes"][1]["excerpt"] == "Who can see the retention logs?"
    assert [t["name"] for t in data["themes"]][-1] == "Facial recognition"  # biggest first
    assert themes["Facial recognition"]["quotes"] == []


def test_questions_and_whether_the_city_answered(data, fixture):
    c = fixture.comments
    assert [q["comment_id"] for q in data["questions"]] == [c["c3"].id, c["c7"].id, c["c18"].id]
    answered = data["questions"][0]
    assert answered["answered"] is True
    assert answered["response_comment_id"] == c["answer"].id
    assert [q["answered"] for q in data["questions"][1:]] == [False, False]
    assert data["questions"][1]["response_comment_id"] is None


def test_hidden_comments_are_counted_by_reason_and_never_quoted(data, fixture):
    assert data["hidden"] == {"total": 3, "by_reason": HAND_COUNTED["hidden"]}
    hidden_ids = {fixture.comments[key].id for key in ("hidden", "spam", "a0")}
    quoted = {q["comment_id"] for t in data["themes"] for q in t["quotes"]}
    quoted |= {q["comment_id"] for q in data["questions"]}
    quoted |= {c["representative_comment_id"] for c in data["campaigns"]}
    assert not quoted & hidden_ids
    assert "liars" not in str(data)


def test_excerpts_are_plain_text_cut_at_a_word(ctx):
    period = make_period()
    body = "**Bold** & <b>tags</b> " + "word " * 100
    add_comment(period, body, stance="question")
    data = compute_summary(make_summary(period))
    excerpt = data["questions"][0]["excerpt"]
    assert excerpt.startswith("Bold & <b>tags</b> word")  # the text as written, no markup
    assert excerpt.endswith("…")
    assert len(excerpt) <= 241


def test_sessions_with_reports_about_the_policy(ctx):
    period = make_period()
    policy = period.version.policy
    event = add_session(policy, OPENS - timedelta(days=5))
    data = compute_summary(make_summary(period))
    (session,) = data["sessions"]
    assert session["id"] == event.id
    assert session["attendance"] == 25
    assert session["themes"] == ["retention", "audits"]
    assert session["report_url"] == f"/events/{event.id}/report"
    assert session["finding"] == "People asked for shorter retention."
    assert session["starts_at"].startswith("2025-02-24")


def test_sessions_before_the_previous_period_closed_belong_to_it(ctx):
    period = make_period()
    policy = period.version.policy
    earlier = make_period(policy)
    earlier.opens_at, earlier.closes_at = OPENS - timedelta(days=90), OPENS - timedelta(days=60)
    add_session(policy, OPENS - timedelta(days=70))
    db.session.flush()
    assert compute_summary(make_summary(period))["sessions"] == []
    assert len(compute_summary(make_summary(earlier))["sessions"]) == 1


def test_the_shape_every_page_reads(data):
    assert set(data) == {
        "computed_at",
        "period",
        "counts",
        "voices",
        "campaigns",
        "themes",
        "suggested_themes",
        "sessions",
        "questions",
        "hidden",
    }
    assert data["period"] == {"opens_at": OPENS.isoformat(), "closes_at": at(11, 4).isoformat()}
    assert set(data["counts"]) == {
        "comments",
        "commenters",
        "replies",
        "official_responses",
        "by_stance",
        "by_section",
        "by_neighborhood",
        "by_channel",
        "by_language",
        "by_day",
    }


def test_refresh_stores_the_numbers_and_clears_stale(fixture):
    summary = fixture.summary
    assert summary.stale is True and summary.computed_at is None
    refresh(summary)
    stored = db.session.get(Summary, summary.id)
    assert stored.stale is False
    assert stored.computed_at is not None
    assert stored.data["counts"]["comments"] == HAND_COUNTED["comments"]


@pytest.mark.parametrize(
    "source",
    [
        "Plain words & more.",
        "**Bold**, _em_ and `<code>` with <script>alert(1)</script>",
        "[a link](https://example.org/?a=1&b=<2>) and <https://example.org/x>",
        '> quoted "text"\n\n- one\n- two\n\n1. first',
        "Ünïcödé — “quotes” and \u2019apostrophes\u2019, 中文\uff0c标点。",
        "line one  \nline two\n\n\n\nafter blank lines",
    ],
)
def test_excerpts_are_the_sanitized_plain_text(source):
    rendered = render_markdown(source)
    assert excerpt(rendered, length=1000) == unescape(plain_text(rendered))


def test_an_excerpt_never_ends_in_a_cut_tag():
    body = "<p>" + "x" * (EXCERPT_SOURCE - 20) + '<a href="https://example.org/long">link</a></p>'
    assert "<" not in excerpt(body, length=5000)
