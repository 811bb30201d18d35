"""Annual surveillance reports for the last two full years, and their data-sharing lines."""

from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal

from engage.demo.report_facts_bpd import BPD_ENTRIES
from engage.demo.report_facts_city import CITY_ENTRIES
from engage.demo.report_specs import EntryFacts
from engage.demo.when import local_date
from engage.extensions import db
from engage.reports import services as reports
from engage.reports.models import AnnualReport
from engage.types import utcnow

DEPARTMENT_NOTES = {
    "BPD": "It includes the Boston Regional Intelligence Center, which runs the social media "
    "analysis tools.",
    "OEM": "The regional camera network is shared by the cities and towns of the Metro Boston "
    "homeland-security region; its figures cover the whole network.",
    "PARKS-R": "Only the Park Rangers unit of the Parks Department is covered by the ordinance.",
}
_COUNT_WORDS = {1: "one surveillance technology", 8: "eight surveillance technologies"}


def report_years() -> tuple[int, int]:
    """The two most recent full years, oldest first."""
    year = reports.current_year()
    return (year - 2, year - 1)


def load_reports(actor, technologies: dict) -> list[str]:
    """Create each covered department's reports for the last two years, entry by entry."""
    counts: Counter = Counter()
    for index, year in enumerate(report_years()):
        for department, facts in _by_department(technologies).items():
            report = _report(actor, department, year, len(facts), counts)
            for fact in facts:
                _entry(actor, report, fact, technologies[fact.technology], index, counts)
    years = " and ".join(str(year) for year in report_years())
    return [
        f"annual reports ({years}): {counts['created']} created, "
        f"{counts['present']} already present",
        f"report entries: {counts['entries']} created; data-sharing lines: "
        f"{counts['sharing']} created",
    ]


def _by_department(technologies: dict) -> dict:
    grouped = defaultdict(list)
    for fact in BPD_ENTRIES + CITY_ENTRIES:
        grouped[technologies[fact.technology].department].append(fact)
    return grouped


def _report(actor, department, year: int, technology_count: int, counts) -> AnnualReport:
    report = db.session.scalar(
        db.select(AnnualReport).where(
            AnnualReport.department_id == department.id, AnnualReport.year == year
        )
    )
    if report is not None:
        counts["present"] += 1
        return report
    covers = _COUNT_WORDS.get(technology_count, f"{technology_count} surveillance technologies")
    summary = (
        f"The {department.name} files this annual surveillance report for {year} under the "
        f"Surveillance Oversight Ordinance. It covers {covers}: how each was used, whether "
        "it captured people not suspected of wrongdoing, the data shared with other agencies, "
        "community complaints, audits, violations and costs, from January 1 to December 31, "
        f"{year}. {DEPARTMENT_NOTES.get(department.code, '')}"
    )
    data = reports.ReportData(department_id=department.id, year=year, summary=summary)
    report = reports.save_report(actor, data)
    report.published_at = min(local_date(year + 1, 4, 30), utcnow() - timedelta(days=1))
    counts["created"] += 1
    return report


def _entry(actor, report, fact: EntryFacts, technology, index: int, counts) -> None:
    if any(entry.technology_id == technology.id for entry in report.entries):
        return
    data = reports.EntryData(
        technology_id=technology.id,
        usage=fact.text(fact.usage, index, report.year),
        captured_non_suspects=fact.captured,
        non_suspect_notes=fact.non_suspects,
        complaint_count=fact.complaints[index],
        complaints=fact.complaints_text[index],
        audits=fact.text(fact.audits, index, report.year),
        violation_count=fact.violations[index],
        violations=fact.violations_text[index],
        cost=Decimal(fact.cost[index]),
        funding_source=fact.funding,
    )
    entry = reports.save_entry(actor, report, data)
    counts["entries"] += 1
    for line in fact.sharing:
        if line.counts[index] is None:
            continue
        sharing = reports.SharingData(
            line.recipient,
            line.data_type,
            line.legal_standard,
            line.justification,
            line.counts[index],
        )
        reports.add_sharing(actor, entry, sharing)
        counts["sharing"] += 1
