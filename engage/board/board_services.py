"""The board's own rules: private notes, visits, and the seats, members and meetings staff keep."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l

from engage import audit, reference
from engage.accounts.models import User
from engage.accounts.services import find_by_email
from engage.board.models import (
    BoardMeeting,
    BoardMember,
    BoardNote,
    BoardSeat,
    BoardVisit,
    Summary,
)
from engage.extensions import db
from engage.sanitize import clean_text, render_document, render_markdown
from engage.types import utcnow

# Requests closer together than this are one visit: what was new stays marked during it.
VISIT_GAP = timedelta(minutes=30)
NOTE_MAX = 5000
TEXT_MAX = 20000


class BoardError(ValueError):
    """A change the rules refuse; nothing was changed. `field` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.field = field
        self.code = code


def _text(value: str | None, max_length: int, field: str, required: bool = True) -> str:
    text = clean_text(value)
    if required and not text:
        raise BoardError(_l("This can't be empty."), field, "required")
    if len(text) > max_length:
        raise BoardError(_l("Use at most %(n)d characters.", n=max_length), field, "too_long")
    return text


# Visits ----------------------------------------------------------------------------------


def record_visit(user: User, now: datetime | None = None) -> BoardVisit:
    """Note that `user` opened a board page; its `previous_visit_at` says what is new.

    A visit is a run of requests less than VISIT_GAP apart: within it `previous_visit_at`
    stays put, so what was new when the member arrived stays marked until they leave.
    """
    now = now or utcnow()
    visit = db.session.get(BoardVisit, user.id)
    if visit is None:
        visit = BoardVisit(user_id=user.id, previous_visit_at=None, last_visit_at=now)
        db.session.add(visit)
    elif now - visit.last_visit_at > VISIT_GAP:
        visit.previous_visit_at = visit.last_visit_at
        visit.last_visit_at = now
    else:
        visit.last_visit_at = now
    db.session.flush()
    return visit


# Notes -----------------------------------------------------------------------------------


def add_note(author: User, summary: Summary, body: str) -> BoardNote:
    """Keep a board member's private note on a summary that was sent to the board."""
    if summary.latest_version is None:
        raise BoardError(_l("This summary has not been sent to the board."), "body", "not_sent")
    source = _text(body, NOTE_MAX, "body")
    note = BoardNote(
        summary_id=summary.id,
        author_id=author.id,
        body_md=source,
        body_html=render_markdown(source),
    )
    db.session.add(note)
    db.session.flush()
    audit.record(author, "board.note", note, summary=f"Note on summary {summary.id}")
    return note


# Seats -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeatData:
    name: str
    appointed_by: str
    position: int = 0


def load_seats(actor: User | None) -> int:
    """Add the seats the city lists (reference data) that are missing, by name; return how many."""
    existing = set(db.session.scalars(db.select(BoardSeat.name)))
    rows = {row.name: row for row in reference.board_seats() if row.name not in existing}
    added = [
        BoardSeat(name=r.name, appointed_by=r.appointed_by, position=r.position)
        for r in rows.values()
    ]
    db.session.add_all(added)
    db.session.flush()
    for seat in added:
        audit.record(actor, "board.seat_created", seat, summary=f"{seat.name} (city's list)")
    return len(added)


def save_seat(actor: User, data: SeatData, seat: BoardSeat | None = None) -> BoardSeat:
    """Create or change a seat."""
    name = _text(data.name, 120, "name")
    appointed_by = _text(data.appointed_by, 200, "appointed_by")
    if data.position < 0 or data.position > 1000:
        raise BoardError(_l("Use a number from 0 to 1000."), "position")
    taken = db.session.scalar(
        db.select(BoardSeat.id).where(
            BoardSeat.name == name, BoardSeat.id != getattr(seat, "id", 0)
        )
    )
    if taken is not None:
        raise BoardError(_l("Another seat already has this name."), "name", "duplicate")
    created = seat is None
    seat = seat or BoardSeat()
    seat.name, seat.appointed_by, seat.position = name, appointed_by, data.position
    db.session.add(seat)
    db.session.flush()
    action = "board.seat_created" if created else "board.seat_changed"
    audit.record(actor, action, seat, summary=name)
    return seat


# Members ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberData:
    seat_id: int
    name: str
    term_start: date | None
    term_end: date | None = None
    account_email: str = ""


def _account(email: str) -> User | None:
    if not clean_text(email):
        return None
    user = find_by_email(clean_text(email))
    if user is None:
        raise BoardError(_l("No account uses this email address."), "account_email", "no_account")
    return user


def _check_term(data: MemberData, member: BoardMember | None) -> None:
    if data.term_start is None:
        raise BoardError(_l("Enter the date the term starts."), "term_start", "required")
    if data.term_end is not None and data.term_end < data.term_start:
        raise BoardError(_l("A term can't end before it starts."), "term_end", "order")
    others = db.session.scalars(
        db.select(BoardMember).where(
            BoardMember.seat_id == data.seat_id, BoardMember.id != getattr(member, "id", 0)
        )
    )
    for other in others:
        if _overlap(data.term_start, data.term_end, other.term_start, other.term_end):
            raise BoardError(
                _l("%(name)s holds this seat during part of that term.", name=other.name),
                "term_start",
                "overlap",
            )


def _overlap(start: date, end: date | None, other_start: date, other_end: date | None) -> bool:
    """Terms share a day (an open end runs on); a term may start the day the other ends."""
    return (end is None or end > other_start) and (other_end is None or other_end > start)


def save_member(actor: User, data: MemberData, member: BoardMember | None = None) -> BoardMember:
    """Create or change who holds a seat for which term; one holder per seat at a time."""
    seat = db.session.get(BoardSeat, data.seat_id)
    if seat is None:
        raise BoardError(_l("Choose a seat."), "seat_id")
    name = _text(data.name, 120, "name")
    _check_term(data, member)
    account = _account(data.account_email)
    created = member is None
    member = member or BoardMember()
    member.seat_id, member.name = seat.id, name
    member.term_start, member.term_end = data.term_start, data.term_end
    member.user_id = account.id if account else None
    db.session.add(member)
    db.session.flush()
    action = "board.member_created" if created else "board.member_changed"
    audit.record(actor, action, member, summary=f"{name}: {seat.name}")
    return member


# Meetings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingData:
    title: str
    starts_at: datetime | None
    location: str = ""
    agenda: str = ""
    minutes: str = ""


def save_meeting(actor: User, data: MeetingData, meeting: BoardMeeting | None = None):
    """Create or change a board meeting, its agenda and (afterwards) its minutes."""
    title = _text(data.title, 250, "title")
    if data.starts_at is None:
        raise BoardError(_l("Enter when the meeting starts."), "starts_at", "required")
    location = _text(data.location, 300, "location", required=False)
    agenda = _text(data.agenda, TEXT_MAX, "agenda", required=False)
    minutes = _text(data.minutes, TEXT_MAX, "minutes", required=False)
    if minutes and data.starts_at > utcnow():
        raise BoardError(_l("Minutes can be added once the meeting has taken place."), "minutes")
    created = meeting is None
    meeting = meeting or BoardMeeting()
    meeting.title, meeting.starts_at, meeting.location = title, data.starts_at, location
    meeting.agenda_md, meeting.agenda_html = agenda, render_document(agenda)
    meeting.minutes_md, meeting.minutes_html = minutes, render_document(minutes)
    db.session.add(meeting)
    db.session.flush()
    action = "board.meeting_created" if created else "board.meeting_changed"
    audit.record(actor, action, meeting, summary=title)
    return meeting
