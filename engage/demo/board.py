"""The oversight board: seats from the city's list, members (fictional), meetings, notes.

Seats come from engage/data/board_seats.csv (Boston's five). Every member's name is invented
for the demo; board@demo.engage holds one seat. Two meetings took place (agenda and minutes),
one is coming. Two private notes go on a summary sent to the board, if the demo has one yet.
Everything is looked up before it is created, so running the demo again adds nothing.
"""

from dataclasses import dataclass
from datetime import date

from engage.board import board_services
from engage.board.models import (
    BoardMeeting,
    BoardMember,
    BoardNote,
    BoardSeat,
    Summary,
    SummaryVersion,
)
from engage.demo.when import local_day
from engage.extensions import db
from engage.types import utcnow


@dataclass(frozen=True)
class MemberSpec:
    seat_position: int
    name: str  # invented for the demo
    start: tuple[int, int, int]  # (years from this year, month, day)
    end: tuple[int, int, int] | None
    account_role: str | None = None


# board@demo.engage's display name is used for the seat it holds (account_role="board").
MEMBERS = (
    MemberSpec(1, "Gerald Abernathy-Moss", (-4, 3, 1), (-1, 2, 28)),
    MemberSpec(1, "Imani Castellano", (-1, 3, 1), (2, 2, 28)),
    MemberSpec(2, "Dolores Okafor-Lindqvist", (-2, 7, 1), (1, 6, 30)),
    MemberSpec(3, "Tomás Reyes-Whitfield", (-1, 9, 15), (2, 9, 14)),
    MemberSpec(4, "", (-1, 1, 15), (2, 1, 14), account_role="board"),
    MemberSpec(5, "Wen Li Harrington", (-2, 1, 15), (1, 1, 14)),
)

AGENDA_SPRING = """1. Call to order and roll call
2. Approval of the minutes of the previous meeting
3. Automated license plate readers: the engagement summary of the comment period
4. Social media analysis tools: the City Council's rejection of the exigent-use report
5. Public comment (two minutes per speaker, in sign-up order)
6. Adjournment"""

MINUTES_SPRING = """**Present:** all five members. Staff of the Boston Police Department and of the
Department of Innovation and Technology attended.

1. The meeting was called to order at 6:02 pm.
2. The minutes of the previous meeting were approved without changes.
3. Staff presented the summary of the comments on the license plate reader policy. Members
   asked how a letter-writing campaign was counted; staff explained that it is counted once,
   with its number of signatures shown beside it. Members asked for the retention comments
   to be answered in the "you said, we did" table.
4. Members discussed the rejected exigent-use report and asked the Department to say, in
   future reports, what information was collected and whether it was kept.
5. Four residents spoke during public comment; two submitted written testimony.
6. Adjourned at 7:41 pm."""

AGENDA_SUMMER = """1. Call to order and roll call
2. Approval of the minutes of the previous meeting
3. Drones (unmanned aircraft systems): draft recommendations to the City Council
4. Annual surveillance reports: how the board will review this year's reports
5. Public comment
6. Adjournment"""

MINUTES_SUMMER = """**Present:** four members; one member sent apologies.

1. The meeting was called to order at 6:05 pm.
2. The minutes of the previous meeting were approved.
3. Members agreed draft recommendations on drones: no thermal-camera flights outside
   searches for missing people, and a public log of every flight. The draft goes to the
   City Council with the engagement summary.
4. Members agreed to review the annual reports using this year's oversight packet, one
   technology at a time.
5. Two residents spoke during public comment.
6. Adjourned at 7:20 pm."""

AGENDA_NEXT = """1. Call to order and roll call
2. Approval of the minutes of the previous meeting
3. Cell-site simulator: the overdue exigent-use report
4. The annual oversight packet: first reading
5. Public comment
6. Adjournment"""

LOCATION = "Boston City Hall, Piemonte Room (5th floor), 1 City Hall Square, and online"

NOTES = (
    "Staff counted each campaign as **one voice**, with its signatures beside it. Can we ask "
    "how many of the individual comments raise data retention?",
    "Before the next meeting: compare what residents said with what this year's annual report "
    "says the department actually kept. See the annual oversight packet.",
)


def _meetings() -> tuple[tuple[str, int, str, str], ...]:
    return (
        ("Spring meeting of the oversight board", -75, AGENDA_SPRING, MINUTES_SPRING),
        ("Summer meeting of the oversight board", -20, AGENDA_SUMMER, MINUTES_SUMMER),
        ("Autumn meeting of the oversight board", 18, AGENDA_NEXT, ""),
    )


def _day(offset: tuple[int, int, int]) -> date:
    years, month, day = offset
    return date(utcnow().year + years, month, day)


def _load_members(users: dict) -> int:
    seats = {seat.position: seat for seat in db.session.scalars(db.select(BoardSeat))}
    added = 0
    for spec in MEMBERS:
        seat = seats.get(spec.seat_position)
        account = users.get(spec.account_role) if spec.account_role else None
        name = spec.name or (account.display_name if account else "")
        if seat is None or not name:
            continue
        exists = db.session.scalar(
            db.select(BoardMember.id).where(
                BoardMember.seat_id == seat.id, BoardMember.name == name
            )
        )
        if exists is None:
            data = board_services.MemberData(
                seat.id,
                name,
                _day(spec.start),
                spec.end and _day(spec.end),
                account.email if account else "",
            )
            board_services.save_member(users["staff"], data)
            added += 1
    return added


def _load_meetings(actor) -> int:
    added = 0
    for title, days, agenda, minutes in _meetings():
        if db.session.scalar(db.select(BoardMeeting.id).where(BoardMeeting.title == title)):
            continue
        data = board_services.MeetingData(title, local_day(days, 18), LOCATION, agenda, minutes)
        board_services.save_meeting(actor, data)
        added += 1
    return added


def _load_notes(author) -> str:
    summary = db.session.scalar(
        db.select(Summary)
        .join(SummaryVersion, SummaryVersion.summary_id == Summary.id)
        .order_by(SummaryVersion.number.desc(), SummaryVersion.sent_at.desc())
    )
    if summary is None:
        return "board notes: skipped (no summary has been sent to the board)"
    added = 0
    for body in NOTES:
        exists = db.session.scalar(
            db.select(BoardNote.id).where(
                BoardNote.summary_id == summary.id, BoardNote.body_md == body
            )
        )
        if exists is None:
            board_services.add_note(author, summary, body)
            added += 1
    return f"board notes: {added} added on the summary of {summary.policy.title}"


def load_board(users: dict) -> list[str]:
    """Seats, members, meetings and notes; return a line per part."""
    seats = board_services.load_seats(users["staff"])
    members = _load_members(users)
    meetings = _load_meetings(users["staff"])
    return [
        f"board: {seats} seats, {members} members, {meetings} meetings added",
        _load_notes(users["board"]),
    ]
