"""/api/v1/policies/<slug>/comments, checked against the OpenAPI document."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import event

from engage.api.services import comment_count_for
from engage.comments.models import CommentStatus
from engage.comments.services import endorse
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_offline import enter, policy_with_period, post, set_status

LIST = "/policies/{slug}/comments"
POLICIES, POLICY = "/policies", "/policies/{slug}"


def url(policy, query: str = "") -> str:
    return f"/api/v1/policies/{policy.slug}/comments" + (f"?{query}" if query else "")


@pytest.fixture
def thread(ctx, staff):
    """A policy with every kind of comment: shown ones and ones the API must never return."""
    policy = policy_with_period("open", title="Body-worn cameras", versions=2)
    ana = factories.make_user(display_name="Ana", email="ana@example.org")
    ben = factories.make_user(display_name="Ben", email="ben@example.org")
    first = post(ana, policy, "I **support** this.", stance="support", neighborhood="Dorchester")
    reply = post(ben, policy, "Why?", parent=first, stance="question", show_name=False)
    retention = post(ben, policy, "Ninety days is long.", section_key="data_retention")
    letter = enter(staff, policy, "A letter.", author_name="Carla", language="es", stance="oppose")
    official = post(staff, policy, "The city answers.", parent=first)
    official.is_official_response = True
    endorse(ben, first)
    hidden = [
        set_status(post(ana, policy, f"Not shown: {status}."), status)
        for status in (
            CommentStatus.HELD,
            CommentStatus.HIDDEN,
            CommentStatus.WITHDRAWN,
            CommentStatus.SPAM,
        )
    ]
    stamp(first, reply, retention, letter, official)
    return {
        "policy": policy,
        "first": first,
        "reply": reply,
        "retention": retention,
        "letter": letter,
        "official": official,
        "hidden": hidden,
    }


def stamp(*comments) -> None:
    """Space the comments an hour apart, oldest first, so the order is unambiguous."""
    start = utcnow() - timedelta(hours=len(comments) + 1)
    for hours, comment in enumerate(comments):
        comment.created_at = start + timedelta(hours=hours)
    db.session.flush()


def ids(body: dict) -> list[int]:
    return [item["id"] for item in body["data"]]


def test_the_list_returns_published_comments_oldest_first(api, thread):
    body = api.get(url(thread["policy"]), LIST)

    shown = [thread[key].id for key in ("first", "reply", "retention", "letter", "official")]
    assert ids(body) == shown
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 5}
    assert body["links"] == {"next": None, "prev": None}


def test_held_hidden_withdrawn_and_spam_comments_never_appear(api, thread):
    body = api.get(url(thread["policy"], "per_page=100"), LIST)
    hidden = {comment.id for comment in thread["hidden"]}
    assert hidden.isdisjoint(ids(body))
    assert "Not shown" not in str(body)


def test_an_item_carries_the_public_fields(api, thread):
    items = {item["id"]: item for item in api.get(url(thread["policy"]), LIST)["data"]}
    first = items[thread["first"].id]

    assert first["author"] == "Ana"
    assert first["parent_id"] is None
    assert first["version"] == 2
    assert first["stance"] == "support"
    assert first["neighborhood"] == "Dorchester"
    assert first["section"] is None
    assert first["channel"] == "web"
    assert first["body_html"] == "<p>I <strong>support</strong> this.</p>"
    assert first["endorsements"] == 1
    assert first["is_official_response"] is False
    assert first["is_late"] is False
    assert first["edited_at"] is None
    assert first["created_at"].endswith("Z")


def test_replies_anonymous_authors_offline_letters_and_official_responses(api, thread):
    items = {item["id"]: item for item in api.get(url(thread["policy"]), LIST)["data"]}

    reply = items[thread["reply"].id]
    assert reply["parent_id"] == thread["first"].id
    assert reply["author"] is None  # chose not to show the name
    letter = items[thread["letter"].id]
    assert letter["author"] == "Carla"
    assert letter["channel"] == "letter"
    assert letter["language"] == "es"
    assert items[thread["official"].id]["is_official_response"] is True
    assert items[thread["retention"].id]["section"] == "data_retention"


def test_no_email_address_ever_appears(client, thread):
    text = client.get(url(thread["policy"])).get_data(as_text=True)
    assert "example.org" not in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stance=support", ["first"]),
        ("stance=oppose", ["letter"]),
        ("stance=neutral", []),
        ("section=data_retention", ["retention"]),
        ("section=purpose", []),
        ("stance=question&section=data_retention", []),
    ],
)
def test_filters_by_stance_and_section(api, thread, query, expected):
    body = api.get(url(thread["policy"], query), LIST)
    assert ids(body) == [thread[key].id for key in expected]


@pytest.mark.parametrize(
    "moment",
    [
        lambda at: at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        lambda at: at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        lambda at: quote((at - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%S-05:00")),
        lambda at: quote((at + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+02:00")),
        # An unescaped '+' arrives as a space; it still means the offset.
        lambda at: (at + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+02:00"),
    ],
)
def test_since_returns_comments_posted_from_that_moment(api, thread, moment):
    at = thread["letter"].created_at
    body = api.get(url(thread["policy"], f"since={moment(at)}"), LIST)
    assert ids(body) == [thread["letter"].id, thread["official"].id]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("since=yesterday", "since"),
        ("since=2026-03-01", "since"),
        ("since=2026-03-01T12:00:00", "since"),  # no offset: ambiguous
        ("since=2026-13-01T12:00:00Z", "since"),
        ("since=2026-03-01T25:00:00Z", "since"),
        ("stance=angry", "stance"),
        ("section=nope", "section"),
        ("section=" + "x" * 300, "section"),
        ("page=0", "page"),
        ("per_page=101", "per_page"),
        ("since=%00", "since"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(api, thread, query, parameter):
    body = api.get(url(thread["policy"], query), LIST, status=400)
    assert body["error"]["parameter"] == parameter
    assert body["error"]["status"] == 400


def test_an_unknown_policy_is_a_404(api, ctx):
    body = api.get("/api/v1/policies/no-such-policy/comments", LIST, status=404)
    assert "no-such-policy" in body["error"]["detail"]


def test_pages_link_to_each_other(api, thread):
    policy = thread["policy"]
    first = api.get(url(policy, "per_page=2&stance="), LIST)
    assert first["meta"] == {"page": 1, "per_page": 2, "total": 5}
    assert first["links"]["prev"] is None
    second = api.get(first["links"]["next"].removeprefix("http://engage.test"), LIST)
    last = api.get(second["links"]["next"].removeprefix("http://engage.test"), LIST)
    assert last["links"]["next"] is None
    assert ids(first) + ids(second) + ids(last) == ids(api.get(url(policy), LIST))
    assert api.get(url(policy, "page=9"), LIST)["data"] == []


def test_a_policy_without_comments_has_an_empty_list(api, ctx):
    policy = policy_with_period("upcoming")
    body = api.get(url(policy), LIST)
    assert body["data"] == []
    assert body["meta"]["total"] == 0


def test_the_answer_is_cacheable_with_an_etag(client, thread):
    first = client.get(url(thread["policy"]))
    again = client.get(url(thread["policy"]), headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


# comment_count on the policies ------------------------------------------------------------


def test_comment_count_counts_published_comments_and_replies_not_official_responses(api, thread):
    slug = thread["policy"].slug
    # first, reply, retention, letter: the official response and the four hidden are not counted
    assert api.get(f"/api/v1/policies/{slug}", POLICY)["comment_count"] == 4
    listed = api.get("/api/v1/policies", POLICIES)["data"]
    assert next(item for item in listed if item["slug"] == slug)["comment_count"] == 4


def test_comment_count_is_zero_without_comments(api, thread):
    quiet = policy_with_period("upcoming")
    assert api.get(f"/api/v1/policies/{quiet.slug}", POLICY)["comment_count"] == 0


def test_comment_count_for_many_policies_is_one_query(ctx, thread):
    others = [policy_with_period("open") for _ in range(3)]
    post(factories.make_user(), others[0], "Hello.")
    db.session.flush()
    statements = []

    def count(*args):
        statements.append(args)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        counts = comment_count_for([thread["policy"].id, *(p.id for p in others)])
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) == 1
    assert counts == {thread["policy"].id: 4, others[0].id: 1, others[1].id: 0, others[2].id: 0}
    assert comment_count_for([]) == {}
