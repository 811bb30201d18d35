"""The public summary: the latest version sent to the board with its date, earlier versions,
the diff between versions, and the link from the policy page."""

import copy

import pytest

from engage import cache
from engage.board.summaries import ResponseData, publish_summary, save_draft
from engage.board.theme_services import remove_theme
from engage.cache_backends import MemoryBackend
from engage.comments.models import CommentStatus
from engage.extensions import db
from engage.forms import city_zone
from tests import factories
from tests.board.staff_helpers import Setup, add_comment, make_theme


def text(response) -> str:
    return response.get_data(as_text=True)


def two_versions(staff) -> Setup:
    """Version 1, then a version 2 with more comments, a theme added, one removed, and a
    narrative and a "you said, we did" row changed."""
    setup = Setup()
    save_draft(
        staff,
        setup.summary,
        "Most residents asked for shorter retention.",
        [ResponseData(setup.retention.id, "We will look at it.", False)],
    )
    publish_summary(staff, setup.summary, "")
    warrants = make_theme(setup.policy, "Warrants")
    data = copy.deepcopy(setup.summary.data)
    data["counts"]["comments"] = 3050
    data["counts"]["by_stance"]["oppose"] = 3017
    data["themes"].append(
        {"id": warrants.id, "name": "Warrants", "count": 5, "by_stance": {}, "quotes": []}
    )
    setup.summary.data = data
    remove_theme(staff, setup.sharing)
    save_draft(
        staff,
        setup.summary,
        "Nearly all residents asked for shorter retention.",
        [ResponseData(setup.retention.id, "Reads are deleted after 24 hours.", True)],
    )
    publish_summary(staff, setup.summary, "Late letters counted; retention answered.")
    return setup


def test_no_summary_sent_no_page(client):
    setup = Setup()  # a draft only
    slug = setup.policy.slug
    assert client.get(f"/policies/{slug}/summary").status_code == 404
    assert client.get(f"/policies/{slug}/summary/diff").status_code == 404
    assert client.get("/policies/no-such-policy/summary").status_code == 404


def test_the_latest_version_is_shown_with_the_date_it_was_sent(client, staff):
    setup = two_versions(staff)
    save_draft(staff, setup.summary, "An unsent draft sentence.", [])
    page = text(client.get(f"/policies/{setup.policy.slug}/summary"))
    sent = setup.summary.latest_version.sent_at.astimezone(city_zone())  # the page's calendar
    assert f"Version 2, sent to the board on {sent:%B} {sent.day}, " in page
    assert "Nearly all residents asked for shorter retention." in page
    assert "An unsent draft sentence." not in page  # the draft is not public
    assert "Late letters counted; retention answered." in page
    assert "3,050" in page
    assert "Reads are deleted after 24 hours." in page and "Yes, the policy changed" in page
    assert f"?summary={setup.summary.id}&amp;version=1" in page
    assert "What changed from version 1 to 2" in page


def test_an_earlier_version_is_shown_as_it_was_sent(client, staff):
    setup = two_versions(staff)
    page = text(client.get(f"/policies/{setup.policy.slug}/summary?version=1"))
    assert "You are reading version 1, an earlier version." in page
    assert "Most residents asked for shorter retention." in page
    assert "3,043" in page and "3,050" not in page
    assert "Data sharing" in page  # removed later, kept in the frozen version


@pytest.mark.parametrize(
    "query", ["version=3", "version=0", "version=abc", "version=-1", "summary=999999", "summary=x"]
)
def test_forged_versions_are_not_found(client, staff, query):
    setup = two_versions(staff)
    assert client.get(f"/policies/{setup.policy.slug}/summary?{query}").status_code == 404


def test_the_diff_shows_numbers_themes_narrative_and_responses(client, staff):
    setup = two_versions(staff)
    page = text(client.get(f"/policies/{setup.policy.slug}/summary/diff?from=1&to=2"))
    assert "From version 1 to version 2" in page
    assert "3,043" in page and "3,050" in page and "7 more" in page  # comments
    assert "By stance: Opposes" in page
    assert '<span class="usa-sr-only">added: </span>Warrants</ins>' in page
    assert '<span class="usa-sr-only">removed: </span>Data sharing</del>' in page
    assert (
        '<ins class="engage-diff"><span class="usa-sr-only">added: </span>Nearly all</ins>' in page
    )
    assert '<del class="engage-diff"><span class="usa-sr-only">removed: </span>Most</del>' in page
    assert "Did the policy change? Now: yes (before: no)." in page
    default = text(client.get(f"/policies/{setup.policy.slug}/summary/diff"))
    assert "From version 1 to version 2" in default


@pytest.mark.parametrize("query", ["from=2&to=2", "from=1&to=7", "from=x&to=2", "from=0"])
def test_forged_diffs_are_not_found(client, staff, query):
    setup = two_versions(staff)
    assert client.get(f"/policies/{setup.policy.slug}/summary/diff?{query}").status_code == 404


def test_a_single_version_has_nothing_to_compare(client, staff):
    setup = Setup()
    publish_summary(staff, setup.summary, "")
    page = text(client.get(f"/policies/{setup.policy.slug}/summary/diff"))
    assert "nothing to compare yet" in page


def test_the_policy_page_links_the_summary_once_one_is_sent(client, staff):
    setup = Setup()
    url = f"/policies/{setup.policy.slug}"
    assert "summary of comments sent to the oversight board" not in text(client.get(url))
    publish_summary(staff, setup.summary, "")
    page = text(client.get(url))
    assert "Read the summary of comments sent to the oversight board" in page
    assert f'href="/policies/{setup.policy.slug}/summary"' in page


def test_every_number_opens_its_comments(client, staff):
    setup = Setup()
    publish_summary(staff, setup.summary, "")
    page = text(client.get(f"/policies/{setup.policy.slug}/summary"))
    drill = f"/policies/{setup.policy.slug}/summary/comments?facet="
    ident = setup.summary.id
    for facet in (
        f"all&amp;summary={ident}",
        f"replies&amp;summary={ident}",
        f"official&amp;summary={ident}",
        f"individual&amp;summary={ident}",
        f"campaign&amp;summary={ident}&amp;value=77",
        f"stance&amp;summary={ident}&amp;value=oppose",
        f"theme&amp;summary={ident}&amp;value={setup.retention.id}&amp;stance=oppose",
        f"questions&amp;summary={ident}&amp;value=answered",
    ):
        assert drill + facet in page, facet


def test_campaigns_count_as_one_voice_beside_individual_comments(client, staff):
    setup = Setup()
    publish_summary(staff, setup.summary, "")
    page = text(client.get(f"/policies/{setup.policy.slug}/summary"))
    assert "One letter, 3,000 signatures" in page
    assert "campaign, with 3,000 signatures" in page
    assert '>43</span> <span class="engage-summary-figure__label">individual comments' in page


def test_the_chart_has_its_data_as_a_table(client, staff):
    setup = Setup()
    publish_summary(staff, setup.summary, "")
    page = text(client.get(f"/policies/{setup.policy.slug}/summary"))
    assert 'role="img" aria-labelledby="days-chart-title days-chart-desc"' in page
    assert '<title id="days-chart-title">' in page
    assert page.count('class="engage-chart__bar"') == 3
    assert "Comments received per day (the chart" in page
    days = setup.summary.data["counts"]["by_day"]
    assert f"facet=day&amp;summary={setup.summary.id}&amp;value={days[2][0]}" in page
    assert f"value={days[1][0]}" not in page  # a zero opens nothing
    assert "style=" not in page.split("<main", 1)[1]  # strict CSP: no inline style


def test_hidden_comments_are_counted_never_quoted(client, staff):
    setup = Setup()
    add_comment(
        setup.policy,
        setup.period,
        "A hidden insult nobody should read.",
        status=CommentStatus.HIDDEN.value,
        moderation_reason="harassment",
    )
    factories.make_user(role="board")
    setup.summary.data["hidden"] = {"total": 1, "by_reason": {"harassment": 1}}
    publish_summary(staff, setup.summary, "")
    page = text(client.get(f"/policies/{setup.policy.slug}/summary"))
    assert "1 comment was hidden" in page
    assert "A hidden insult" not in page
    assert "example.org" not in page  # no email address


def test_the_board_reads_the_same_summary(client, login, staff, board_member):
    setup = Setup()
    publish_summary(staff, setup.summary, "")
    login(board_member)
    page = text(client.get(f"/board/summaries/{setup.summary.id}"))
    assert "One letter, 3,000 signatures" in page
    assert "You said, we did" in page


def test_sending_a_summary_refreshes_the_cached_policy_page(app, monkeypatch, staff):
    monkeypatch.setitem(app.config, "ENGAGE_PAGE_CACHE", True)
    monkeypatch.setitem(app.extensions, cache.EXTENSION, MemoryBackend(clock=lambda: 1000.0))
    setup = Setup()
    db.session.commit()
    visitor, url = app.test_client(), f"/policies/{setup.policy.slug}"
    assert "Read the summary of comments" not in text(visitor.get(url))
    assert "Read the summary of comments" not in text(visitor.get(url))  # from the cache
    publish_summary(staff, setup.summary, "")
    db.session.commit()
    assert "Read the summary of comments" in text(visitor.get(url))
