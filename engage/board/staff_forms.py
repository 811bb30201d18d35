"""Forms of staff's summary pages: the draft, publishing, themes and tagging comments."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from engage.board.models import Summary, Theme
from engage.board.summaries import (
    CHANGE_NOTE_MAX,
    NARRATIVE_MAX,
    RESPONSE_MAX,
    ResponseData,
)
from engage.board.theme_services import NAME_MAX
from engage.forms import EngageForm, MultiCheckboxField, strip_filter

MAX_ID = 2**31 - 1


class ConfirmForm(EngageForm):
    """A form with nothing but its CSRF token (a button that POSTs)."""


class OpenSummaryForm(EngageForm):
    period_id = IntegerField(
        validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)],
    )


class SummaryForm(EngageForm):
    """The narrative and, per theme, a row of "you said, we did" (fields added per policy)."""

    narrative = TextAreaField(
        _l("What staff heard, in your words"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=NARRATIVE_MAX)],
    )

    def responses(self, themes: list[Theme]) -> list[ResponseData]:
        return [
            ResponseData(
                theme.id,
                self[f"response_{theme.id}"].data or "",
                bool(self[f"changed_{theme.id}"].data),
            )
            for theme in themes
        ]


def summary_form(summary: Summary, themes: list[Theme], formdata=None) -> SummaryForm:
    """The draft's form with a response and a "the policy changed" box for each theme."""

    class DraftForm(SummaryForm):
        pass

    saved = {response.theme_id: response for response in summary.responses}
    data = {"narrative": summary.narrative_md}
    for theme in themes:
        setattr(
            DraftForm,
            f"response_{theme.id}",
            TextAreaField(
                _l("The department's response to “%(theme)s”", theme=theme.name),
                filters=[strip_filter],
                validators=[Optional(), Length(max=RESPONSE_MAX)],
            ),
        )
        setattr(
            DraftForm,
            f"changed_{theme.id}",
            BooleanField(_l("The policy changed because of “%(theme)s”", theme=theme.name)),
        )
        response = saved.get(theme.id)
        data[f"response_{theme.id}"] = response.response_md if response else ""
        data[f"changed_{theme.id}"] = bool(response and response.policy_changed)
    if formdata is not None:
        return DraftForm(formdata=formdata)
    return DraftForm(data=data)


class PublishForm(EngageForm):
    change_note = TextAreaField(
        _l("What changed since the last version"),
        filters=[strip_filter],
        validators=[Optional(), Length(max=CHANGE_NOTE_MAX)],
    )


class ThemeForm(EngageForm):
    name = StringField(
        _l("Name of the theme"),
        filters=[strip_filter],
        validators=[DataRequired(message=_l("Give the theme a name.")), Length(max=NAME_MAX)],
    )


class RenameForm(ThemeForm):
    """One per theme on the list (the template gives each input its own id)."""


class TagForm(EngageForm):
    themes = MultiCheckboxField(_l("Themes of this comment"), coerce=int)

    def __init__(self, *args, themes: list[Theme], **kwargs):
        super().__init__(*args, **kwargs)
        self.themes.choices = [(theme.id, theme.name) for theme in themes]
