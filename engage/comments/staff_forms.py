"""Staff forms for comments received offline: one at a time, or a CSV of many."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from engage.comments.models import Channel, Stance
from engage.comments.services import OfflineComment
from engage.formatting import neighborhood_options
from engage.forms import EngageForm, LocalDateTimeField, strip_filter
from engage.policies.models import PolicyVersion
from engage.policies.sections import section_title
from engage.reference import languages

CHANNEL_LABELS = {
    Channel.EMAIL.value: _l("Email"),
    Channel.LETTER.value: _l("Letter"),
    Channel.PHONE.value: _l("Phone call"),
    Channel.MEETING.value: _l("At a meeting"),
}

STANCE_LABELS = {
    Stance.SUPPORT.value: _l("Supports the policy"),
    Stance.OPPOSE.value: _l("Opposes the policy"),
    Stance.CONCERNS.value: _l("Has concerns"),
    Stance.QUESTION.value: _l("Asks a question"),
    Stance.NEUTRAL.value: _l("Neutral"),
}

# A CSV of a few thousand letters is well under this; anything larger is a mistake.
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def channel_choices() -> list[SelectChoice]:
    return _choices(CHANNEL_LABELS.items())


def _optional(label, pairs) -> list[SelectChoice]:
    return [SelectChoice("", label), *_choices(pairs)]


class OfflineCommentForm(EngageForm):
    """A comment someone sent by email or letter, phoned in, or gave at a meeting."""

    channel = RadioField(
        _l("How it was received"),
        choices=channel_choices(),
        validators=[InputRequired(_l("Choose how the comment was received."))],
    )
    received_at = LocalDateTimeField(
        _l("Date received"),
        validators=[InputRequired(_l("Enter the date and time the city received it."))],
    )
    language = SelectField(_l("Language"), validators=[DataRequired(_l("Choose a language."))])
    author_name = StringField(
        _l("Name of the person"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=120)],
    )
    neighborhood = SelectField(_l("Neighborhood"), validators=[Optional()])
    stance = RadioField(_l("Stance"), default="", validators=[Optional()])
    section_key = SelectField(_l("Section"), validators=[Optional()])
    body = TextAreaField(_l("The comment"), validators=[DataRequired(_l("Enter the comment."))])

    def __init__(self, version: PolicyVersion | None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.language.choices = _choices((lang.code, lang.native_name) for lang in languages())
        self.neighborhood.choices = _optional(_l("Not given"), neighborhood_options())
        self.stance.choices = _optional(_l("Not stated"), STANCE_LABELS.items())
        sections = version.sections if version else []
        self.section_key.choices = _optional(
            _l("The policy as a whole"), [(s.key, section_title(s.key)) for s in sections]
        )

    def offline_comment(self) -> OfflineComment:
        return OfflineComment(
            body=self.body.data or "",
            channel=self.channel.data,
            received_at=self.received_at.data,
            author_name=self.author_name.data or None,
            language=self.language.data or None,
            neighborhood=self.neighborhood.data or None,
            stance=self.stance.data or None,
            section_key=self.section_key.data or None,
        )


class ImportCommentsForm(EngageForm):
    """A CSV of comments received offline, all by the same channel."""

    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))])
    channel = RadioField(
        _l("How they were received"),
        choices=channel_choices(),
        default=Channel.LETTER.value,
        validators=[InputRequired(_l("Choose how the comments were received."))],
    )

    def content(self) -> bytes | None:
        """The uploaded bytes, or None (with a message on the field) when too large."""
        data = self.file.data.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            self.file.errors = [_l("The file is larger than 5 MB. Split it into smaller files.")]
            return None
        return data
