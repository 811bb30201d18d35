"""Form pieces shared by every domain."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, widgets
from wtforms.validators import ValidationError

from engage.extensions import db


class CatalogTranslations:
    """WTForms' own messages from our catalogs (engage/wtforms_messages.py lists them), in the
    language the page is served in. WTForms formats the placeholders itself afterwards."""

    def gettext(self, string: str) -> str:
        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


class EngageForm(FlaskForm):
    """Every form of the site: Flask-WTF's CSRF, with WTForms' messages in the reader's language."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return CatalogTranslations()


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes (works without JavaScript)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class LocalDateTimeField(StringField):
    """A moment typed in the city's time zone (`YYYY-MM-DDTHH:MM`), stored as UTC."""

    widget = widgets.DateTimeLocalInput()
    FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        if isinstance(self.data, datetime):
            return self.data.astimezone(city_zone()).strftime("%Y-%m-%dT%H:%M")
        return ""

    def process_formdata(self, valuelist):
        self.data = None
        raw = (valuelist[0] if valuelist else "").strip()
        if not raw:
            return
        for fmt in self.FORMATS:
            try:
                local = datetime.strptime(raw, fmt)  # noqa: DTZ007 - the zone is the city's
            except ValueError:
                continue
            try:
                self.data = local.replace(tzinfo=city_zone()).astimezone(UTC)
            except OverflowError:  # e.g. 9999-12-31 23:59 is past the last UTC moment
                break
            return
        raise ValueError(_l("Enter a date and time like 2026-12-12 17:00."))


def city_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])


def strip_filter(value):
    """Trim the text and store unix newlines: browsers send a textarea's line breaks as CRLF,
    and a length limit should count a line break once, as the character counter does."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


class Unique:
    """Fail when `exists(value)` says another record already uses it."""

    def __init__(self, exists, message):
        self.exists, self.message = exists, message

    def __call__(self, form, field):
        if field.data and self.exists(field.data, form):
            raise ValidationError(self.message)


def show_refusal(form, error) -> None:
    """Undo the attempt and put a service's refusal on the field it names (or on the form).

    Every domain's service errors carry `.field`; rolling back first means the page shown
    again never displays half of a change that was refused.
    """
    db.session.rollback()
    target = form._fields.get(error.field) if getattr(error, "field", None) else None
    if target is None or target.type in ("HiddenField", "CSRFTokenField"):
        form.form_errors.append(str(error))
    else:
        target.errors = [*target.errors, str(error)]
