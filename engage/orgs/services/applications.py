"""Applications and profiles: apply, edit, and staff's verification."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from sqlalchemy import func

from engage import audit, uploads
from engage.extensions import db
from engage.mail import queue_mail
from engage.orgs.models import Membership, Organization, OrgRole, OrgStatus
from engage.orgs.services.errors import EMAIL, OrgError
from engage.policies.services import slugify
from engage.reference import languages, neighborhoods
from engage.sanitize import clean_text, render_markdown
from engage.types import utcnow
from engage.web import absolute_url

NAME_MAX, MISSION_MAX, REASON_MAX = 200, 5000, 2000
# Addresses under /organizations/ that are pages, not organizations.
RESERVED_SLUGS = frozenset({"apply", "invitations", "new"})


# Applications and profiles ----------------------------------------------------------------


@dataclass
class OrgData:
    name: str
    mission: str
    neighborhoods: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    website: str = ""
    contact_email: str = ""
    logo: object = None  # an uploaded file (read by engage.uploads.store_logo), or None
    remove_logo: bool = False


def _required(value: str, max_length: int, field_name: str, message) -> str:
    text = clean_text(value)
    if not text:
        raise OrgError(message, field_name)
    if len(text) > max_length:
        raise OrgError(_l("Use at most %(n)d characters.", n=max_length), field_name)
    return text


def clean_website(value: str) -> str:
    """An http(s) address with a host, or '' (raises OrgError on anything else)."""
    url = clean_text(value)
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in url:
        raise OrgError(_l("Enter a web address that starts with https:// or http://."), "website")
    if len(url) > 300:
        raise OrgError(_l("Use at most %(n)d characters.", n=300), "website")
    return url


def clean_contact_email(value: str) -> str:
    """A plausible email address, lower-cased (raises OrgError otherwise)."""
    email = clean_text(value).lower()
    if not email:
        raise OrgError(_l("Enter the email address people can write to."), "contact_email")
    if not EMAIL.match(email) or len(email) > 320:
        raise OrgError(_l("Enter an email address like name@example.com."), "contact_email")
    return email


def _choices(values, allowed, field_name: str, message) -> list[str]:
    chosen = list(dict.fromkeys(values or []))
    if not chosen:
        raise OrgError(message, field_name)
    if any(value not in allowed for value in chosen):
        raise OrgError(_l("Choose from the list."), field_name)
    return [value for value in allowed if value in chosen]


def _check_name_free(name: str, org: Organization | None) -> None:
    clash = db.session.scalar(
        db.select(Organization).where(
            func.lower(Organization.name) == name.lower(),
            Organization.status != OrgStatus.REJECTED.value,
        )
    )
    if clash is not None and clash is not org:
        raise OrgError(_l("An organization with this name is already registered."), "name")


def _checked(data: OrgData, org: Organization | None = None) -> dict:
    """The application's fields, cleaned; raises OrgError on the first problem."""
    name = _required(data.name, NAME_MAX, "name", _l("Enter the organization's name."))
    _check_name_free(name, org)
    mission = _required(
        data.mission, MISSION_MAX, "mission", _l("Say what the organization does and for whom.")
    )
    return {
        "name": name,
        "mission_md": mission,
        "mission_html": render_markdown(mission),
        "neighborhoods": _choices(
            data.neighborhoods,
            neighborhoods(),
            "neighborhoods",
            _l("Choose at least one neighborhood."),
        ),
        "languages": _choices(
            data.languages,
            [language.code for language in languages()],
            "languages",
            _l("Choose at least one language."),
        ),
        "website": clean_website(data.website),
        "contact_email": clean_contact_email(data.contact_email),
    }


def _store_logo(data: OrgData) -> str | None:
    """The stored logo's name, checked by content; None when no file was chosen."""
    logo = data.logo
    if logo is None or not getattr(logo, "filename", None):
        return None
    try:
        return uploads.store_logo(logo)
    except uploads.UploadError as error:
        raise OrgError(str(error), "logo") from error


def _unique_slug(name: str) -> str:
    """An address from the name; a name with no Latin letters gets "organization"."""
    base = slugify(name, max_length=100)
    base = "organization" if base == "item" else base
    slug, n = base, 1
    while slug in RESERVED_SLUGS or db.session.scalar(
        db.select(Organization.id).where(Organization.slug == slug)
    ):
        n += 1
        slug = f"{base}-{n}"
    return slug


def apply(actor, data: OrgData) -> Organization:
    """Register an application: the organization waits for staff; the applicant is its admin."""
    if not actor.is_confirmed:
        raise OrgError(_l("Confirm your email address before you apply: we write to you there."))
    fields = _checked(data)
    logo = _store_logo(data)
    org = Organization(
        slug=_unique_slug(fields["name"]),
        status=OrgStatus.PENDING.value,
        applied_by_id=actor.id,
        logo_filename=logo,
        **fields,
    )
    db.session.add(org)
    db.session.flush()
    db.session.add(Membership(organization_id=org.id, user_id=actor.id, role=OrgRole.ADMIN.value))
    db.session.flush()
    audit.record(actor, "org.apply", org, summary=org.name)
    return org


def update_profile(actor, org: Organization, data: OrgData) -> Organization:
    """Save the profile; a verified organization stays verified, a rejected one is re-submitted."""
    fields = _checked(data, org)
    logo = _store_logo(data)
    for name, value in fields.items():
        setattr(org, name, value)
    if logo is not None:
        org.logo_filename = logo
    elif data.remove_logo:
        org.logo_filename = None
    resubmitted = org.status == OrgStatus.REJECTED
    if resubmitted:
        org.status, org.decided_at, org.decided_by_id = OrgStatus.PENDING.value, None, None
    db.session.flush()
    action = "org.resubmit" if resubmitted else "org.update"
    audit.record(actor, action, org, summary=org.name, detail={"status": org.status})
    return org


# Verification -----------------------------------------------------------------------------


def _decide(actor, org: Organization, status: OrgStatus, reason: str | None) -> None:
    if org.status != OrgStatus.PENDING:
        raise OrgError(_l("This application has already been decided."))
    org.status, org.rejection_reason = status.value, reason
    org.decided_by_id, org.decided_at = actor.id, utcnow()
    db.session.flush()


def _applicant_mail(org: Organization, template: str, **context) -> None:
    from engage.accounts.models import User

    applicant = db.session.get(User, org.applied_by_id) if org.applied_by_id else None
    if applicant is None or not applicant.is_active:
        return
    queue_mail(
        applicant.email,
        template,
        locale=applicant.preferred_language,
        user=applicant,
        org=org,
        **context,
    )


def verify(actor, org: Organization) -> Organization:
    """Make a pending organization public; tell the applicant."""
    _decide(actor, org, OrgStatus.VERIFIED, None)
    audit.record(actor, "org.verify", org, summary=org.name)
    _applicant_mail(org, "org_verified", link=absolute_url("orgs.detail", slug=org.slug))
    return org


def reject(actor, org: Organization, reason: str) -> Organization:
    """Turn an application down with a reason the applicant reads."""
    reason = _required(reason, REASON_MAX, "reason", _l("Tell the applicant why."))
    _decide(actor, org, OrgStatus.REJECTED, reason)
    audit.record(actor, "org.reject", org, summary=org.name, reason=reason)
    _applicant_mail(org, "org_rejected", link=absolute_url("orgs.edit", slug=org.slug))
    return org
