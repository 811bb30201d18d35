"""Forms for suspending accounts, lifting suspensions, and locking threads."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, StopValidation

from engage.forms import EngageForm, strip_filter
from engage.moderation.services.citing import MAX_NOTE
from engage.moderation.services.suspensions import MAX_DAYS


def reason_choices() -> list[tuple[str, str]]:
    """The current guidelines as a reason select, with an empty first option."""
    from engage.moderation.services.guidelines import guideline_choices

    return [("", str(_l("— Choose a guideline —"))), *guideline_choices()]


def reason_field() -> SelectField:
    return SelectField(
        _l("Guideline"),
        choices=reason_choices,
        validators=[InputRequired(message=_l("Choose the guideline this action is based on."))],
    )


def note_field(label=None) -> TextAreaField:
    return TextAreaField(
        label or _l("Note"),
        validators=[
            Optional(),
            Length(
                max=MAX_NOTE, message=_l("Keep the note under %(max)d characters.", max=MAX_NOTE)
            ),
        ],
        filters=[strip_filter],
    )


def _days_unless_permanent(form, field):
    """The number of days matters only for a suspension that ends."""
    if form.length.data == "permanent":
        field.errors[:] = []
        raise StopValidation
    if not field.raw_data or not field.raw_data[0].strip():
        field.errors[:] = []
        raise StopValidation(_l("Enter the number of days."))


class SuspendForm(EngageForm):
    guideline_key = reason_field()
    length = RadioField(
        _l("How long"),
        choices=[
            SelectChoice("days", _l("For a number of days")),
            SelectChoice("permanent", _l("Permanently, until a moderator lifts it")),
        ],
        default="days",
        validators=[InputRequired(message=_l("Choose how long."))],
    )
    days = IntegerField(
        _l("Number of days"),
        default=7,
        validators=[
            _days_unless_permanent,
            NumberRange(min=1, max=MAX_DAYS, message=_l("Enter 1 to %(max)d days.", max=MAX_DAYS)),
        ],
    )
    note = note_field(_l("Note to the account holder"))

    def suspended_days(self) -> int | None:
        return None if self.length.data == "permanent" else self.days.data


class LiftForm(EngageForm):
    note = note_field(_l("Why lift it now"))


class LockForm(EngageForm):
    guideline_key = reason_field()
    note = note_field(_l("Note for moderators and the audit log"))
