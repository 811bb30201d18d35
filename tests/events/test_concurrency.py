"""Capacity holds under real concurrency (PostgreSQL): nobody over the limit, nobody lost.

Each sign-up or cancellation runs in its own thread, with its own app context, session and
database connection, all released at once by a barrier. The data is committed (the threads
can't see a test transaction) and removed at the end.
"""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func

from engage.accounts.models import User
from engage.audit import AuditEntry
from engage.events import services
from engage.events.models import Event, Registration
from engage.extensions import db
from engage.mail import OutboxMessage
from engage.orgs.models import Organization
from engage.types import utcnow
from tests.conftest import make_test_app

SEATS, PEOPLE, LEAVING = 20, 200, 20

pytestmark = pytest.mark.no_transaction


@pytest.fixture(scope="module")
def pg_app(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("the row-lock path needs PostgreSQL (set ENGAGE_TEST_DATABASE_URL)")
    # Enough connections for many threads at once; the rest queue for one.
    app = make_test_app(
        database_url,
        SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 40, "max_overflow": 0, "pool_timeout": 120},
    )
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def scene(pg_app):
    """A 20-seat session and 200 residents, committed; everything removed afterwards."""
    with pg_app.app_context():
        marks = {
            model: db.session.scalar(db.select(func.coalesce(func.max(model.id), 0)))
            for model in (AuditEntry, OutboxMessage)
        }
        ids = _create_scene()
    yield ids
    with pg_app.app_context():
        _remove_scene(ids, marks)


def _create_scene() -> dict:
    stamp = utcnow().strftime("%H%M%S%f")
    org = Organization(slug=f"load-{stamp}", name=f"Load test {stamp}", status="verified")
    start = utcnow() + timedelta(days=10)
    event = Event(
        organization=org,
        title="A popular session",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        address="1 City Hall Sq",
        languages=["en"],
        interpretation=[],
        capacity=SEATS,
        registration_deadline=start,
        accommodation_deadline=start - timedelta(days=14),
    )
    users = [
        User(
            email=f"load-{stamp}-{n}@example.org",
            display_name=f"Person {n}",
            password_hash="x",
            email_confirmed_at=utcnow(),
        )
        for n in range(PEOPLE)
    ]
    db.session.add_all([org, event, *users])
    db.session.commit()
    return {"org": org.id, "event": event.id, "users": [u.id for u in users]}


def _remove_scene(ids: dict, marks: dict) -> None:
    # Bulk deletes: the audit log refuses deletion through the ORM, rightly, except here.
    for model, mark in marks.items():
        db.session.execute(db.delete(model).where(model.id > mark))
    db.session.execute(db.delete(Registration).where(Registration.event_id == ids["event"]))
    db.session.execute(db.delete(Event).where(Event.id == ids["event"]))
    db.session.execute(db.delete(Organization).where(Organization.id == ids["org"]))
    db.session.execute(db.delete(User).where(User.id.in_(ids["users"])))
    db.session.commit()


def _run_together(app, jobs) -> list[BaseException]:
    """Run each job(…) in its own thread and app context, released together."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job):
        with app.app_context():
            try:
                barrier.wait()
                job()
                db.session.commit()
            except BaseException as error:
                db.session.rollback()
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return errors


def _sign_up(event_id: int, user_id: int):
    def job():
        event = db.session.get(Event, event_id)
        services.sign_up(db.session.get(User, user_id), event, waitlist=True)

    return job


def _cancel(registration_id: int):
    def job():
        registration = db.session.get(Registration, registration_id)
        services.cancel_sign_up(registration.user, registration)

    return job


def _statuses(event_id: int) -> dict[str, list[Registration]]:
    rows = db.session.scalars(
        db.select(Registration)
        .where(Registration.event_id == event_id)
        .order_by(Registration.waitlisted_at, Registration.id)
    ).all()
    found: dict[str, list[Registration]] = {"confirmed": [], "waitlisted": [], "cancelled": []}
    for row in rows:
        found[row.status].append(row)
    return found


def test_200_sign_ups_for_20_seats_then_20_cancellations(pg_app, scene):
    event_id = scene["event"]
    errors = _run_together(pg_app, [_sign_up(event_id, u) for u in scene["users"]])
    assert errors == []
    with pg_app.app_context():
        found = _statuses(event_id)
        assert len(found["confirmed"]) == SEATS
        assert len(found["waitlisted"]) == PEOPLE - SEATS
        next_in_line = [r.id for r in found["waitlisted"][:LEAVING]]
        leaving = [r.id for r in found["confirmed"]]
        mails = db.session.scalar(
            db.select(func.count(OutboxMessage.id)).where(
                OutboxMessage.kind.in_(["event_confirmed", "event_waitlisted"])
            )
        )
        assert mails == PEOPLE

    errors = _run_together(pg_app, [_cancel(r) for r in leaving])
    assert errors == []
    with pg_app.app_context():
        found = _statuses(event_id)
        assert sorted(r.id for r in found["confirmed"]) == sorted(next_in_line)
        assert len(found["waitlisted"]) == PEOPLE - SEATS - LEAVING
        assert sorted(r.id for r in found["cancelled"]) == sorted(leaving)
        promoted = db.session.scalars(
            db.select(OutboxMessage.to_address).where(OutboxMessage.kind == "event_promoted")
        ).all()
        expected = db.session.scalars(
            db.select(User.email)
            .join(Registration, Registration.user_id == User.id)
            .where(Registration.id.in_(next_in_line))
        ).all()
        assert sorted(promoted) == sorted(expected)
