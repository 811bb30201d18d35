"""Forms for city meetings: the staff's meeting form, speaker sign-up, written testimony."""

import secrets
from dataclasses import asdict

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from engage.comments.models import Stance
from engage.events.forms import SessionForm
from engage.events.models import EventKind
from engage.events.services.meetings import MeetingData
from engage.events.services.testimony import WrittenTestimony
from engage.extensions import db
from engage.forms import EngageForm, MultiCheckboxField, strip_filter
from engage.policies.models import Department
from engage.reports.models import AnnualReport

KIND_LABELS = {
    EventKind.HEARING.value: _l("City Council committee hearing"),
    EventKind.BOARD_MEETING.value: _l("Surveillance Advisory Board meeting"),
    EventKind.WORKING_SESSION.value: _l("Working session"),
}
MODE_LABELS = {"in_person": _l("In person"), "virtual": _l("Online")}
STANCE_LABELS = {
    Stance.SUPPORT.value: _l("I support the policy"),
    Stance.OPPOSE.value: _l("I oppose the policy"),
    Stance.CONCERNS.value: _l("I have concerns"),
    Stance.QUESTION.value: _l("I have a question"),
    Stance.NEUTRAL.value: _l("Neutral"),
}


def report_choices() -> list[SelectChoice]:
    rows = db.session.execute(
        db.select(AnnualReport.id, Department.name, AnnualReport.year)
        .join(Department, AnnualReport.department_id == Department.id)
        .order_by(AnnualReport.year.desc(), Department.name)
    )
    return [SelectChoice(report_id, f"{name}, {year}") for report_id, name, year in rows]


class MeetingForm(SessionForm):
    """A session's fields (time, place, languages, interpretation) plus the meeting's own."""

    kind = RadioField(
        _l("Kind of meeting"),
        choices=[SelectChoice(value, label) for value, label in KIND_LABELS.items()],
        default=EventKind.HEARING.value,
        validators=[InputRequired(_l("Choose the kind of meeting."))],
    )
    report_ids = MultiCheckboxField(_l("Annual reports discussed"), coerce=int)
    testimony_open = BooleanField(_l("Take public testimony"), default=True)
    speaker_minutes = IntegerField(
        _l("Minutes per speaker"),
        default=2,
        validators=[InputRequired(_l("Enter the minutes each speaker has, like 2."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.report_ids.choices = report_choices()
        self.description.label.text = _l("What the meeting is about")
        self.capacity.label.text = _l("Seats in the room")

    def meeting_data(self) -> MeetingData:
        return MeetingData(
            **asdict(self.session_data()),
            kind=self.kind.data,
            report_ids=list(self.report_ids.data or []),
            testimony_open=self.testimony_open.data,
            speaker_minutes=self.speaker_minutes.data,
        )

    def fill_from(self, event) -> None:
        super().fill_from(event)
        self.kind.data = event.kind
        self.report_ids.data = [report.id for report in event.annual_reports]
        self.testimony_open.data = event.testimony_open
        self.speaker_minutes.data = event.speaker_minutes


class CancelMeetingForm(EngageForm):
    reason = TextAreaField(
        _l("Why is the meeting cancelled?"),
        filters=[strip_filter],
        validators=[DataRequired(_l("Say why the meeting is cancelled.")), Length(max=2000)],
    )


class SpeakerForm(EngageForm):
    mode = RadioField(
        _l("How you will speak"),
        validators=[InputRequired(_l("Choose whether you will speak in person or online."))],
    )
    topic = StringField(
        _l("What you will speak about"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=300)],
    )

    def __init__(self, event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        modes = [("in_person", event.in_person), ("virtual", event.online)]
        self.mode.choices = [
            SelectChoice(mode, MODE_LABELS[mode]) for mode, offered in modes if offered
        ]
        if len(self.mode.choices) == 1 and not self.mode.data:
            self.mode.data = self.mode.choices[0].value


class CancelSpeakerForm(EngageForm):
    """Take yourself off the speaker list (just the CSRF token)."""


class TestimonyForm(EngageForm):
    policy_id = SelectField(
        _l("Policy"), coerce=int, validators=[InputRequired(_l("Choose a policy."))]
    )
    stance = RadioField(_l("Your position"), default="", validators=[Optional()])
    body = TextAreaField(
        _l("Your testimony"),
        validators=[DataRequired(_l("Write your testimony.")), Length(max=5000)],
    )
    show_name = BooleanField(_l("Show my name with my testimony"), default=True)
    submission = HiddenField()

    def __init__(self, event, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy_id.choices = [
            SelectChoice(policy.id, policy.title) for policy in event.policies
        ]
        self.stance.choices = [
            SelectChoice(value, label)
            for value, label in [("", _l("I'd rather not say")), *STANCE_LABELS.items()]
        ]
        if not self.submission.data:
            self.submission.data = secrets.token_urlsafe(24)

    def testimony(self) -> WrittenTestimony:
        return WrittenTestimony(
            policy_id=self.policy_id.data,
            body=self.body.data or "",
            stance=self.stance.data or None,
            show_name=self.show_name.data,
            idempotency_key=(self.submission.data or "")[:64] or None,
        )
