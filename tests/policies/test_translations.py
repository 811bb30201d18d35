"""Staff enter translations of a policy version; readers see them, or ask for one."""

import pytest

from engage.audit import AuditEntry
from engage.extensions import db
from engage.policies import translations
from engage.policies.services import CatalogError
from engage.policies.translation_models import TranslationRequest, VersionTranslation
from tests import factories
from tests.comments.helpers_thread import text

SPANISH = {"purpose": "Documentar incidentes y mejorar la rendición de cuentas."}


@pytest.fixture
def policy(ctx):
    return factories.make_policy(title="Body-worn cameras", status="approved")


def url(policy, **query) -> str:
    args = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/policies/{policy.slug}" + (f"?{args}" if args else "")


def test_staff_save_a_translation_and_readers_see_it(client, login, staff, policy):
    login(staff)
    form = f"/staff/policies/{policy.slug}/versions/1/translations/es"
    assert client.get(form).status_code == 200
    response = client.post_form(
        form, {"translator": "City translation vendor", "section_purpose": SPANISH["purpose"]}
    )
    assert response.status_code == 302
    stored = db.session.scalar(db.select(VersionTranslation))
    assert (stored.language, stored.translator) == ("es", "City translation vendor")
    assert db.session.scalar(
        db.select(AuditEntry).where(AuditEntry.action == "policy.translation_saved")
    )
    page = text(client.get(url(policy, lang="es")))
    assert SPANISH["purpose"] in page
    assert 'lang="es"' in page
    assert "City translation vendor" in page
    # The untranslated section is shown in English, marked as such.
    assert "Footage is kept for" in page and 'lang="en"' in page


def test_the_english_original_is_one_link_away(client, staff, policy):
    translations.save_translation(staff, policy.current_version, "es", "", SPANISH)
    page = text(client.get(url(policy, lang="es")))
    assert "?text=original#policy-text" in page
    original = text(client.get(url(policy, lang="es", text="original")))
    assert SPANISH["purpose"] not in original
    assert "To document incidents" in original


def test_without_a_translation_readers_can_ask_for_one(client, policy):
    page = text(client.get(url(policy, lang="vi")))
    assert "/translation-requests" in page and 'name="language" value="vi"' in page
    response = client.post_form(f"/policies/{policy.slug}/translation-requests", {"language": "vi"})
    assert response.status_code == 302
    assert translations.requests_by_language(policy.current_version) == {"vi": 1}


def test_a_signed_in_reader_is_counted_once(client, login, policy):
    login(factories.make_user())
    for _ in range(2):
        client.post_form(f"/policies/{policy.slug}/translation-requests", {"language": "so"})
    assert db.session.scalar(db.select(db.func.count(TranslationRequest.id))) == 1


@pytest.mark.parametrize("language", ["en", "xx", ""])
def test_a_request_for_no_city_language_is_refused(client, policy, language):
    response = client.post_form(
        f"/policies/{policy.slug}/translation-requests", {"language": language}
    )
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(TranslationRequest.id))) == 0


def test_english_readers_see_no_notice(client, policy):
    assert (
        "translation"
        not in text(client.get(url(policy, lang="en"))).lower().split("policy-text")[1][:400]
    )


def test_saving_again_replaces_and_an_empty_section_is_dropped(ctx, staff, policy):
    version = policy.current_version
    translations.save_translation(staff, version, "es", "", {**SPANISH, "data_retention": "x"})
    translation = translations.save_translation(staff, version, "es", "Vendor", SPANISH)
    assert [s.section_key for s in translation.sections] == ["purpose"]
    assert db.session.scalar(db.select(db.func.count(VersionTranslation.id))) == 1


def test_an_empty_translation_or_unknown_language_is_refused(ctx, staff, policy):
    with pytest.raises(CatalogError):
        translations.save_translation(staff, policy.current_version, "es", "", {})
    with pytest.raises(CatalogError):
        translations.save_translation(staff, policy.current_version, "en", "", SPANISH)


@pytest.mark.parametrize("role", ["resident", "moderator", "board"])
def test_only_staff_enter_translations(client, login, policy, role):
    login(factories.make_user(role=role))
    for path in ("translations", "versions/1/translations/es"):
        assert client.get(f"/staff/policies/{policy.slug}/{path}").status_code == 403


def test_unknown_versions_and_languages_are_not_found(client, login, staff, policy):
    login(staff)
    base = f"/staff/policies/{policy.slug}/versions"
    assert client.get(f"{base}/9/translations/es").status_code == 404
    assert client.get(f"{base}/1/translations/en").status_code == 404


def test_the_staff_overview_counts_requests(client, login, staff, policy):
    translations.request_translation(None, policy.current_version, "ar")
    login(staff)
    page = text(client.get(f"/staff/policies/{policy.slug}/translations"))
    assert "العربية" in page and "Enter the Arabic translation" in page
