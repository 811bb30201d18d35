"""/board/about (public): seats from the city's list, members and terms, meetings; and staff's
/staff/board where they are kept."""

import html
from datetime import date, timedelta

import pytest

from engage import reference
from engage.board import board_services
from engage.board.models import BoardMeeting, BoardMember, BoardSeat
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.board.board_helpers import ROLES

BOSTON_APPOINTERS = [
    "President of the Boston City Council",
    "ACLU of Massachusetts",
    "Police Commissioner of the Boston Police Department",
    "Mayor of Boston",
    "Mayor of Boston",
]


def _html(response) -> str:
    """The page's text with entities decoded (apostrophes may come escaped or not)."""
    return html.unescape(response.get_data(as_text=True))


def _seats() -> list[BoardSeat]:
    return list(db.session.scalars(db.select(BoardSeat).order_by(BoardSeat.position)))


def _seat(name="Mayor's seat", by="Mayor", position=1) -> BoardSeat:
    return board_services.save_seat(None, board_services.SeatData(name, by, position))


def _member(seat, name, start, end=None, email=""):
    data = board_services.MemberData(seat.id, name, start, end, email)
    return board_services.save_member(None, data)


def _meeting(title, days, agenda="1. Roll call", minutes=""):
    data = board_services.MeetingData(
        title, utcnow() + timedelta(days=days), "City Hall", agenda, minutes
    )
    return board_services.save_meeting(None, data)


# Seats from the city's list -----------------------------------------------------------------


def test_boston_seats_come_from_the_csv(ctx):
    assert [row.appointed_by for row in reference.board_seats()] == BOSTON_APPOINTERS
    assert board_services.load_seats(None) == 5
    assert [seat.appointed_by for seat in _seats()] == BOSTON_APPOINTERS
    assert board_services.load_seats(None) == 0  # idempotent
    assert len(_seats()) == 5


def test_another_city_lists_its_own_seats(ctx, tmp_path, monkeypatch):
    (tmp_path / "board_seats.csv").write_text(
        "position,name,appointed_by\n"
        "2,Council seat,City Council\n"
        "1,Community seat,Community Police Commission\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("ENGAGE_REFERENCE_DIR", str(tmp_path))
    assert [row.name for row in reference.board_seats()] == ["Community seat", "Council seat"]
    board_services.load_seats(None)
    assert [seat.appointed_by for seat in _seats()] == [
        "Community Police Commission",
        "City Council",
    ]


def test_a_city_without_a_seat_list_gets_none(ctx, tmp_path, monkeypatch):
    monkeypatch.setenv("ENGAGE_REFERENCE_DIR", str(tmp_path))
    assert reference.board_seats() == ()
    assert board_services.load_seats(None) == 0


# The public page ----------------------------------------------------------------------------


def test_about_shows_seats_members_terms_and_meetings(client, ctx):
    board_services.load_seats(None)
    seats = _seats()
    today = utcnow().date()
    account = factories.make_user(role="board", email="private.member@example.org")
    _member(seats[0], "Past Person", date(2019, 1, 1), date(2022, 1, 1))
    _member(
        seats[0], "Current Person", date(2022, 1, 1), today + timedelta(days=400), account.email
    )
    _member(seats[1], "Open Ended", date(2023, 5, 1))
    past = _meeting("Spring meeting", -30, "1. Roll call\n2. Drones", "All present. **Adjourned.**")
    upcoming = _meeting("Autumn meeting", 20)
    html = _html(client.get("/board/about"))
    for appointer in (
        "ACLU of Massachusetts",
        "Police Commissioner",
        "President of the Boston City Council",
    ):
        assert appointer in html
    assert html.count("Mayor of Boston") == 2
    assert "Current Person" in html and "January 1, 2022 to" in html
    assert "Open Ended" in html and "Since May 1, 2023" in html
    assert "Vacant" in html  # seats 3 to 5 have nobody
    former = html[html.index("Past and future members") :]
    assert "Past Person" in former and "January 1, 2019 to January 1, 2022" in former
    assert "private.member@example.org" not in html  # accounts are never public
    assert f"/board/meetings/{past.id}" in html and f"/board/meetings/{upcoming.id}" in html
    assert html.index("Autumn meeting") < html.index("Spring meeting")  # coming up first
    assert "agenda and minutes" in html


def test_meeting_page_shows_agenda_and_minutes(client, ctx):
    past = _meeting("Spring meeting", -30, "1. Roll call\n2. Drones", "All present. **Adjourned.**")
    html = _html(client.get(f"/board/meetings/{past.id}"))
    assert "<li>Drones</li>" in html
    assert "<strong>Adjourned.</strong>" in html
    upcoming = _html(client.get(f"/board/meetings/{_meeting('Next', 5).id}"))
    assert "Minutes are posted after the meeting." in upcoming


def test_unknown_meeting_is_404(client, ctx):
    assert client.get("/board/meetings/999999").status_code == 404


def test_about_with_nothing_yet(client, ctx):
    html = _html(client.get("/board/about"))
    assert "The board's seats have not been published yet." in html
    assert "No meeting is scheduled." in html


# Staff keep the board's page ---------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_manage_is_for_staff(client, ctx, login, role):
    seat = _seat()
    member = _member(seat, "Someone", date(2024, 1, 1))
    meeting = _meeting("A meeting", 3)
    login(factories.make_user(role=role))
    expected = 200 if role in ("staff", "admin") else 403
    for url in (
        "/staff/board",
        "/staff/board/seats/new",
        f"/staff/board/seats/{seat.id}/edit",
        "/staff/board/members/new",
        f"/staff/board/members/{member.id}/edit",
        "/staff/board/meetings/new",
        f"/staff/board/meetings/{meeting.id}/edit",
    ):
        assert client.get(url).status_code == expected, url
    assert client.post_form("/staff/board/seats/load").status_code == (
        302 if expected == 200 else 403
    )


def test_workspace_links_to_the_board(client, ctx, login, staff):
    login(staff)
    assert "/staff/board" in _html(client.get("/staff"))


def test_staff_load_the_citys_seats(client, ctx, login, staff):
    login(staff)
    page = _html(client.get("/staff/board"))
    assert "Add 5 seats from the city's list" in page
    assert client.post_form("/staff/board/seats/load").status_code == 302
    assert "5 seats added." in _html(client.get("/staff/board"))
    assert len(_seats()) == 5
    assert "seats from the city" not in _html(client.get("/staff/board"))


def test_staff_add_a_seat_a_member_and_a_meeting(client, ctx, login, staff):
    account = factories.make_user(role="board")
    login(staff)
    response = client.post_form(
        "/staff/board/seats/new",
        {"name": "Youth seat", "appointed_by": "Youth Council", "position": "6"},
    )
    assert response.status_code == 302
    seat = db.session.scalar(db.select(BoardSeat).where(BoardSeat.name == "Youth seat"))
    data = {
        "seat_id": str(seat.id),
        "name": "Ada Young",
        "term_start": "2025-01-01",
        "term_end": "2026-12-31",
        "account_email": account.email.upper(),
    }
    assert client.post_form("/staff/board/members/new", data).status_code == 302
    member = db.session.scalar(db.select(BoardMember).where(BoardMember.name == "Ada Young"))
    assert member.user_id == account.id and member.term_end == date(2026, 12, 31)
    meeting = {
        "title": "Youth forum",
        "starts_at": "2030-03-04T18:00",
        "location": "Library",
        "agenda": "1. Welcome",
    }
    assert client.post_form("/staff/board/meetings/new", meeting).status_code == 302
    saved = db.session.scalar(db.select(BoardMeeting).where(BoardMeeting.title == "Youth forum"))
    assert saved.starts_at.hour == 23  # 6 pm in Boston is 11 pm UTC in March
    assert "<li>Welcome</li>" in saved.agenda_html


def test_staff_edit_a_member_and_a_meeting(client, ctx, login, staff):
    seat = _seat()
    member = _member(seat, "Someone", date(2024, 1, 1))
    meeting = _meeting("Past meeting", -3)
    login(staff)
    page = _html(client.get(f"/staff/board/members/{member.id}/edit"))
    assert 'value="Someone"' in page and 'value="2024-01-01"' in page
    data = {
        "seat_id": str(seat.id),
        "name": "Someone Else",
        "term_start": "2024-01-01",
        "term_end": "2025-01-01",
    }
    assert client.post_form(f"/staff/board/members/{member.id}/edit", data).status_code == 302
    db.session.refresh(member)
    assert member.name == "Someone Else" and member.term_end == date(2025, 1, 1)
    starts = meeting.starts_at.strftime("%Y-%m-%dT%H:%M")
    edit = {"title": "Past meeting", "starts_at": starts, "minutes": "Adjourned at 7 pm."}
    response = client.post_form(f"/staff/board/meetings/{meeting.id}/edit", edit)
    assert response.status_code == 302
    db.session.refresh(meeting)
    assert "Adjourned at 7 pm." in meeting.minutes_html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"term_start": "2024-06-01"}, "holds this seat during part of that term"),
        ({"term_start": "2026-01-01", "term_end": "2025-01-01"}, "can't end before it starts"),
        ({"account_email": "nobody@example.org"}, "No account uses this email address."),
        ({"term_start": "2025-13-45"}, "Not a valid date value"),
        ({"seat_id": "abc"}, "Invalid Choice"),
        ({"seat_id": "999999"}, "Not a valid choice"),
        ({"name": ""}, "This can't be empty."),
    ],
)
def test_member_refusals_keep_the_form(client, ctx, login, staff, data, message):
    seat = _seat()
    _member(seat, "Holder", date(2024, 1, 1), date(2026, 1, 1))
    login(staff)
    form = {"seat_id": str(seat.id), "name": "Newcomer", "term_start": "2026-01-01", **data}
    response = client.post_form("/staff/board/members/new", form)
    assert response.status_code == 400
    assert message in _html(response)
    assert db.session.scalar(db.select(BoardMember).where(BoardMember.name == "Newcomer")) is None


def test_a_term_may_start_the_day_the_last_one_ends(ctx):
    seat = _seat()
    _member(seat, "Before", date(2022, 1, 1), date(2024, 1, 1))
    assert _member(seat, "After", date(2024, 1, 1)).name == "After"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "This can't be empty."),
        ({"starts_at": "someday"}, "Enter a date and time like"),
        (
            {"starts_at": "2099-01-01T18:00", "minutes": "We met."},
            "once the meeting has taken place",
        ),
    ],
)
def test_meeting_refusals_keep_the_form(client, ctx, login, staff, data, message):
    login(staff)
    form = {"title": "Board meeting", "starts_at": "2025-01-01T18:00", **data}
    response = client.post_form("/staff/board/meetings/new", form)
    assert response.status_code == 400
    assert message in _html(response)
    assert db.session.scalar(db.select(BoardMeeting)) is None


def test_seat_names_are_unique(client, ctx, login, staff):
    _seat("Mayor's seat")
    login(staff)
    response = client.post_form(
        "/staff/board/seats/new", {"name": "Mayor's seat", "appointed_by": "Mayor"}
    )
    assert response.status_code == 400
    assert "Another seat already has this name." in _html(response)


def test_unknown_records_are_404_for_staff(client, ctx, login, staff):
    login(staff)
    for url in (
        "/staff/board/seats/999999/edit",
        "/staff/board/members/999999/edit",
        "/staff/board/meetings/999999/edit",
    ):
        assert client.get(url).status_code == 404, url
