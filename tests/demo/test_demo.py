"""`flask engage demo`: a realistic, idempotent demo of the whole catalog."""

import re

from sqlalchemy import func

from engage.accounts.models import User
from engage.audit import AuditEntry
from engage.config import DEFAULT_SECTIONS
from engage.demo.moderation_appeals import SECOND_MODERATOR
from engage.demo.orgs import ORG_ADMIN_EMAIL
from engage.demo.people import DEMO_ACCOUNTS, DEMO_PASSWORD
from engage.extensions import db
from engage.policies.models import (
    CommentPeriod,
    Department,
    PeriodExtension,
    PeriodState,
    Policy,
    PolicySection,
    PolicyStatus,
    PolicyVersion,
    Technology,
)
from engage.policies.services import current_period
from engage.reports.models import AnnualReport, DataSharingEntry, ExigentUse, ReportEntry
from engage.reports.services import current_year

MODELS = (
    Department,
    Technology,
    Policy,
    PolicyVersion,
    PolicySection,
    CommentPeriod,
    PeriodExtension,
    AnnualReport,
    ReportEntry,
    DataSharingEntry,
    ExigentUse,
    User,
    AuditEntry,
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def count(model) -> int:
    return db.session.scalar(db.select(func.count()).select_from(model))


def counts() -> dict[str, int]:
    return {model.__name__: count(model) for model in MODELS}


def policies() -> list[Policy]:
    return list(db.session.scalars(db.select(Policy).order_by(Policy.slug)))


def test_demo_builds_the_catalog_with_policies_revised_version_by_version(demo):
    assert count(Department) >= 8
    btd = db.session.scalar(db.select(Department).where(Department.code == "BTD"))
    assert btd is not None and not btd.covered
    assert count(Technology) == 15
    catalog = policies()
    assert len(catalog) >= 12
    covered = {t.id for t in db.session.scalars(db.select(Technology)) if t.department.covered}
    assert covered <= {p.technology_id for p in catalog}
    assert {p.status for p in catalog} == set(PolicyStatus)
    for policy in catalog:
        assert policy.summary_html.startswith("<p>")
        assert 2 <= len(policy.versions) <= 3
        for version in policy.versions:
            assert tuple(s.key for s in version.sections) == DEFAULT_SECTIONS, policy.slug
            assert all(len(s.body_md) > 80 for s in version.sections), policy.slug
        for earlier, later in zip(policy.versions, policy.versions[1:], strict=False):
            assert later.change_summary, policy.slug
            changed = [s.key for s in later.sections if s.body_md != earlier.section(s.key).body_md]
            assert changed, f"{policy.slug} v{later.number} changes nothing"
            assert earlier.published_at < later.published_at
    alpr = db.session.scalar(
        db.select(Policy).where(Policy.slug == "bpd-automated-license-plate-readers")
    )
    assert "**90 days**" in alpr.version(2).section("data_retention").body_md
    assert "**30 days**" in alpr.version(3).section("data_retention").body_md
    assert "search warrant" in alpr.version(3).section("authorized_uses").body_md
    assert "<ul>" in alpr.version(3).section("authorized_uses").body_html


def test_comment_periods_are_open_upcoming_and_closed(demo):
    periods = {p.slug: current_period(p) for p in policies()}
    by_state = {state: [] for state in PeriodState}
    for period in periods.values():
        if period is not None:
            by_state[period.state].append(period)
    assert sorted(p.days_left() for p in by_state[PeriodState.OPEN]) == [3, 10, 20, 30]
    assert len(by_state[PeriodState.UPCOMING]) >= 2
    assert len(by_state[PeriodState.CLOSED]) >= 5
    extended = periods["bpd-automated-license-plate-readers"]
    assert extended.extensions and "listening session" in extended.extensions[0].reason
    assert extended.original_closes_at < extended.closes_at
    closed_early = periods["bpd-mobile-device-forensic-extraction"]
    assert closed_early.closed_early_at is not None and closed_early.close_reason
    for policy in policies():
        period = periods[policy.slug]
        is_open = period is not None and period.state is PeriodState.OPEN
        assert is_open == (policy.status == PolicyStatus.OPEN_FOR_COMMENT), policy.slug


def test_two_years_of_reports_and_exigent_notices_rejected_and_overdue(demo):
    year = current_year()
    reports = list(db.session.scalars(db.select(AnnualReport)))
    assert {r.year for r in reports} == {year - 2, year - 1}
    covered = set(db.session.scalars(db.select(Department.id).where(Department.covered)))
    for report_year in (year - 2, year - 1):
        assert {r.department_id for r in reports if r.year == report_year} == covered
    entries = list(db.session.scalars(db.select(ReportEntry)))
    assert len(entries) == 28
    assert {e.captured_non_suspects for e in entries} == {"yes", "no", "unknown"}
    assert all(e.usage_html and e.funding_source and e.cost is not None for e in entries)
    assert any(e.violation_count and "reprimand" in e.violations_md for e in entries)
    assert any("UASI" in e.funding_source for e in entries)
    sharing = list(db.session.scalars(db.select(DataSharingEntry)))
    assert len(sharing) >= 40
    assert all(s.recipient and s.data_type and s.legal_standard for s in sharing)
    notices = list(db.session.scalars(db.select(ExigentUse)))
    rejected = next(n for n in notices if n.technology.slug == "social-media-analysis-tools")
    assert rejected.started_at.year == 2025
    assert rejected.outcome == "rejected" and rejected.report_on_time is True
    assert any(n.is_overdue for n in notices)
    assert any(n.ended_at is None for n in notices)


def test_role_accounts_sign_in_and_the_staff_account_is_audited(demo, client):
    users = {u.role: u for u in db.session.scalars(db.select(User))}
    assert set(users) == {a.role for a in DEMO_ACCOUNTS}
    assert all(u.is_confirmed and u.email.endswith("@demo.engage") for u in users.values())
    assert users["staff"].department.code == "BPD"
    response = client.post_form(
        "/auth/login", {"email": "admin@demo.engage", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    actions = db.session.scalars(
        db.select(AuditEntry.action).where(AuditEntry.actor_id == users["staff"].id)
    ).all()
    for action in ("policy.create", "version.publish", "period.open", "period.extend"):
        assert action in actions
    assert {"period.close", "report.create", "report.sharing.create", "exigent.report"} <= set(
        actions
    )


def test_the_demo_text_names_no_email_address_but_the_demo_accounts(demo):
    texts = [*demo]
    for model, columns in (
        (Policy, ("title", "summary_md")),
        (PolicyVersion, ("change_summary",)),
        (PolicySection, ("body_md",)),
        (CommentPeriod, ("close_reason",)),
        (PeriodExtension, ("reason",)),
        (AnnualReport, ("summary_md",)),
        (ReportEntry, ("usage_md", "non_suspect_notes", "complaints_md", "audits_md")),
        (ReportEntry, ("violations_md", "funding_source")),
        (DataSharingEntry, ("recipient", "data_type", "legal_standard", "justification")),
        (ExigentUse, ("title", "description_md", "outcome_note")),
        (Department, ("name", "note")),
        (Technology, ("name", "summary")),
    ):
        for column in columns:
            texts += [t or "" for t in db.session.scalars(db.select(getattr(model, column)))]
    found = {match for text in texts for match in EMAIL.findall(text)}
    # The organization admin's and the second moderator's accounts are printed too, so people
    # can try the organizer's pages and an appeal decided by another moderator.
    extra = {ORG_ADMIN_EMAIL, SECOND_MODERATOR[0]}
    assert found == {account.email for account in DEMO_ACCOUNTS} | extra


def test_running_the_command_twice_adds_nothing(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["engage", "demo"])
    assert first.exit_code == 0, first.output
    assert "policies: 15 created, 0 already present" in first.output
    assert DEMO_PASSWORD in first.output and "staff@demo.engage" in first.output
    with app.app_context():
        before = counts()
    second = runner.invoke(args=["engage", "demo"])
    assert second.exit_code == 0, second.output
    assert "policies: 0 created, 15 already present" in second.output
    assert "resident@demo.engage     already present" in second.output
    with app.app_context():
        assert counts() == before
