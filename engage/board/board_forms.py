"""Forms of the board's pages: a private note, and staff's seats, members and meetings."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from engage.accounts.models import User
from engage.board import board_queries
from engage.board.board_services import (
    NOTE_MAX,
    TEXT_MAX,
    MeetingData,
    MemberData,
    SeatData,
)
from engage.board.models import BoardMeeting, BoardMember
from engage.extensions import db
from engage.forms import EngageForm, LocalDateTimeField, strip_filter
from engage.reports.forms import optional_int

REQUIRED = _l("This can't be empty.")


class NoteForm(EngageForm):
    body = TextAreaField(
        _l("Your note"),
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("Write your note first.")),
            Length(max=NOTE_MAX),
        ],
    )


class ConfirmForm(EngageForm):
    """A form with nothing but its CSRF token (for POST-only buttons)."""


class SeatForm(EngageForm):
    name = StringField(
        _l("Name of the seat"),
        filters=[strip_filter],
        validators=[DataRequired(message=REQUIRED), Length(max=120)],
    )
    appointed_by = StringField(
        _l("Appointed by"),
        filters=[strip_filter],
        validators=[DataRequired(message=REQUIRED), Length(max=200)],
    )
    position = IntegerField(
        _l("Order on the page"),
        default=0,
        validators=[Optional(), NumberRange(min=0, max=1000)],
    )

    def to_data(self) -> SeatData:
        return SeatData(self.name.data, self.appointed_by.data, self.position.data or 0)


class MemberForm(EngageForm):
    seat_id = SelectField(
        _l("Seat"), coerce=optional_int, validators=[InputRequired(message=_l("Choose a seat."))]
    )
    name = StringField(
        _l("Name"),
        filters=[strip_filter],
        validators=[DataRequired(message=REQUIRED), Length(max=120)],
    )
    term_start = DateField(
        _l("Term starts"),
        validators=[InputRequired(message=_l("Enter the date the term starts."))],
    )
    term_end = DateField(_l("Term ends"), validators=[Optional()])
    account_email = StringField(
        _l("Their Engage account's email address"),
        filters=[strip_filter],
        validators=[Optional(), Email(), Length(max=320)],
    )

    def __init__(self, *args, member: BoardMember | None = None, **kwargs):
        if member is not None and member.user_id:
            kwargs.setdefault("account_email", member_account_email(member))
        super().__init__(*args, obj=member, **kwargs)
        self.seat_id.choices = [SelectChoice("", _l("— Choose a seat —"))] + [
            SelectChoice(seat.id, f"{seat.name} ({seat.appointed_by})")
            for seat in board_queries.seat_choices()
        ]

    def to_data(self) -> MemberData:
        return MemberData(
            seat_id=self.seat_id.data,
            name=self.name.data,
            term_start=self.term_start.data,
            term_end=self.term_end.data,
            account_email=self.account_email.data or "",
        )


def member_account_email(member: BoardMember) -> str:
    user = db.session.get(User, member.user_id)
    return user.email if user else ""


class MeetingForm(EngageForm):
    title = StringField(
        _l("Title"),
        filters=[strip_filter],
        validators=[DataRequired(message=REQUIRED), Length(max=250)],
    )
    starts_at = LocalDateTimeField(
        _l("Starts"), validators=[InputRequired(message=_l("Enter when the meeting starts."))]
    )
    location = StringField(
        _l("Where"), filters=[strip_filter], validators=[Optional(), Length(max=300)]
    )
    agenda = TextAreaField(
        _l("Agenda"), filters=[strip_filter], validators=[Optional(), Length(max=TEXT_MAX)]
    )
    minutes = TextAreaField(
        _l("Minutes"), filters=[strip_filter], validators=[Optional(), Length(max=TEXT_MAX)]
    )

    def __init__(self, *args, meeting: BoardMeeting | None = None, **kwargs):
        if meeting is not None:
            kwargs.setdefault("agenda", meeting.agenda_md)
            kwargs.setdefault("minutes", meeting.minutes_md)
        super().__init__(*args, obj=meeting, **kwargs)

    def to_data(self) -> MeetingData:
        return MeetingData(
            title=self.title.data,
            starts_at=self.starts_at.data,
            location=self.location.data or "",
            agenda=self.agenda.data or "",
            minutes=self.minutes.data or "",
        )
