"""Forms for what people do to a comment besides posting: edit, withdraw, flag; reply notices."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from engage.comments.models import FlagReason
from engage.comments.services.posting import MAX_LENGTH
from engage.comments.services.reactions import MAX_FLAG_NOTE
from engage.forms import EngageForm, strip_filter

FLAG_REASON_LABELS = {
    FlagReason.SPAM: _l("Spam or advertising"),
    FlagReason.PERSONAL_INFORMATION: _l("It shares someone's personal information"),
    FlagReason.HARASSMENT: _l("Harassment or threats"),
    FlagReason.HATE: _l("Hate speech"),
    FlagReason.OFF_TOPIC: _l("Off-topic: not about this policy"),
    FlagReason.OTHER: _l("Something else (tell us below)"),
}


class EditCommentForm(EngageForm):
    body = TextAreaField(
        _l("Your comment"),
        filters=[strip_filter],
        validators=[
            InputRequired(message=_l("Write your comment.")),
            Length(
                max=MAX_LENGTH,
                message=_l("Comments can be up to %(max)d characters.", max=MAX_LENGTH),
            ),
        ],
    )


class WithdrawCommentForm(EngageForm):
    """Only the CSRF token: the confirmation is the button itself."""


class FlagCommentForm(EngageForm):
    reason = RadioField(
        _l("Why should moderators look at this comment?"),
        choices=[SelectChoice(str(value), label) for value, label in FLAG_REASON_LABELS.items()],
        validators=[InputRequired(message=_l("Choose a reason."))],
    )
    note = TextAreaField(
        _l("What is wrong with it?"),
        filters=[strip_filter],
        validators=[
            Optional(),
            Length(
                max=MAX_FLAG_NOTE,
                message=_l("Keep it under %(max)d characters.", max=MAX_FLAG_NOTE),
            ),
        ],
    )


class ReplyNoticesForm(EngageForm):
    notify = RadioField(
        _l("Email me when someone replies to my comments"),
        choices=[
            SelectChoice("on", _l("Yes, email me")),
            SelectChoice("off", _l("No, don't email me")),
        ],
        validators=[InputRequired(message=_l("Choose yes or no."))],
    )
