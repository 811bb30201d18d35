"""Translations of a policy version: staff enter them section by section; readers ask for them."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from engage import audit, signals
from engage.extensions import db
from engage.policies.models import PolicyVersion
from engage.policies.services import CatalogError
from engage.policies.translation_models import (
    SectionTranslation,
    TranslationRequest,
    VersionTranslation,
)
from engage.reference import language_codes
from engage.sanitize import clean_text, render_document
from engage.types import utcnow

SOURCE_LANGUAGE = "en"  # policies are published in English; translations are of that text


def translatable_languages() -> list[str]:
    """The city's languages a policy can be translated into."""
    return [code for code in language_codes() if code != SOURCE_LANGUAGE]


def _check_language(language: str) -> None:
    if language not in translatable_languages():
        raise CatalogError(_l("Choose one of the city's languages."), "language")


def translation_for(version: PolicyVersion | None, language: str) -> VersionTranslation | None:
    """The version's translation into `language`, with its sections (one query)."""
    if version is None or language == SOURCE_LANGUAGE:
        return None
    return db.session.scalar(
        db.select(VersionTranslation)
        .options(selectinload(VersionTranslation.sections))
        .where(VersionTranslation.version_id == version.id, VersionTranslation.language == language)
    )


def translations_of(version: PolicyVersion) -> dict[str, VersionTranslation]:
    """Every translation of the version, by language."""
    rows = db.session.scalars(
        db.select(VersionTranslation).where(VersionTranslation.version_id == version.id)
    )
    return {translation.language: translation for translation in rows}


def save_translation(
    staff, version: PolicyVersion, language: str, translator: str, bodies: dict[str, str]
) -> VersionTranslation:
    """Enter or update the version's sections in `language`; empty sections stay untranslated."""
    _check_language(language)
    cleaned = {key: clean_text(bodies.get(key, "")) for key in (s.key for s in version.sections)}
    if not any(cleaned.values()):
        raise CatalogError(_l("Translate at least one section."), "sections")
    translation = translation_for(version, language) or VersionTranslation(
        version=version, language=language
    )
    translation.translator = clean_text(translator)[:200]
    translation.translated_at = utcnow()
    translation.translated_by_id = getattr(staff, "id", None)
    _replace_sections(translation, cleaned)
    db.session.add(translation)
    db.session.flush()
    audit.record(
        staff,
        "policy.translation_saved",
        version,
        summary=f"{version.policy.slug} v{version.number} in {language}",
        detail={"language": language, "sections": sorted(k for k, v in cleaned.items() if v)},
    )
    signals.translation_saved.send(translation)
    return translation


def _replace_sections(translation: VersionTranslation, cleaned: dict[str, str]) -> None:
    for key, body in cleaned.items():
        section = translation.section(key)
        if not body:
            if section is not None:
                translation.sections.remove(section)
            continue
        if section is None:
            section = SectionTranslation(section_key=key)
            translation.sections.append(section)
        section.body_md, section.body_html = body, render_document(body)


def request_translation(reader, version: PolicyVersion, language: str) -> bool:
    """Count a reader's wish to read the version in `language`; False if they already asked."""
    _check_language(language)
    user_id = getattr(reader, "id", None) if getattr(reader, "is_authenticated", False) else None
    try:
        with db.session.begin_nested():
            db.session.add(
                TranslationRequest(version_id=version.id, language=language, user_id=user_id)
            )
            db.session.flush()
    except IntegrityError:
        return False
    return True


def requests_by_language(version: PolicyVersion) -> dict[str, int]:
    """How many readers asked for the version in each language."""
    rows = db.session.execute(
        db.select(TranslationRequest.language, func.count(TranslationRequest.id))
        .where(TranslationRequest.version_id == version.id)
        .group_by(TranslationRequest.language)
    )
    return dict(rows.all())
