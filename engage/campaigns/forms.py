"""Forms of the campaign page: a decision on the whole campaign, and pulling a copy out."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from engage.forms import EngageForm
from engage.moderation.queue_forms import ACTION_LABELS, choices, reason_choices
from engage.moderation.services.decisions import MAX_NOTE


class CampaignDecideForm(EngageForm):
    """One action, with one guideline reason, on every copy it applies to."""

    action = SelectField(
        _l("What to do with the campaign"),
        validators=[InputRequired(message=_l("Choose to approve or hide the campaign."))],
        validate_choice=False,  # the service refuses anything else
    )
    guideline = SelectField(
        _l("Reason (community guidelines)"),
        validators=[InputRequired(message=_l("Choose a reason from the community guidelines."))],
        validate_choice=False,  # the service refuses keys not in the current guidelines
    )
    note = TextAreaField(
        _l("Note to the authors"),
        validators=[
            Optional(),
            Length(max=MAX_NOTE, message=_l("Keep it under %(n)d characters.", n=MAX_NOTE)),
        ],
    )

    def set_choices(self, actions) -> None:
        self.action.choices = choices((a.value, ACTION_LABELS[a]) for a in actions)
        self.guideline.choices = reason_choices()


class PullOutForm(EngageForm):
    """Confirms pulling one copy out of its campaign (the CSRF token is all it carries)."""
