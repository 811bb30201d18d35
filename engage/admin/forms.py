"""Administration forms."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from engage.forms import EngageForm
from engage.permissions import ROLES

ROLE_LABELS = {
    "resident": _l("Resident"),
    "moderator": _l("Moderator"),
    "staff": _l("City staff"),
    "board": _l("Oversight board member"),
    "admin": _l("Administrator"),
}


def role_choices():
    return [(role, ROLE_LABELS.get(role, role)) for role in ROLES]


class RoleForm(EngageForm):
    role = SelectField(_l("Role"), choices=role_choices, validators=[InputRequired()])
    department_id = SelectField(_l("Works for department"), coerce=str, choices=[])


class DisableForm(EngageForm):
    reason = TextAreaField(
        _l("Reason"),
        validators=[InputRequired(), Length(max=2000)],
        filters=[lambda v: v and v.strip()],
    )
