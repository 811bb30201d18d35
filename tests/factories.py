"""Small hand-written factories: the least data a test needs, with sensible defaults."""

import itertools
from datetime import timedelta

from engage.accounts.models import User
from engage.extensions import db
from engage.policies import services as catalog
from engage.policies.models import CommentPeriod, Department, Policy, PolicyVersion, Technology
from engage.reports.models import AnnualReport, ExigentUse
from engage.types import utcnow

PASSWORD = "correct-horse-battery"
_seq = itertools.count(1)


def make_user(role: str = "resident", confirmed: bool = True, **fields) -> User:
    n = next(_seq)
    password = fields.pop("password", PASSWORD)
    user = User(
        email=fields.pop("email", f"{role}{n}@example.org"),
        display_name=fields.pop("display_name", f"{role.capitalize()} {n}"),
        role=role,
        email_confirmed_at=utcnow() if confirmed else None,
        **fields,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def make_department(code: str | None = None, **fields) -> Department:
    n = next(_seq)
    department = Department(
        code=code or f"D{n}", name=fields.pop("name", f"Department {n}"), **fields
    )
    db.session.add(department)
    db.session.flush()
    return department


def make_technology(department: Department | None = None, **fields) -> Technology:
    n = next(_seq)
    department = department or make_department()
    technology = Technology(
        slug=fields.pop("slug", f"technology-{n}"),
        name=fields.pop("name", f"Technology {n}"),
        category=fields.pop("category", "video"),
        summary=fields.pop("summary", "A camera."),
        department=department,
        **fields,
    )
    db.session.add(technology)
    db.session.flush()
    return technology


SECTION_TEXT = {
    "purpose": "To document incidents and improve accountability.",
    "data_retention": "Footage is kept for **90 days** unless it is evidence.",
}


def make_policy(
    title: str | None = None,
    sections: dict[str, str] | None = None,
    versions: int = 1,
    period: str | None = None,
    technology: Technology | None = None,
    status: str = "draft",
    actor: User | None = None,
) -> Policy:
    """A policy with `versions` versions and, if asked, an 'open', 'upcoming' or 'closed' period."""
    n = next(_seq)
    technology = technology or make_technology()
    policy = catalog.save_policy(
        actor,
        catalog.PolicyData(
            title=title or f"Policy {n}",
            department_id=technology.department_id,
            technology_id=technology.id,
            summary="What this technology is and what the city does with it.",
            status=status,
        ),
    )
    texts = dict(sections or SECTION_TEXT)
    for number in range(1, versions + 1):
        catalog.publish_version(
            actor,
            policy,
            catalog.VersionData(number, f"Revision {number}" if number > 1 else "", texts),
            tuple(texts),
        )
    if period:
        add_period(policy.current_version, period)
    db.session.flush()
    return policy


def add_period(version: PolicyVersion, state: str, accepts_late: bool = False) -> CommentPeriod:
    """Attach a period that is open, upcoming or closed right now."""
    now = utcnow()
    opens, closes = {
        "open": (now - timedelta(days=3), now + timedelta(days=10)),
        "upcoming": (now + timedelta(days=5), now + timedelta(days=35)),
        "closed": (now - timedelta(days=40), now - timedelta(days=10)),
    }[state]
    period = CommentPeriod(
        version=version,
        opens_at=opens,
        closes_at=closes,
        original_closes_at=closes,
        accepts_late_comments=accepts_late,
    )
    db.session.add(period)
    db.session.flush()
    return period


def make_report(department: Department | None = None, year: int = 2025) -> AnnualReport:
    report = AnnualReport(department=department or make_department(), year=year, summary_md="")
    db.session.add(report)
    db.session.flush()
    return report


def make_exigent(
    technology: Technology | None = None, ended_days_ago: int = 40, received_days_ago=None
):
    technology = technology or make_technology()
    now = utcnow()
    ended = now - timedelta(days=ended_days_ago)
    notice = ExigentUse(
        department_id=technology.department_id,
        technology=technology,
        title="Emergency use",
        started_at=ended - timedelta(days=2),
        ended_at=ended,
        report_due_at=ended + timedelta(days=30),
        report_received_at=(now - timedelta(days=received_days_ago)) if received_days_ago else None,
    )
    db.session.add(notice)
    db.session.flush()
    return notice
