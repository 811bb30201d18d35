"""The data the page checks show (axe-core, HTML validity, reflow), made once per test session
in the live app: a policy with versions, a thread, a report, sessions, organizations ... and
who is who (`live_users`: one account per role; the organization member belongs to `org`)."""

from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

from engage.accounts.models import User
from engage.extensions import db
from engage.orgs.models import Organization
from engage.policies import services as catalog
from engage.policies.models import Policy
from engage.reports import services as reporting
from engage.types import utcnow
from tests import factories
from tests.browser.comment_seed import seed_comments
from tests.events.helpers_cal import browser_seed
from tests.events.helpers_events import events_browser_seed
from tests.orgs.helpers_orgs import add_member, orgs_browser_seed


@dataclass(frozen=True)
class Seed:
    """What the pages show: slugs and ids of objects created once in the live app."""

    policy: str
    policy_id: int
    version_id: int
    period_id: int
    department: str
    department_id: int
    technology: str
    technology_id: int
    report_year: int
    report_id: int
    entry_id: int
    sharing_id: int
    exigent_id: int
    user_id: int
    # Comments on `policy` (see _seed_comments): a thread with replies three levels deep,
    # an official response, a letter, an edited, a flagged and a withdrawn comment.
    comment_id: int = 0  # someone else's, with replies; the resident endorsed it
    reply_id: int = 0  # the third level of that conversation
    own_comment_id: int = 0  # the resident's, still editable
    expired_comment_id: int = 0  # the resident's, past the 15 minutes
    withdrawn_id: int = 0
    follow_token: str = ""  # the resident follows `policy`
    replies_token: str = ""
    closed_policy: str = ""  # its thread is read-only
    closed_comment_id: int = 0
    upcoming_policy: str = ""
    late_policy: str = ""  # closed, but accepting late comments
    meeting_id: int = 0  # a city meeting taking testimony (tests/events/helpers_cal.py)
    report_event_id: int = 0  # a past session with its report filed
    session_id: int = 0  # an online session where the resident has a seat (helpers_events.py)
    full_session_id: int = 0  # a full session with a waitlist
    session_org: str = ""  # the hosting organization; staff is one of its members
    org: str = ""  # a verified organization; the resident is its admin (tests/orgs/helpers_orgs.py)
    org_member_id: int = 0  # the membership of its other member
    org_invitation: str = ""  # the token of its open invitation
    org_pending: str = ""  # an application waiting for staff
    org_id: int = 0  # that application's id (the staff review pages)
    # The oversight board (board_browser_seed): a seat with its member, a meeting, the open
    # period's summary and a theme of the policy.
    seat_id: int = 0
    member_id: int = 0
    board_meeting_id: int = 0
    summary_id: int = 0
    theme_id: int = 0


def make_seed(users: dict[str, str]) -> Seed:
    """Create the pages' data; `users` is live_users (role -> email). Call in live_data()."""
    staff, resident = _user(users["staff"]), _user(users["resident"])
    seed = _seed(staff)
    policy, other = db.session.get(Policy, seed.policy_id), db.session.get(User, seed.user_id)
    seed = replace(seed, **browser_seed(staff, policy))
    seed = replace(seed, **events_browser_seed(staff, policy, resident))
    seed = replace(seed, **orgs_browser_seed(resident))
    _join(users.get("org_member"), seed.org)
    seed = replace(seed, **seed_comments(policy, staff, resident, other))
    return replace(seed, **board_browser_seed(staff, policy, seed.period_id))


def board_browser_seed(staff, policy, period_id: int) -> dict:
    """A board seat and member, a board meeting, a summary of the open period and a theme."""
    from engage.board.models import BoardMeeting, BoardMember, BoardSeat
    from engage.board.summaries import open_summary
    from engage.board.theme_services import add_theme
    from engage.policies.models import CommentPeriod

    seat = BoardSeat(name="Council President's appointee", appointed_by="Council President")
    db.session.add(seat)
    db.session.flush()
    member = BoardMember(seat_id=seat.id, name="Ada Example", term_start=utcnow().date())
    meeting = BoardMeeting(title="Quarterly meeting", starts_at=utcnow(), agenda_md="Summaries")
    db.session.add_all([member, meeting])
    theme = add_theme(staff, policy, "Retention period")
    summary = open_summary(staff, db.session.get(CommentPeriod, period_id))
    db.session.flush()
    return {
        "seat_id": seat.id,
        "member_id": member.id,
        "board_meeting_id": meeting.id,
        "summary_id": summary.id,
        "theme_id": theme.id,
    }


def _user(email: str) -> User:
    return db.session.scalar(db.select(User).where(User.email == email))


def _join(email: str | None, slug: str) -> None:
    """The organization member's account belongs to the seeded organization."""
    if email:
        org = db.session.scalar(db.select(Organization).where(Organization.slug == slug))
        add_member(org, _user(email))


def _seed(staff) -> Seed:
    technology = factories.make_technology(name="Body-worn cameras", category="video")
    policy = factories.make_policy(
        title="Body-worn camera policy", versions=2, technology=technology, actor=staff
    )
    period = factories.add_period(policy.current_version, "open")
    catalog.extend_period(staff, period, period.closes_at + timedelta(days=7), "Public meeting")
    report = factories.make_report(technology.department, year=utcnow().year - 1)
    entry = reporting.save_entry(staff, report, _entry(technology))
    sharing = reporting.add_sharing(staff, entry, _sharing())
    notice = factories.make_exigent(technology, received_days_ago=15)
    resident = factories.make_user(display_name="Someone Else")
    return Seed(
        policy=policy.slug,
        policy_id=policy.id,
        version_id=policy.current_version.id,
        period_id=period.id,
        department=technology.department.code,
        department_id=technology.department_id,
        technology=technology.slug,
        technology_id=technology.id,
        report_year=report.year,
        report_id=report.id,
        entry_id=entry.id,
        sharing_id=sharing.id,
        exigent_id=notice.id,
        user_id=resident.id,
    )


def _entry(technology) -> reporting.EntryData:
    return reporting.EntryData(
        technology_id=technology.id,
        usage="Worn by **412** officers on every shift.",
        captured_non_suspects="yes",
        complaint_count=3,
        complaints="Three complaints about recording in homes.",
        audits="Quarterly audit of access logs.",
        cost=Decimal("125000.00"),
        funding_source="Operating budget",
    )


def _sharing() -> reporting.SharingData:
    return reporting.SharingData(
        recipient="District Attorney",
        data_type="Video footage",
        legal_standard="Subpoena",
        justification="Prosecution",
        count=27,
    )
