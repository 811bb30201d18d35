"""The page cache's parts: its backends (Redis tests skipped when no Redis answers on
127.0.0.1:6379) and how long a page may live."""

import os
import uuid
from datetime import timedelta

import pytest

from engage import cache
from engage.cache_backends import Entry, MemoryBackend, RedisBackend, make_backend
from engage.events.models import Event
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_thread import counting_queries, open_policy, post, text

REDIS_URL = os.environ.get("ENGAGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_backend():
    backend = RedisBackend(REDIS_URL, prefix=f"engage-test-{uuid.uuid4().hex}:")
    if not backend.ping():
        pytest.skip(f"no Redis answers at {REDIS_URL}")
    yield backend
    backend.clear()
    backend.redis.close()


@pytest.fixture
def on_redis(app, monkeypatch, redis_backend):
    monkeypatch.setitem(app.config, "ENGAGE_PAGE_CACHE", True)
    monkeypatch.setitem(app.extensions, cache.EXTENSION, redis_backend)
    return redis_backend


def visit(client, policy):
    url = f"/policies/{policy.slug}"
    with counting_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200
    return response, counted[0]


def test_the_memory_backend_keeps_the_most_recently_used_pages():
    backend = MemoryBackend(max_entries=2, max_bytes=1000)
    for key in "abc":
        backend.put(key, Entry.of(key * 100, ["0"]), 60)
        backend.get("a")  # "a" stays in use
    assert backend.get("b") is None
    assert backend.get("a") is not None
    assert backend.get("c") is not None
    backend.put("big", Entry.of("x" * 900, ["0"]), 60)  # too big for the budget: not kept
    assert backend.get("big") is None
    assert len(backend) == 2


def test_the_backend_follows_the_configuration():
    assert isinstance(make_backend({"ENGAGE_REDIS_URL": None}), MemoryBackend)
    on_redis = make_backend({"ENGAGE_REDIS_URL": REDIS_URL})
    assert isinstance(on_redis, RedisBackend)
    on_redis.redis.close()


def test_generations_start_random_and_change_when_bumped(redis_backend):
    first = redis_backend.generations(["all", "policy:x"])
    assert first == redis_backend.generations(["all", "policy:x"])
    assert "0" not in first  # a lost generation never brings back pages stored under "0"
    redis_backend.bump(["policy:x"])
    after = redis_backend.generations(["all", "policy:x"])
    assert after[0] == first[0]
    assert after[1] != first[1]


def test_pages_are_stored_with_their_ttl(redis_backend):
    entry = Entry.of("<p>Délai : 30 jours</p>", ["0a1b", "2c3d"])
    redis_backend.put("k", entry, 120)
    assert redis_backend.get("k") == entry
    assert 0 < redis_backend.redis.pttl(f"{redis_backend.prefix}page:k") <= 120_000
    assert redis_backend.get("missing") is None


def test_anonymous_pages_are_shared_through_redis(on_redis, app, ctx):
    policy = open_policy()
    db.session.commit()
    visit(app.test_client(), policy)
    response, queries = visit(app.test_client(), policy)  # another worker, the same Redis
    assert queries == 0
    assert response.headers["Cache-Control"] == "no-cache"
    post(factories.make_user(), policy, "Seen by every worker.")
    db.session.commit()
    response, queries = visit(app.test_client(), policy)
    assert queries > 0
    assert "Seen by every worker." in text(response)


def test_pages_are_served_when_redis_is_down(app, monkeypatch, ctx):
    down = RedisBackend("redis://127.0.0.1:1/0")  # nothing listens on port 1
    monkeypatch.setitem(app.config, "ENGAGE_PAGE_CACHE", True)
    monkeypatch.setitem(app.extensions, cache.EXTENSION, down)
    policy = open_policy(title="Still here")
    post(factories.make_user(), policy, "Changes are still saved.")
    db.session.commit()  # the bump fails, and is logged: the commit stands
    response, _queries = visit(app.test_client(), policy)
    assert "Still here" in text(response)
    assert response.headers["Cache-Control"] == "private, no-store"
    down.redis.close()


def test_pages_live_until_the_next_moment_the_period_changes(ctx):
    policy = open_policy()
    period = policy.current_version.periods[0]
    now = utcnow()
    period.opens_at, period.closes_at = now - timedelta(days=1), now + timedelta(days=3, hours=5)
    assert cache.fresh_for(policy, now) == pytest.approx(5 * 3600)  # 4 days left -> 3
    period.closes_at = now + timedelta(minutes=20)
    assert cache.fresh_for(policy, now) == pytest.approx(20 * 60)  # it closes
    period.opens_at, period.closes_at = now + timedelta(hours=2), now + timedelta(days=9)
    assert cache.fresh_for(policy, now) == pytest.approx(2 * 3600)  # it opens
    period.opens_at, period.closes_at = now - timedelta(days=9), now - timedelta(days=1)
    assert cache.fresh_for(policy, now) == float("inf")  # nothing is coming


def test_pages_live_until_a_listening_session_about_the_policy_ends(ctx):
    policy = factories.make_policy(period="closed")
    now = utcnow()
    event = Event(
        title="Listening", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1)
    )
    event.policies = [policy]
    db.session.add(event)
    db.session.flush()
    assert cache.fresh_for(policy, now) == pytest.approx(3600)
