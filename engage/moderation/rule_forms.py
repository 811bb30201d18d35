"""The admins' form for one screening rule: on or off, and the settings its kind has."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange

from engage.forms import EngageForm
from engage.moderation.models import ModerationRule
from engage.moderation.services.rules import SETTINGS, Setting, parse_words


class RuleForm(EngageForm):
    enabled = BooleanField(_l("This rule screens new comments"))
    settings: tuple[Setting, ...] = ()

    def params(self) -> dict:
        """The settings as the rule stores them (word lists split into lines)."""
        return {
            s.name: parse_words(self[s.name].data) if s.is_words else self[s.name].data
            for s in self.settings
        }

    def setting_fields(self) -> list:
        return [self[s.name] for s in self.settings]


def _number_field(setting: Setting) -> IntegerField:
    return IntegerField(
        setting.label,
        description=setting.hint,
        validators=[
            InputRequired(_l("Enter a whole number.")),
            NumberRange(setting.minimum, setting.maximum),
        ],
    )


def _words_field(setting: Setting) -> TextAreaField:
    return TextAreaField(setting.label, description=setting.hint, validators=[Length(max=60_000)])


def rule_form(rule: ModerationRule) -> RuleForm:
    """A form with the fields of `rule`'s kind, filled with its current settings on GET."""
    settings = SETTINGS.get(rule.kind, ())
    fields = {s.name: (_words_field if s.is_words else _number_field)(s) for s in settings}
    form_class = type("KindRuleForm", (RuleForm,), {"settings": settings, **fields})
    form = form_class()
    if not form.is_submitted():
        form.enabled.data = rule.enabled
        for setting in settings:
            value = (rule.params or {}).get(setting.name)
            form[setting.name].data = "\n".join(value or []) if setting.is_words else value
    return form
