"""The community guidelines: versioned, published by admins, cited by every decision."""

import re

from flask_babel import gettext as _
from sqlalchemy import select

from engage import audit
from engage.extensions import db
from engage.moderation.models import Decision, Guideline, GuidelineVersion, Suspension
from engage.moderation.services.errors import ModerationError
from engage.policies.diff import SectionDiff, diff_sections
from engage.sanitize import clean_text, render_document

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
MAX_TITLE = 120


def current_guidelines() -> GuidelineVersion | None:
    """Return the latest published version of the guidelines, or None before the first."""
    return db.session.scalar(
        select(GuidelineVersion).order_by(GuidelineVersion.number.desc()).limit(1)
    )


def guideline_version(number: int) -> GuidelineVersion | None:
    """Return version `number` of the guidelines."""
    return db.session.scalar(select(GuidelineVersion).filter_by(number=number))


def all_versions() -> list[GuidelineVersion]:
    """Return every published version, newest first."""
    return list(
        db.session.scalars(select(GuidelineVersion).order_by(GuidelineVersion.number.desc()))
    )


def previous_version(version: GuidelineVersion) -> GuidelineVersion | None:
    """Return the version published just before `version`."""
    return db.session.scalar(
        select(GuidelineVersion)
        .where(GuidelineVersion.number < version.number)
        .order_by(GuidelineVersion.number.desc())
        .limit(1)
    )


def guideline_choices(version: GuidelineVersion | None = None) -> list[tuple[str, str]]:
    """Return (key, title) pairs of `version` (default: current), for reason selects."""
    version = version or current_guidelines()
    if version is None:
        return []
    return [(g.key, g.title) for g in version.guidelines]


def guideline_title(key: str) -> str:
    """Return the current title of the guideline `key`; a key no longer listed reads as itself."""
    title = db.session.scalar(
        select(Guideline.title)
        .join(GuidelineVersion)
        .where(Guideline.key == key)
        .order_by(GuidelineVersion.number.desc())
        .limit(1)
    )
    return title or key


def cited_keys() -> set[str]:
    """Return every guideline key a decision or a suspension has cited."""
    decided = db.session.scalars(select(Decision.guideline_key).distinct())
    suspended = db.session.scalars(select(Suspension.guideline_key).distinct())
    return set(decided) | set(suspended)


def _clean_guideline(item: dict, position: int) -> dict:
    key = clean_text(item.get("key")).lower()
    title = clean_text(item.get("title"))
    body_md = clean_text(item.get("body_md"))
    if not KEY_PATTERN.match(key):
        raise ModerationError(
            _(
                "“%(key)s” is not a valid key: use 2 to 40 lowercase letters, digits "
                "or underscores, starting with a letter.",
                key=key,
            ),
            field="guidelines",
            code="key",
        )
    if not title or len(title) > MAX_TITLE:
        raise ModerationError(
            _("Each reason needs a title of at most %(n)s characters.", n=MAX_TITLE),
            field="guidelines",
            code="title",
        )
    return {"key": key, "title": title, "body_md": body_md, "position": position}


def _check_keys(items: list[dict]) -> None:
    keys = [item["key"] for item in items]
    if not keys:
        raise ModerationError(
            _("The guidelines need at least one reason."), field="guidelines", code="empty"
        )
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ModerationError(
            _("Each key may appear once; repeated: %(keys)s.", keys=", ".join(duplicates)),
            field="guidelines",
            code="duplicate",
        )
    missing = sorted(cited_keys() - set(keys))
    if missing:
        raise ModerationError(
            _(
                "Past moderation decisions cite %(keys)s: keep these reasons (you may reword "
                "them) so those decisions stay explained.",
                keys=", ".join(missing),
            ),
            field="guidelines",
            code="cited",
        )


def publish_guidelines(
    admin, intro_md: str, guidelines: list[dict], change_note: str
) -> GuidelineVersion:
    """Publish a new version of the guidelines; earlier versions stay as they were."""
    items = [_clean_guideline(item, i) for i, item in enumerate(guidelines)]
    _check_keys(items)
    change_note = clean_text(change_note)
    if not change_note:
        raise ModerationError(
            _("Say what changed, for readers of earlier versions."),
            field="change_note",
            code="note",
        )
    previous = current_guidelines()
    version = GuidelineVersion(
        number=(previous.number + 1) if previous else 1,
        intro_md=clean_text(intro_md),
        intro_html=render_document(intro_md),
        change_note=change_note,
        created_by_id=getattr(admin, "id", None),
    )
    version.guidelines = [
        Guideline(**item, body_html=render_document(item["body_md"])) for item in items
    ]
    db.session.add(version)
    db.session.flush()
    audit.record(
        admin,
        "guidelines.publish",
        version,
        summary=f"Guidelines v{version.number}",
        reason=change_note,
        detail={"number": version.number, "keys": [i["key"] for i in items]},
    )
    return version


INTRO_KEY = "_intro"


def _texts(version: GuidelineVersion) -> dict[str, str]:
    texts = {INTRO_KEY: version.intro_md}
    texts.update({g.key: f"{g.title}\n\n{g.body_md}" for g in version.guidelines})
    return texts


def guideline_changes(version: GuidelineVersion, previous: GuidelineVersion) -> list[SectionDiff]:
    """Word differences from `previous` to `version`: the introduction, then reason by reason."""
    order = [INTRO_KEY, *(g.key for g in version.guidelines)]
    return diff_sections(_texts(previous), _texts(version), order)


def titles_by_key(*versions: GuidelineVersion) -> dict[str, str]:
    """Titles of the reasons of `versions`, the later version's wording winning."""
    titles: dict[str, str] = {}
    for version in versions:
        titles.update({g.key: g.title for g in version.guidelines})
    return titles
