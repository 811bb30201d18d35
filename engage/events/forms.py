"""Forms for listening sessions: the organizer's session form, sign-up, cancellation, check-in.

The forms only parse what was typed; the rules (times, capacity, deadlines) live in the
services, which put their message back on the field at fault.
"""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from engage.events.services import SessionData
from engage.extensions import db
from engage.formatting import language_name, neighborhood_options
from engage.forms import EngageForm, LocalDateTimeField, MultiCheckboxField, strip_filter
from engage.policies.models import Policy
from engage.reference import languages

SUPPORT_LABELS = {"asl": _l("American Sign Language (ASL)"), "cart": _l("Live captions (CART)")}


def language_choices() -> list[tuple[str, str]]:
    return [(lang.code, f"{language_name(lang.code)} ({lang.native_name})") for lang in languages()]


def interpretation_choices() -> list[tuple[str, str]]:
    support = [(code, str(label)) for code, label in SUPPORT_LABELS.items()]
    spoken = [
        (code, str(_l("Spoken: %(language)s", language=label)))
        for code, label in language_choices()[1:]
    ]
    return support + spoken


def policy_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(db.select(Policy.id, Policy.title).order_by(Policy.title))
    return [(policy_id, title) for policy_id, title in rows]


class SessionForm(EngageForm):
    title = StringField(_l("Title"), filters=[strip_filter], validators=[Length(max=250)])
    description = TextAreaField(
        _l("What the session is about"), filters=[strip_filter], validators=[Length(max=20000)]
    )
    policy_ids = MultiCheckboxField(_l("Policies discussed"), coerce=int)
    starts_at = LocalDateTimeField(_l("Starts"))
    ends_at = LocalDateTimeField(_l("Ends"))
    in_person = BooleanField(_l("In person"))
    venue = StringField(_l("Venue"), filters=[strip_filter], validators=[Length(max=250)])
    address = StringField(_l("Address"), filters=[strip_filter], validators=[Length(max=400)])
    neighborhood = SelectField(_l("Neighborhood"), validate_choice=False)
    accessibility_notes = TextAreaField(
        _l("Accessibility"), filters=[strip_filter], validators=[Length(max=5000)]
    )
    online = BooleanField(_l("Online"))
    meeting_link = StringField(
        _l("Meeting link"), filters=[strip_filter], validators=[Length(max=500)]
    )
    languages = MultiCheckboxField(_l("Languages spoken"), validate_choice=False)
    interpretation = MultiCheckboxField(_l("Interpretation offered"), validate_choice=False)
    capacity = IntegerField(_l("Seats"), validators=[Optional()])
    registration_deadline = LocalDateTimeField(_l("Registration closes"))
    accommodation_deadline = LocalDateTimeField(_l("Accommodation requests close"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy_ids.choices = policy_choices()
        places = neighborhood_options()
        self.neighborhood.choices = [("", _l("Choose a neighborhood")), *places]
        self.languages.choices = language_choices()
        self.interpretation.choices = interpretation_choices()

    def session_data(self) -> SessionData:
        return SessionData(
            title=self.title.data or "",
            description=self.description.data or "",
            policy_ids=list(self.policy_ids.data or []),
            starts_at=self.starts_at.data,
            ends_at=self.ends_at.data,
            in_person=self.in_person.data,
            venue=self.venue.data or "",
            address=self.address.data or "",
            neighborhood=self.neighborhood.data or None,
            accessibility_notes=self.accessibility_notes.data or "",
            online=self.online.data,
            meeting_link=self.meeting_link.data or "",
            languages=list(self.languages.data or []),
            interpretation=list(self.interpretation.data or []),
            capacity=self.capacity.data,
            registration_deadline=self.registration_deadline.data,
            accommodation_deadline=self.accommodation_deadline.data,
        )

    def fill_from(self, event) -> None:
        """Show a saved session in the form (GET of the edit page)."""
        for name in (
            "title",
            "starts_at",
            "ends_at",
            "in_person",
            "venue",
            "address",
            "accessibility_notes",
            "online",
            "meeting_link",
            "capacity",
            "registration_deadline",
            "accommodation_deadline",
        ):
            getattr(self, name).data = getattr(event, name)
        self.description.data = event.description_md
        self.neighborhood.data = event.neighborhood or ""
        self.policy_ids.data = [policy.id for policy in event.policies]
        self.languages.data = list(event.languages or [])
        self.interpretation.data = list(event.interpretation or [])


class SignUpForm(EngageForm):
    action = HiddenField(default="sign_up")
    interpretation_language = SelectField(_l("Spoken-language interpreter"), validate_choice=False)
    needs_asl = BooleanField(_l("American Sign Language (ASL) interpreter"))
    needs_cart = BooleanField(_l("Live captions (CART)"))
    accommodation_other = TextAreaField(
        _l("Anything else that would help you take part"),
        filters=[strip_filter],
        validators=[Length(max=1000)],
    )
    join_waitlist = BooleanField(_l("Put me on the waitlist if the session is full"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        no_interpreter = ("", _l("No interpreter needed"))
        self.interpretation_language.choices = [no_interpreter, *language_choices()[1:]]


class CancelSignUpForm(EngageForm):
    action = HiddenField(default="cancel")
    registration = HiddenField()


class CancelSessionForm(EngageForm):
    reason = TextAreaField(
        _l("Why is the session cancelled?"),
        filters=[strip_filter],
        validators=[DataRequired(_l("Say why the session is cancelled.")), Length(max=2000)],
    )


class CheckInForm(EngageForm):
    present = HiddenField(default="1")
