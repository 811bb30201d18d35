"""Forms for organizations: the application (and profile), invitations, staff decisions."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from engage.formatting import neighborhood_options
from engage.forms import EngageForm, MultiCheckboxField, strip_filter
from engage.orgs.models import Organization
from engage.orgs.services import (
    MISSION_MAX,
    NAME_MAX,
    REASON_MAX,
    OrgData,
    OrgError,
    clean_contact_email,
    clean_website,
)
from engage.reference import languages, neighborhoods


def _service_check(check):
    """A field validator that applies the service's own rule, so all errors show at once."""

    def validate(form, field):
        if not field.data:
            return
        try:
            check(field.data)
        except OrgError as error:
            raise ValidationError(str(error)) from error

    return validate


class Chosen(DataRequired):
    """At least one box ticked; no `required` attribute on each checkbox (one is enough)."""

    def __init__(self, message=None):
        super().__init__(message)
        self.field_flags = {}


def _language_choices() -> list[tuple[str, str]]:
    return [(language.code, language.native_name) for language in languages()]


class OrgForm(EngageForm):
    """The application; the same fields edit the profile later."""

    name = StringField(
        _l("Organization name"),
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("Enter the organization's name.")),
            Length(max=NAME_MAX),
        ],
    )
    mission = TextAreaField(
        _l("Mission"),
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("Say what the organization does and for whom.")),
            Length(max=MISSION_MAX),
        ],
    )
    neighborhoods = MultiCheckboxField(
        _l("Neighborhoods served"),
        validate_choice=False,
        validators=[Chosen(message=_l("Choose at least one neighborhood."))],
    )
    languages = MultiCheckboxField(
        _l("Languages spoken"),
        validate_choice=False,
        validators=[Chosen(message=_l("Choose at least one language."))],
    )
    website = URLField(
        _l("Website"),
        filters=[strip_filter],
        validators=[Length(max=300), _service_check(clean_website)],
    )
    contact_email = EmailField(
        _l("Public contact email"),
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("Enter the email address people can write to.")),
            Length(max=320),
            _service_check(clean_contact_email),
        ],
    )
    logo = FileField(_l("Logo"))
    remove_logo = BooleanField(_l("Remove the current logo"))

    def __init__(self, *args, org: Organization | None = None, **kwargs):
        if org is not None:
            kwargs.setdefault("data", {"mission": org.mission_md})
        super().__init__(*args, obj=org, **kwargs)
        self.neighborhoods.choices = neighborhood_options()
        self.languages.choices = _language_choices()
        self.language_info = {language.code: language for language in languages()}
        if org is None or not org.logo_filename:
            del self.remove_logo

    def org_data(self) -> OrgData:
        remove = getattr(self, "remove_logo", None)
        return OrgData(
            name=self.name.data or "",
            mission=self.mission.data or "",
            neighborhoods=list(self.neighborhoods.data or []),
            languages=list(self.languages.data or []),
            website=self.website.data or "",
            contact_email=self.contact_email.data or "",
            logo=self.logo.data,
            remove_logo=bool(remove is not None and remove.data),
        )


class InviteForm(EngageForm):
    email = EmailField(
        _l("Email address to invite"),
        filters=[strip_filter],
        validators=[
            InputRequired(message=_l("Enter an email address like name@example.com.")),
            Length(max=320),
        ],
    )


class RejectForm(EngageForm):
    reason = TextAreaField(
        _l("Reason"),
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("Tell the applicant why.")),
            Length(max=REASON_MAX),
        ],
    )


class ConfirmForm(EngageForm):
    """A button that confirms an action; only the CSRF token travels."""


class OrgFilterForm(EngageForm):
    """The list's filters, read from the query string: no CSRF, bookmarkable."""

    class Meta:
        csrf = False

    neighborhood = SelectField(_l("Neighborhood"), validate_choice=False)
    language = SelectField(_l("Language"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.neighborhood.choices = [("", _l("All neighborhoods")), *neighborhood_options()]
        self.language.choices = [("", _l("All languages")), *_language_choices()]

    def chosen(self) -> tuple[str | None, str | None]:
        """The filters that name a real neighborhood or language (others are ignored)."""
        neighborhood = self.neighborhood.data if self.neighborhood.data in neighborhoods() else None
        codes = {language.code for language in languages()}
        language = self.language.data if self.language.data in codes else None
        return neighborhood, language
