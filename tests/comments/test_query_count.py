"""A policy page costs the same number of SQL queries with 10 comments or with 1,000."""

import itertools

import pytest

from engage.comments.models import Comment, Endorsement
from engage.extensions import db
from tests import factories
from tests.comments.helpers_thread import counting_queries, open_policy, text, thread_order

MAX_QUERIES = 15
_numbers = itertools.count(1)


def _bulk_comments(policy, total: int, people: list) -> list[Comment]:
    """`total` comments: a fifth are replies (some two deep), many endorsed; added in bulk."""
    version = policy.current_version
    period = version.periods[0]
    base = {"policy_id": policy.id, "version_id": version.id, "period_id": period.id}

    def comment(n: int, **fields) -> Comment:
        author = people[n % len(people)]
        return Comment(
            tracking_number=f"Q-{next(_numbers):08d}",
            author_id=author.id if n % 7 else None,  # every seventh: entered offline
            author_name=None if n % 7 else f"Letter writer {n}",
            channel="web" if n % 7 else "letter",
            show_name=n % 3 != 0,
            stance=("support", "oppose", "concerns", None)[n % 4],
            section_key=("purpose", "data_retention", None)[n % 3],
            neighborhood="Dorchester" if n % 5 == 0 else None,
            body_md=f"Comment {n}",
            body_html=f"<p>Comment {n}</p>",
            **base,
            **fields,
        )

    roots = [comment(n) for n in range(total - total // 5)]
    db.session.add_all(roots)
    db.session.flush()
    replies = []
    for n in range(total // 5):
        parent = roots[n % len(roots)]
        replies.append(comment(n, parent_id=parent.id, root_id=parent.id, depth=1))
    db.session.add_all(replies)
    db.session.flush()
    _bulk_endorse([*roots, *replies], people)
    return roots


def _bulk_endorse(comments: list[Comment], people: list) -> None:
    rows = []
    for n, comment in enumerate(comments):
        for person in people[: n % 4]:
            rows.append({"comment_id": comment.id, "user_id": person.id})
            comment.endorsement_count += 1
    if rows:
        db.session.execute(db.insert(Endorsement), rows)
    db.session.flush()


@pytest.fixture
def people(ctx):
    return [factories.make_user() for _ in range(6)]


@pytest.fixture
def small(people):
    policy = open_policy()
    _bulk_comments(policy, 10, people)
    return policy


@pytest.fixture
def big(people):
    policy = open_policy()
    _bulk_comments(policy, 1000, people)
    return policy


def _queries_for(client, policy, query: str = "") -> int:
    url = f"/policies/{policy.slug}{query}"
    client.get(url)  # warm up anything cached per process
    with counting_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200
    assert thread_order(text(response))  # the thread is really on the page
    return counted[0]


@pytest.mark.parametrize("query", ["", "?section=data_retention&sort=endorsed"])
def test_the_policy_page_costs_the_same_whatever_the_thread_size(client, small, big, query):
    few, many = _queries_for(client, small, query), _queries_for(client, big, query)
    assert few == many
    assert many <= MAX_QUERIES


def test_signed_in_the_page_costs_the_same_too(client, login, small, big):
    login(factories.make_user())
    few, many = _queries_for(client, small), _queries_for(client, big)
    assert few == many
    assert many <= MAX_QUERIES


def test_a_permalink_costs_the_same_in_a_long_conversation(client, people, small):
    root = db.session.scalars(
        db.select(Comment).where(Comment.policy_id == small.id, Comment.parent_id.is_(None))
    ).first()
    url = f"/comments/{root.id}"
    with counting_queries() as before:
        client.get(url)
    for n in range(60):
        reply = Comment(
            tracking_number=f"R-{next(_numbers):08d}",
            policy_id=small.id,
            version_id=root.version_id,
            period_id=root.period_id,
            parent_id=root.id,
            root_id=root.id,
            depth=1,
            author_id=people[n % len(people)].id,
            body_md="More.",
            body_html="<p>More.</p>",
        )
        db.session.add(reply)
    db.session.flush()
    with counting_queries() as after:
        response = client.get(url)
    assert len(thread_order(text(response))) > 60
    assert after[0] == before[0]
