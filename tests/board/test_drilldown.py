"""Every number of a summary opens exactly the comments it counted (a summary that says 12
lists 12 comments you can open), and forged filters get a 400, never a 500."""

import random
import re

import pytest

from engage.board import drilldown
from engage.board.compute import compute_summary
from engage.board.drilldown import DrilldownError, parse
from engage.board.models import SummaryVersion
from engage.extensions import db
from tests import factories
from tests.board.summary_fixtures import (
    HAND_COUNTED,
    add_comment,
    at,
    hand_counted,
    make_period,
    make_summary,
    make_theme,
    reply,
    tag,
)


def numbers_and_facets(data: dict):
    """(what, number, query args) for every number in stored summary data."""
    counts = data["counts"]
    yield "comments", counts["comments"], {}
    yield "replies", counts["replies"], {"facet": "replies"}
    yield "official", counts["official_responses"], {"facet": "official"}
    for name in ("stance", "section", "neighborhood", "channel", "language"):
        for value, number in counts[f"by_{name}"].items():
            yield f"{name}={value}", number, {"facet": name, "value": value}
    for day, number in counts["by_day"]:
        yield f"day={day}", number, {"facet": "day", "value": day}
    yield "individual", data["voices"]["individual"], {"facet": "individual"}
    for campaign in data["campaigns"]:
        yield "campaign", campaign["size"], {"facet": "campaign", "value": str(campaign["id"])}
    for theme in data["themes"]:
        args = {"facet": "theme", "value": str(theme["id"])}
        yield f"theme {theme['name']}", theme["count"], args
        for stance, number in theme["by_stance"].items():
            yield f"theme {theme['name']} {stance}", number, args | {"stance": stance}
    questions = data["questions"]
    yield "questions", len(questions), {"facet": "questions"}
    answered = sum(q["answered"] for q in questions)
    yield "answered", answered, {"facet": "questions", "value": "answered"}
    yield "unanswered", len(questions) - answered, {"facet": "questions", "value": "unanswered"}


def assert_every_number_drills_down(summary) -> int:
    summary.data = compute_summary(summary)
    checked = 0
    for what, number, args in numbers_and_facets(summary.data):
        facet = parse(args, summary)
        assert drilldown.count(summary, facet) == number, what
        checked += 1
    return checked


def test_every_number_of_the_hand_counted_summary_lists_that_many(ctx):
    fixture = hand_counted()
    assert assert_every_number_drills_down(fixture.summary) > 40


def test_every_number_of_a_random_period_lists_that_many(ctx):
    """200 comments with every field drawn at random: the invariant, not a hand count."""
    rng = random.Random(6)
    period = make_period()
    policy_id = period.version.policy_id
    people = [factories.make_user() for _ in range(8)]
    themes = [make_theme(policy_id, name) for name in ("Retention", "Sharing", "Audits")]
    comments = []
    for n in range(200):
        fields = {
            "stance": rng.choice(["support", "oppose", "concerns", "question", "neutral", None]),
            "section_key": rng.choice(["purpose", "data_retention", None]),
            "neighborhood": rng.choice(["Dorchester", "Roxbury", None]),
            "channel": rng.choice(["web", "web", "email", "letter", "phone", "meeting"]),
            "language": rng.choice(["en", "es", "vi", None]),
            "status": rng.choice(["published"] * 6 + ["hidden", "held", "withdrawn", "spam"]),
            "author_id": rng.choice([*[p.id for p in people], None]),
            "received_at": at(rng.randint(1, 12), rng.randint(0, 23), rng.randint(0, 59)),
        }
        if comments and rng.random() < 0.3:
            parents = [c for c in comments if c.depth < 2]
            comment = reply(rng.choice(parents), f"Reply {n}", **fields)
        else:
            comment = add_comment(period, f"Comment {n}", **fields)
        comments.append(comment)
        for theme in rng.sample(themes, rng.choice([0, 0, 1, 2])):
            tag(theme, comment)
    assert assert_every_number_drills_down(make_summary(period)) > 40


def _ids(response) -> list[int]:
    return [int(n) for n in re.findall(r'href="/comments/(\d+)"', response.get_data(as_text=True))]


def test_the_page_lists_the_comments_behind_a_theme(client, ctx):
    fixture = hand_counted()
    theme = fixture.themes["Retention period"]
    slug = fixture.period.version.policy.slug
    response = client.get(
        f"/policies/{slug}/summary/comments?facet=theme&value={theme.id}&summary={fixture.summary.id}"
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "3 comments about “Retention period”" in page
    c = fixture.comments
    assert set(_ids(response)) == {c["c1"].id, c["c3"].id, c["a1"].id}
    assert "You are all liars" not in page  # hidden: never listed


def test_the_page_never_lists_unpublished_comments(client, ctx):
    fixture = hand_counted()
    slug = fixture.period.version.policy.slug
    response = client.get(f"/policies/{slug}/summary/comments?summary={fixture.summary.id}")
    page = response.get_data(as_text=True)
    assert f"{HAND_COUNTED['comments']} comments" in page
    for key in ("hidden", "spam", "held", "withdrawn", "a0", "answer", "elsewhere"):
        assert f'/comments/{fixture.comments[key].id}"' not in page, key
    assert "Buy cheap watches" not in page and "Waiting for review" not in page


def test_long_lists_are_paginated(client, ctx):
    period = make_period()
    summary = make_summary(period)
    for n in range(25):
        add_comment(period, f"Comment number {n}", stance="oppose")
    slug = period.version.policy.slug
    url = f"/policies/{slug}/summary/comments?facet=stance&value=oppose&summary={summary.id}"
    first = client.get(url)
    assert "usa-pagination" in first.get_data(as_text=True)
    assert "25 comments marked “Opposes”" in first.get_data(as_text=True)
    assert len(_ids(first)) == 20
    second = client.get(url + "&page=2")
    assert len(_ids(second)) == 5
    assert not set(_ids(first)) & set(_ids(second))
    assert client.get(url + "&page=9").status_code == 200


def test_without_a_summary_id_the_last_summary_sent_to_the_board(client, ctx):
    fixture = hand_counted()
    policy = fixture.period.version.policy
    newer = make_summary(make_period(policy))
    newer.period.opens_at = at(20, 5)
    newer.period.closes_at = at(30, 5)
    db.session.flush()
    url = f"/policies/{policy.slug}/summary/comments"
    assert "0 comments" in client.get(url).get_data(as_text=True)  # the latest period
    db.session.add(SummaryVersion(summary_id=fixture.summary.id, number=1, data={}))
    db.session.flush()
    assert "14 comments" in client.get(url).get_data(as_text=True)


@pytest.mark.parametrize(
    "query",
    [
        "facet=everything",
        "facet=stance&value=angry",
        "facet=stance",
        "facet=section&value=secret_plans",
        "facet=neighborhood&value=Atlantis",
        "facet=language&value=xx",
        "facet=channel&value=fax",
        "facet=day&value=2025-13-01",
        "facet=day&value=2024-01-01",
        "facet=day&value=yesterday",
        "facet=campaign&value=abc",
        "facet=campaign&value=-1",
        "facet=campaign&value=99999999999999",
        "facet=theme&value=2147483647",
        "facet=theme&value=%D9%A3",
        "facet=replies&value=1",
        "facet=questions&value=maybe",
        "facet=all&stance=furious",
        "facet=stance&value=" + "x" * 500,
        "summary=abc",
    ],
)
def test_forged_filters_are_refused(client, ctx, query):
    fixture = hand_counted()
    slug = fixture.period.version.policy.slug
    url = f"/policies/{slug}/summary/comments?{query}"
    if not query.startswith("summary="):
        url += f"&summary={fixture.summary.id}"
    assert client.get(url).status_code == 400


def test_another_policys_theme_or_campaign_is_refused(ctx):
    fixture = hand_counted()
    other = hand_counted()
    for name, ident in (
        ("theme", other.themes["Retention period"].id),
        ("campaign", other.campaigns["A"].id),
    ):
        with pytest.raises(DrilldownError):
            parse({"facet": name, "value": str(ident)}, fixture.summary)


def test_unknown_policy_or_summary_is_not_found(client, ctx):
    fixture = hand_counted()
    other = hand_counted()
    slug = fixture.period.version.policy.slug
    assert client.get("/policies/nothing-here/summary/comments").status_code == 404
    url = f"/policies/{slug}/summary/comments?summary={other.summary.id}"
    assert client.get(url).status_code == 404
    no_summary = factories.make_policy()
    assert client.get(f"/policies/{no_summary.slug}/summary/comments").status_code == 404


def test_each_comment_links_to_its_permalink(client, ctx):
    fixture = hand_counted()
    slug = fixture.period.version.policy.slug
    url = f"/policies/{slug}/summary/comments?facet=replies&summary={fixture.summary.id}"
    response = client.get(url)
    reply_id = fixture.comments["c4"].id
    assert reply_id in _ids(response)
    assert "1 reply" in response.get_data(as_text=True)
    assert client.get(f"/comments/{reply_id}").status_code == 200
