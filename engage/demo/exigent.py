"""Exigent-use notices: a reported and rejected one, an overdue one, and one still going on."""

from dataclasses import dataclass
from datetime import datetime

from engage.demo.when import local_date, local_day
from engage.extensions import db
from engage.reports import services as reports
from engage.reports.models import ExigentUse


@dataclass(frozen=True)
class NoticeSpec:
    technology: str
    title: str
    description: str
    started: datetime
    ended: datetime | None
    received: datetime | None = None
    outcome: str = "pending"
    outcome_note: str = ""


def notice_specs() -> tuple[NoticeSpec, ...]:
    """The notices, with moments computed now (some are relative to today)."""
    return (
        NoticeSpec(
            technology="social-media-analysis-tools",
            title="Three social media analysis tools used without prior approval",
            description=(
                "The Boston Regional Intelligence Center used three social media analysis "
                "tools that the City Council had not approved, under the ordinance's "
                "exigent-use clause, after threats of violence against public events were "
                "posted online. Analysts searched public posts by keyword and location.\n\n"
                "The Department submitted its exigent-use report to the City Council, which "
                "reviewed it at a public hearing."
            ),
            started=local_date(2025, 1, 20, 9),
            ended=local_date(2025, 2, 14, 17),
            received=local_date(2025, 3, 12, 11),
            outcome="rejected",
            outcome_note=(
                "The City Council rejected the report. Councilors found that it did not show an "
                "emergency lasting the whole period of use, and did not say what information "
                "was collected, about whom, or whether it was kept."
            ),
        ),
        NoticeSpec(
            technology="cell-site-simulator",
            title="Cell-site simulator used to locate a missing teenager",
            description=(
                "The Department used its cell-site simulator, whose policy has not yet been "
                "approved, to locate the phone of a 15-year-old reported missing and believed "
                "to be in danger. The teenager was found safe the same night."
            ),
            started=local_day(-46, 21),
            ended=local_day(-45, 3),
        ),
        NoticeSpec(
            technology="unmanned-aircraft-systems-drones",
            title="Thermal-camera drone flights in a search for a missing person",
            description=(
                "Drones with thermal cameras are being flown over wooded parkland in Hyde Park "
                "at night to search for an older adult with dementia reported missing. "
                "Night flights with thermal cameras are not among the uses the current "
                "policy approves."
            ),
            started=local_day(-2, 20),
            ended=None,
        ),
    )


def load_exigent(actor, technologies: dict) -> list[str]:
    """Create the notices missing from the database (matched by title)."""
    created = present = 0
    for spec in notice_specs():
        exists = db.session.scalar(db.select(ExigentUse.id).where(ExigentUse.title == spec.title))
        if exists is not None:
            present += 1
            continue
        _create(actor, spec, technologies[spec.technology])
        created += 1
    return [f"exigent-use notices: {created} created, {present} already present"]


def _create(actor, spec: NoticeSpec, technology) -> ExigentUse:
    data = reports.ExigentData(
        department_id=technology.department_id,
        technology_id=technology.id,
        title=spec.title,
        started_at=spec.started,
        ended_at=spec.ended,
        description=spec.description,
    )
    notice = reports.save_exigent(actor, data)
    notice.created_at = spec.started
    if spec.received is not None or spec.outcome != "pending":
        reports.record_exigent_report(actor, notice, spec.received, spec.outcome, spec.outcome_note)
    return notice
