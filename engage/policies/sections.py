"""The sections a policy is written in: configurable per city, titled through gettext."""

from flask import current_app
from flask_babel import lazy_gettext as _l

SECTION_TITLES = {
    "purpose": _l("Purpose"),
    "authorized_uses": _l("Authorized uses"),
    "prohibited_uses": _l("Prohibited uses"),
    "data_collected": _l("Data collected"),
    "data_access": _l("Data access"),
    "data_protection": _l("Data protection"),
    "data_retention": _l("Data retention"),
    "public_access": _l("Public access"),
    "third_party_sharing": _l("Third-party sharing"),
    "training": _l("Training"),
    "auditing_oversight": _l("Auditing and oversight"),
}


def configured_sections() -> tuple[str, ...]:
    """Return the section keys this city's policies use, in order."""
    return current_app.config["ENGAGE_POLICY_SECTIONS"]


def section_title(key: str) -> str:
    """Return the reader-facing title of section `key`."""
    title = SECTION_TITLES.get(key)
    return str(title) if title is not None else key.replace("_", " ").capitalize()
