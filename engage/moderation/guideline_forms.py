"""The admins' form for publishing a new version of the community guidelines."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, Form, FormField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from engage.forms import EngageForm, strip_filter

BLANK_ROWS = 2  # empty rows offered for new reasons (no JavaScript needed to add one)


class ReasonForm(Form):
    """One reason: a stable key (cited by decisions), a title and an explanation."""

    key = StringField(_l("Key"), validators=[Optional(), Length(max=40)], filters=[strip_filter])
    title = StringField(
        _l("Title"), validators=[Optional(), Length(max=120)], filters=[strip_filter]
    )
    body_md = TextAreaField(
        _l("Explanation"), validators=[Optional(), Length(max=4000)], filters=[strip_filter]
    )
    remove = BooleanField(_l("Remove this reason from the new version"))

    def is_blank(self) -> bool:
        return not (self.key.data or self.title.data or self.body_md.data)


class GuidelinesForm(EngageForm):
    intro_md = TextAreaField(
        _l("Introduction"), validators=[Length(max=8000)], filters=[strip_filter]
    )
    reasons = FieldList(FormField(ReasonForm), min_entries=0)
    change_note = TextAreaField(
        _l("What changed"),
        validators=[InputRequired(), Length(max=2000)],
        filters=[strip_filter],
    )

    def kept_reasons(self) -> list[dict]:
        """The reasons to publish, in the order of the form, without blank or removed rows."""
        return [
            {"key": row.key.data, "title": row.title.data, "body_md": row.body_md.data}
            for row in (entry.form for entry in self.reasons)
            if not row.remove.data and not row.is_blank()
        ]


def guidelines_form(version) -> GuidelinesForm:
    """The form, filled with `version` (None before the first) plus blank rows for new reasons."""
    form = GuidelinesForm()
    if form.is_submitted():
        return form
    if version is not None:
        form.intro_md.data = version.intro_md
        for guideline in version.guidelines:
            form.reasons.append_entry(
                {"key": guideline.key, "title": guideline.title, "body_md": guideline.body_md}
            )
    for _ in range(BLANK_ROWS):
        form.reasons.append_entry()
    return form
