"""Helpers for the catalog's tests: publishing versions and counting queries."""

import contextlib

import pytest
from sqlalchemy import event

from engage import cache
from engage.cache_backends import MemoryBackend
from engage.extensions import db
from engage.policies import services as catalog
from engage.policies.models import Policy, PolicyVersion


def publish(policy: Policy, sections: dict[str, str], change_summary: str = "") -> PolicyVersion:
    """Publish the next version of `policy` with exactly these sections."""
    number = catalog.next_version_number(policy)
    summary = change_summary or f"Revision {number}"
    return catalog.publish_version(
        None, policy, catalog.VersionData(number, summary, sections), tuple(sections)
    )


def page(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counted:` ... `counted[0]` is the number of SQL statements."""

    @contextlib.contextmanager
    def counting():
        counted = [0]

        def before(*args, **kwargs):
            counted[0] += 1

        engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counted
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting


# The page cache's fixtures (test_page_cache.py, test_viewer_cache.py) --------------------


class FakeClock:
    """The cache's clock, moved by hand: TTLs are tested without waiting."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def page_cache(app, monkeypatch, clock):
    """Turn the page cache on, with an empty in-process backend of its own."""
    store = MemoryBackend(clock=clock)
    monkeypatch.setitem(app.config, "ENGAGE_PAGE_CACHE", True)
    monkeypatch.setitem(app.extensions, cache.EXTENSION, store)
    return store


@pytest.fixture
def policy(ctx):
    """An open policy, committed (the page cache reads what other sessions see)."""
    from tests.comments.helpers_thread import open_policy

    policy = open_policy(title="Body-worn cameras")
    db.session.commit()
    return policy
