"""Demo translations of policy versions, and readers' requests for more."""

from engage.demo.policy_texts import translated_texts
from engage.extensions import db
from engage.policies import translations
from engage.policies.models import Policy

SLUG, LANGUAGE = "bpd-body-worn-cameras", "es"
TRANSLATOR = "Oficina de Acceso Lingüístico de la Ciudad"
# Requests readers made for languages not translated yet: (language, how many).
REQUESTED = [("zh-Hans", 4), ("ht", 3), ("vi", 2), ("so", 1)]


def load_translations(users: dict) -> list[str]:
    """Translate the body-worn camera policy into Spanish and count a few requests."""
    policy = db.session.scalar(db.select(Policy).where(Policy.slug == SLUG))
    if policy is None or policy.current_version is None:
        return ["translations: the body-worn camera policy is missing; none added"]
    version = policy.current_version
    if translations.translation_for(version, LANGUAGE) is not None:
        return ["translations: already present"]
    translations.save_translation(
        users["staff"], version, LANGUAGE, TRANSLATOR, translated_texts(SLUG, LANGUAGE)
    )
    for language, count in REQUESTED:
        for _ in range(count):
            translations.request_translation(None, version, language)
    return [f"translations: {SLUG} v{version.number} in Spanish; requests for 4 languages"]
