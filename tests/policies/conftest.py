"""Helpers for the catalog's tests: publishing versions and counting queries."""

import contextlib

import pytest
from sqlalchemy import event

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
