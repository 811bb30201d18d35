"""The public list /events (filters, past sessions, pages) and the sessions on policy pages."""

from datetime import timedelta

import pytest

from engage.events import services
from engage.events.models import SessionReport
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.events.helpers_events import make_org, make_past_session, make_session


@pytest.fixture
def world(ctx):
    """Two organizations, two policies, sessions in different places and languages."""
    cameras = factories.make_policy(title="Cameras")
    drones = factories.make_policy(title="Drones")
    alice, bob = factories.make_user(), factories.make_user()
    dorchester = make_org(members=[alice])
    chinatown = make_org(members=[bob])
    soon = utcnow() + timedelta(days=20)
    make_session(
        dorchester, alice, [cameras], title="Dorchester talks cameras", languages=["en", "ht"]
    )
    make_session(
        chinatown,
        bob,
        [drones],
        title="Chinatown drones evening",
        neighborhood="Chinatown",
        languages=["zh-Hant", "en"],
        starts_at=soon,
        ends_at=soon + timedelta(hours=2),
    )
    make_past_session(dorchester, [cameras], title="Last spring's session")
    return {"cameras": cameras, "drones": drones, "dorchester": dorchester, "chinatown": chinatown}


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_lists_upcoming_sessions_soonest_first(client, world):
    page = _page(client, "/events")
    assert "2 upcoming sessions" in page
    assert page.index("Chinatown drones evening") < page.index("Dorchester talks cameras")
    assert "Last spring" not in page
    assert "20 seats left of 20." in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("policy={cameras}", "Dorchester talks cameras", "Chinatown drones"),
        ("neighborhood=Chinatown", "Chinatown drones", "Dorchester talks"),
        ("language=ht", "Dorchester talks cameras", "Chinatown drones"),
        ("language=zh-Hant", "Chinatown drones", "Dorchester talks"),
        ("organization={chinatown}", "Chinatown drones", "Dorchester talks"),
    ],
)
def test_filters(client, world, query, shown, hidden):
    query = query.format(cameras=world["cameras"].slug, chinatown=world["chinatown"].slug)
    page = _page(client, f"/events?{query}")
    assert shown in page and hidden not in page
    assert "1 upcoming session" in page and "Clear all filters" in page


def test_nonsense_filters_are_ignored_or_empty(client, world):
    assert "2 upcoming sessions" in _page(client, "/events?language=xx&neighborhood=Mars")
    page = _page(client, "/events?policy=no-such-policy")
    assert "No session matches these filters." in page
    assert _page(client, "/events?page=abc")


def test_past_view(client, world):
    page = _page(client, "/events?when=past")
    assert "Past listening sessions" in page and "Last spring" in page
    assert "Dorchester talks" not in page


def test_cancelled_sessions_leave_the_list(client, world):
    event = make_session(title="Called off")
    services.cancel_session(None, event, "Storm")
    assert "Called off" not in _page(client, "/events")


def test_pages_of_sessions(client, ctx):
    member = factories.make_user()
    org = make_org(members=[member])
    policy = factories.make_policy()
    for n in range(13):
        make_session(org, member, [policy], title=f"Session number {n:02d}")
    first = _page(client, "/events")
    assert "13 upcoming sessions" in first and "Page 1 of 2." in first
    second = _page(client, "/events?page=2")
    assert "Session number" in second and "Page 2 of 2." in second


def test_navigation_links_to_sessions(client, ctx):
    assert 'href="/events"' in _page(client, "/")


def test_policy_page_lists_its_sessions_and_past_reports(client, world):
    cameras = world["cameras"]
    past = make_past_session(world["dorchester"], [cameras], title="Winter listening night")
    db.session.add(SessionReport(event_id=past.id, attendance=31, summary_md="", themes=[]))
    db.session.flush()
    page = _page(client, f"/policies/{cameras.slug}")
    assert "Listening sessions about this policy" in page
    assert "Dorchester talks cameras" in page and "Chinatown drones" not in page
    assert "Past sessions" in page and "Winter listening night" in page
    assert f"/events/{past.id}/report" in page


def test_policy_without_sessions_says_so(client, ctx):
    policy = factories.make_policy()
    page = _page(client, f"/policies/{policy.slug}")
    assert "No session about this policy is scheduled right now." in page
