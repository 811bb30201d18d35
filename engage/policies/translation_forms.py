"""Forms for entering a version's translation and for asking for one."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from engage.forms import EngageForm, strip_filter
from engage.policies.sections import section_title

SECTION_PREFIX = "section_"


class TranslationFormBase(EngageForm):
    translator = StringField(
        _l("Translated by"), filters=[strip_filter], validators=[Optional(), Length(max=200)]
    )

    def section_fields(self) -> list[tuple[str, object]]:
        """(section key, its textarea), in the version's order."""
        return [(key, self[SECTION_PREFIX + key]) for key in self.section_keys]

    def section_texts(self) -> dict[str, str]:
        return {key: field.data or "" for key, field in self.section_fields()}


def translation_form(section_keys, **kwargs) -> TranslationFormBase:
    """One markdown textarea per section of the version."""
    fields = {
        SECTION_PREFIX + key: TextAreaField(
            section_title(key), filters=[strip_filter], validators=[Optional(), Length(max=50000)]
        )
        for key in section_keys
    }
    namespace = {**fields, "section_keys": tuple(section_keys)}
    return type(TranslationFormBase)("TranslationForm", (TranslationFormBase,), namespace)(**kwargs)


class TranslationRequestForm(EngageForm):
    language = HiddenField(validators=[InputRequired(), Length(max=12)])
