"""Language choice: remembered in the profile when signed in, in a cookie for visitors,
Accept-Language on the first visit; the switcher works as a plain GET form."""

import re

import pytest

from engage.accounts.services import AccountError, remember_language
from engage.extensions import db
from tests import factories


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', response.get_data(as_text=True))
    assert match, "no <html lang dir>"
    return match.group(1)


def test_first_visit_follows_accept_language(client):
    response = client.get("/", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    assert html_lang(response) == "es"
    assert "engage_lang" not in response.headers.get("Set-Cookie", "")


def test_visitor_choice_is_kept_in_a_cookie_over_accept_language(client):
    client.get("/policies?lang=vi")
    assert html_lang(client.get("/", headers={"Accept-Language": "es"})) == "vi"


def test_switching_while_signed_in_saves_the_profile(client, login, resident):
    login(resident)
    response = client.get("/policies?lang=es")
    assert html_lang(response) == "es"
    db.session.refresh(resident)
    assert resident.preferred_language == "es"
    # The profile keeps it on another device, with no cookie and another browser language.
    other = client.application.test_client()
    other.post_form("/auth/login", {"email": resident.email, "password": factories.PASSWORD})
    assert html_lang(other.get("/", headers={"Accept-Language": "fr"})) == "es"


def test_profile_wins_over_a_cookie_left_from_before_signing_in(client, login, resident):
    client.get("/?lang=ru")  # as a visitor
    resident.preferred_language = "ht"
    db.session.flush()
    login(resident)
    assert html_lang(client.get("/")) == "ht"


def test_account_page_choice_is_used_at_once(client, login, resident):
    login(resident)
    client.get("/?lang=fr")
    client.post_form(
        "/account",
        {
            "display_name": resident.display_name or "R",
            "neighborhood": "",
            "preferred_language": "so",
        },
    )
    db.session.refresh(resident)
    assert resident.preferred_language == "so"
    assert html_lang(client.get("/")) == "so"


def test_unknown_lang_changes_nothing_in_the_profile(client, login, resident):
    resident.preferred_language = "vi"
    db.session.flush()
    login(resident)
    assert html_lang(client.get("/?lang=xx")) == "vi"
    db.session.refresh(resident)
    assert resident.preferred_language == "vi"


def test_a_post_with_lang_in_the_url_does_not_save_it(client, login, resident):
    login(resident)
    client.post_form("/auth/logout?lang=es")
    db.session.refresh(resident)
    assert resident.preferred_language is None


def test_remember_language_service(ctx, resident):
    assert remember_language(resident, "ar") is True
    assert remember_language(resident, "ar") is False
    assert resident.preferred_language == "ar"
    with pytest.raises(AccountError):
        remember_language(resident, "tlh")


def test_switcher_is_a_get_form_with_a_button_and_each_language_in_its_own_name(client):
    page = client.get("/policies?lang=es").get_data(as_text=True)
    form = re.search(
        r'<form method="get" action="/policies" class="engage-language-form">.*?</form>', page, re.S
    )
    assert form, "no GET language form"
    assert '<button type="submit"' in form.group(0)
    assert 'for="language-switcher"' in form.group(0)
    for code, name in (("en", "English"), ("zh-Hant", "繁體中文"), ("ar", "العربية")):
        assert f'value="{code}" lang="{code}"' in form.group(0)
        assert f">{name}</option>" in form.group(0)
    assert 'value="es" lang="es" selected>Español' in form.group(0)
