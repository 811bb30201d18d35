"""Forms for filing an appeal and for deciding one."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from engage.forms import EngageForm, strip_filter
from engage.moderation.account_forms import note_field
from engage.moderation.models import AppealOutcome
from engage.moderation.services.appeals import MAX_APPEAL


class AppealForm(EngageForm):
    body = TextAreaField(
        _l("Why should this decision be reconsidered?"),
        validators=[
            InputRequired(message=_l("Say why the decision should be reconsidered.")),
            Length(
                max=MAX_APPEAL,
                message=_l("Keep your appeal under %(max)d characters.", max=MAX_APPEAL),
            ),
        ],
        filters=[strip_filter],
    )


OUTCOME_LABELS = {
    AppealOutcome.UPHELD: _l("Uphold: the decision stands"),
    AppealOutcome.REVERSED: _l("Reverse: restore the comment"),
}


class AppealDecisionForm(EngageForm):
    outcome = RadioField(
        _l("Your decision"),
        choices=[SelectChoice(str(value), label) for value, label in OUTCOME_LABELS.items()],
        validators=[InputRequired(message=_l("Choose whether the decision stands."))],
    )
    note = note_field(_l("Note to the author"))
