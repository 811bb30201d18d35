"""Demo session reports and city meetings: `load_event_reports()`, after the events demo.

Reports are filed for the demo's past listening sessions (looked up, not created here) through
the report service, as an organizer would. Two city meetings are posted through the meeting
service: a Council committee hearing on license plate readers taking testimony, with a few
speakers and one written testimony, and an Advisory Board meeting on the annual reports.
Everything is looked up first, so a second run adds nothing.
"""

from dataclasses import dataclass

from sqlalchemy.orm import selectinload

from engage.accounts.services import create_user, find_by_email
from engage.demo.people import DEMO_PASSWORD
from engage.demo.when import local_day
from engage.events.models import Event, EventKind, EventStatus, SpeakerSignup
from engage.events.services import meetings, reports
from engage.events.services.testimony import WrittenTestimony, submit_written_testimony
from engage.extensions import db
from engage.orgs.models import Membership
from engage.policies.models import Policy
from engage.reports.models import AnnualReport
from engage.types import utcnow


@dataclass(frozen=True)
class ReportText:
    attendance: int
    themes: tuple[str, ...]
    heard: str  # about each linked policy; {policy} is its title
    quotes: tuple[tuple[str, str], ...]
    summary: str


REPORT_TEXTS = (
    ReportText(
        attendance=34,
        themes=("data retention", "who sees the footage", "immigration enforcement", "cost"),
        heard=(
            "Most people had not heard of **{policy}** before the session. Once we read the "
            "retention section together, the main question was why footage that shows no "
            "crime is kept at all.\n\n"
            "- Several parents asked whether the footage can be shared with federal agencies.\n"
            "- Two people asked for a public count of requests for footage, by year.\n"
            "- People wanted to know who to call when a recording is wrong."
        ),
        quotes=(
            (
                "I'm not against cameras. I'm against not knowing where the pictures go.",
                "A Dorchester parent",
            ),
            (
                "Tell us how many times it was used, every year, in plain numbers.",
                "A tenant organizer",
            ),
        ),
        summary=(
            "Many participants came from our tenant meetings; about a third had never "
            "commented on a city policy before. People asked for a follow-up session once "
            "the department answers."
        ),
    ),
    ReportText(
        attendance=18,
        themes=("data retention", "sharing with other agencies", "accuracy"),
        heard=(
            "On **{policy}**, people kept coming back to sharing: which agencies, under what "
            "legal standard, and whether residents are told afterwards. Several asked that "
            'the policy name the agencies instead of saying "partner agencies".'
        ),
        quotes=(
            (
                "If my plate is in their database, I want to know who else can read it.",
                "A Chinatown resident",
            ),
        ),
        summary="Small groups by language, then everyone together to compare notes.",
    ),
    ReportText(
        attendance=26,
        themes=("oversight", "audits", "complaints process"),
        heard=(
            "Participants asked who audits the use of **{policy}** and whether audit results "
            "are published. Several wanted an independent complaint process, in several "
            "languages, with answers within 30 days."
        ),
        quotes=(("An audit nobody reads is not oversight.", "A Mattapan resident"),),
        summary="Young people led the discussion; several asked to join the next session.",
    ),
)


def _filer(event: Event):
    """An organizer of the event's organization (an admin first), else nobody (a system entry)."""
    membership = db.session.scalar(
        db.select(Membership)
        .where(Membership.organization_id == event.organization_id)
        .order_by(Membership.role, Membership.id)
    )
    return membership.user if membership else None


def _report_data(event: Event, text: ReportText) -> reports.ReportData:
    return reports.ReportData(
        attendance=text.attendance,
        themes=list(text.themes),
        findings={p.id: text.heard.format(policy=p.title) for p in event.policies},
        quotes=[reports.QuoteData(quote, who, True) for quote, who in text.quotes],
        summary=text.summary,
    )


def _past_sessions() -> list[Event]:
    return list(
        db.session.scalars(
            db.select(Event)
            .where(
                Event.kind == EventKind.LISTENING_SESSION.value,
                Event.organization_id.is_not(None),
                Event.status != EventStatus.CANCELLED.value,
                Event.ends_at <= utcnow(),
            )
            .options(selectinload(Event.policies), selectinload(Event.report))
            .order_by(Event.starts_at, Event.id)
        )
    )


def load_session_reports() -> list[str]:
    sessions = _past_sessions()
    if not sessions:
        return ["  session reports: no past demo sessions found (the events demo makes them)"]
    filed = 0
    for number, event in enumerate(sessions):
        if event.report is not None:
            continue
        text = REPORT_TEXTS[number % len(REPORT_TEXTS)]
        reports.file_report(_filer(event), event, _report_data(event, text))
        filed += 1
    return [f"  session reports: {filed} filed, {len(sessions) - filed} already present"]


# City meetings ------------------------------------------------------------------------------

HEARING_TITLE = "Committee on Public Safety: hearing on automated license plate readers"
BOARD_TITLE = "Surveillance Advisory Board: the annual surveillance reports"
SPEAKERS = (
    ("resident01@demo.engage", "Marisol R.", "in_person", "Retention and sharing with ICE"),
    ("resident07@demo.engage", "Mei Lin Chen", "virtual", "Language access"),
    ("resident03@demo.engage", "D. Okafor", "in_person", "Audits"),
    ("resident@demo.engage", "Rosa Resident", "in_person", ""),
)
TESTIMONY = (
    "I can't come to the hearing, so here is my testimony. Plate reads of people who are not "
    "suspected of anything should be deleted within **7 days**, and the department should "
    "publish every year how many reads it shared, and with whom."
)


def _existing(title: str) -> Event | None:
    return db.session.scalar(
        db.select(Event).where(Event.organization_id.is_(None), Event.title == title)
    )


def _person(email: str, name: str):
    return find_by_email(email) or create_user(email, "resident", DEMO_PASSWORD, name)


def _hearing(staff, policy: Policy) -> Event:
    starts = local_day(12, 10)
    data = meetings.MeetingData(
        title=HEARING_TITLE,
        description=(
            "The City Council's Committee on Public Safety and Criminal Justice hears the "
            "Police Department's proposed policy on automated license plate readers.\n\n"
            "Public testimony follows the department's presentation. Sign up to speak, in "
            "person or online, or send written testimony: it goes into the policy's record."
        ),
        starts_at=starts,
        ends_at=local_day(12, 13),
        policy_ids=[policy.id],
        in_person=True,
        venue="Boston City Hall, Iannella Chamber (5th floor)",
        address="1 City Hall Square, Boston, MA 02201",
        neighborhood="Downtown",
        accessibility_notes="Step-free entrance on Congress Street. Hearing loop in the chamber.",
        online=True,
        meeting_link="https://meet.boston.example/council/public-safety-alpr",
        languages=["en"],
        interpretation=["asl", "cart", "es", "zh-Hant"],
        kind=EventKind.HEARING.value,
        testimony_open=True,
        speaker_minutes=2,
    )
    return meetings.create_meeting(staff, data)


def _board_meeting(staff, report: AnnualReport | None) -> Event:
    data = meetings.MeetingData(
        title=BOARD_TITLE,
        description=(
            "The Surveillance Advisory Board reviews the departments' annual surveillance "
            "reports: what each technology was used for, complaints, audits and costs. "
            "Public comment at the end of the meeting, 3 minutes per speaker."
        ),
        starts_at=local_day(20, 18),
        ends_at=local_day(20, 20),
        report_ids=[report.id] if report else [],
        in_person=True,
        venue="Boston Public Library, Central Library, Rabb Hall",
        address="700 Boylston St, Boston, MA 02116",
        neighborhood="Back Bay",
        online=True,
        meeting_link="https://meet.boston.example/board/annual-reports",
        languages=["en"],
        interpretation=["asl", "cart"],
        kind=EventKind.BOARD_MEETING.value,
        testimony_open=True,
        speaker_minutes=3,
    )
    return meetings.create_meeting(staff, data)


def _speakers(event: Event) -> int:
    added = 0
    for email, name, mode, topic in SPEAKERS:
        person = _person(email, name)
        signed = db.session.scalar(
            db.select(SpeakerSignup.id).where(
                SpeakerSignup.event_id == event.id, SpeakerSignup.user_id == person.id
            )
        )
        if signed is None:
            meetings.sign_up_to_speak(person, event, mode, topic)
            added += 1
    return added


def _testimony(event: Event, policy: Policy) -> None:
    person = _person("resident09@demo.engage", "Sarah Goldberg")
    data = WrittenTestimony(policy.id, TESTIMONY, "concerns", True, "demo:hearing-alpr-1")
    submit_written_testimony(person, event, data)  # a second run finds it by its key


def load_city_meetings(staff) -> list[str]:
    policy = db.session.scalar(
        db.select(Policy).where(Policy.slug == "bpd-automated-license-plate-readers")
    )
    lines = []
    hearing = _existing(HEARING_TITLE)
    if hearing is None and policy is not None:
        hearing = _hearing(staff, policy)
        lines.append("  city meeting: Council hearing on license plate readers created")
    if hearing is not None and policy is not None:
        added = _speakers(hearing)
        _testimony(hearing, policy)
        lines.append(f"  hearing speakers: {added} signed up now; written testimony on record")
    if _existing(BOARD_TITLE) is None:
        report = db.session.scalar(db.select(AnnualReport).order_by(AnnualReport.year.desc()))
        _board_meeting(staff, report)
        lines.append("  city meeting: Advisory Board meeting on the annual reports created")
    else:
        lines.append("  city meeting: Advisory Board meeting already present")
    return lines


def load_event_reports(staff=None) -> list[str]:
    """File reports for past demo sessions and post two city meetings; return report lines."""
    staff = staff or find_by_email("staff@demo.engage")
    lines = ["session reports and city meetings:", *load_session_reports()]
    if staff is None:
        return [*lines, "  city meetings: no staff account (load the accounts first)"]
    return lines + load_city_meetings(staff)
