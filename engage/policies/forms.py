"""Staff forms that write the catalog: departments, technologies, policies, versions, periods."""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from engage.forms import EngageForm, LocalDateTimeField, city_zone, strip_filter
from engage.moderation.services.modes import mode_choices
from engage.policies.labels import STATUS_LABELS
from engage.policies.sections import section_title

SLUG_HINT = _l("Lowercase letters, digits and hyphens. Leave empty to make one from the name.")
_SLUG = Regexp(r"^[A-Za-z0-9-]*$", message=_l("Use only letters, digits and hyphens."))
_REASON = Length(max=2000)


class DepartmentForm(EngageForm):
    code = StringField(
        _l("Code"),
        filters=[strip_filter],
        validators=[
            DataRequired(),
            Length(max=20),
            Regexp(r"^[A-Za-z0-9-]+$", message=_l("Use only letters, digits and hyphens.")),
        ],
    )
    name = StringField(
        _l("Name"), filters=[strip_filter], validators=[DataRequired(), Length(max=200)]
    )
    covered = BooleanField(_l("Covered by the surveillance ordinance"), default=True)
    note = TextAreaField(_l("Note"), filters=[strip_filter], validators=[Length(max=5000)])


class TechnologyForm(EngageForm):
    name = StringField(
        _l("Name"), filters=[strip_filter], validators=[DataRequired(), Length(max=200)]
    )
    slug = StringField(
        _l("Web address"), filters=[strip_filter], validators=[Length(max=120), _SLUG]
    )
    category = StringField(
        _l("Category"), filters=[strip_filter], validators=[DataRequired(), Length(max=60)]
    )
    department_id = SelectField(_l("Department"), coerce=int, validators=[InputRequired()])
    summary = TextAreaField(_l("What it is"), filters=[strip_filter], validators=[Length(max=5000)])


def status_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in STATUS_LABELS.items()]


class PolicyForm(EngageForm):
    title = StringField(
        _l("Title"), filters=[strip_filter], validators=[DataRequired(), Length(max=250)]
    )
    slug = StringField(
        _l("Web address"), filters=[strip_filter], validators=[Length(max=100), _SLUG]
    )
    department_id = SelectField(_l("Department"), coerce=int, validators=[InputRequired()])
    technology_id = SelectField(_l("Technology"), coerce=int, validators=[InputRequired()])
    summary = TextAreaField(
        _l("Plain-language summary"), filters=[strip_filter], validators=[Length(max=20000)]
    )
    status = SelectField(_l("Status"), choices=status_choices, validators=[InputRequired()])
    moderation_mode = RadioField(_l("Moderation"), choices=mode_choices, default="post")


SECTION_PREFIX = "section_"


class VersionFormBase(EngageForm):
    number = IntegerField(
        _l("Version number"),
        validators=[InputRequired(), NumberRange(min=1, max=10_000)],
    )
    change_summary = TextAreaField(
        _l("What changed"), filters=[strip_filter], validators=[Length(max=5000)]
    )

    def section_fields(self) -> list[tuple[str, object]]:
        """(section key, its textarea), in the configured order."""
        return [(key, self[SECTION_PREFIX + key]) for key in self.section_keys]

    def section_texts(self) -> dict[str, str]:
        return {key: field.data or "" for key, field in self.section_fields()}


def version_form(section_keys, **kwargs) -> VersionFormBase:
    """A version form with one markdown textarea per configured section."""
    fields = {
        SECTION_PREFIX + key: TextAreaField(
            section_title(key), filters=[strip_filter], validators=[Optional(), Length(max=50000)]
        )
        for key in section_keys
    }
    namespace = {**fields, "section_keys": tuple(section_keys)}
    form_class = type(VersionFormBase)("VersionForm", (VersionFormBase,), namespace)
    return form_class(**kwargs)


class OpenPeriodForm(EngageForm):
    opens_at = LocalDateTimeField(_l("Opens"), validators=[InputRequired()])
    closes_at = LocalDateTimeField(_l("Closes"), validators=[InputRequired()])
    accepts_late = BooleanField(_l("Accept comments that arrive after the deadline"))


def default_period_window(now: datetime, days: int = 30) -> dict[str, datetime]:
    """Opens now; closes `days` later at 5 pm in the city's time zone."""
    local_close = (now.astimezone(city_zone()) + timedelta(days=days)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    return {"opens_at": now.replace(second=0, microsecond=0), "closes_at": local_close}


class ExtendPeriodForm(EngageForm):
    closes_at = LocalDateTimeField(_l("New closing time"), validators=[InputRequired()])
    reason = TextAreaField(
        _l("Reason for the extension"),
        filters=[strip_filter],
        validators=[DataRequired(), _REASON],
    )


class ClosePeriodForm(EngageForm):
    reason = TextAreaField(
        _l("Reason for closing early"),
        filters=[strip_filter],
        validators=[DataRequired(), _REASON],
    )
