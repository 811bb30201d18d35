"""Headers, error pages, language choice, the command line."""

from engage.accounts.models import User
from engage.extensions import db


def test_strict_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_unknown_page_is_a_404_in_the_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Page not found" in page and "usa-header" in page


def test_unknown_api_path_answers_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json["error"]["status"] == 404


def test_lang_parameter_is_remembered_in_a_cookie(client):
    response = client.get("/?lang=ar")
    assert 'lang="ar"' in response.get_data(as_text=True)
    assert 'dir="rtl"' in response.get_data(as_text=True)
    assert "engage_lang=ar" in response.headers["Set-Cookie"]
    assert 'lang="ar"' in client.get("/").get_data(as_text=True)


def test_unknown_lang_is_ignored(client):
    response = client.get("/?lang=xx", headers={"Accept-Language": "fr-CA,fr;q=0.9"})
    assert 'lang="fr"' in response.get_data(as_text=True)
    assert (
        "Set-Cookie" not in response.headers or "engage_lang" not in response.headers["Set-Cookie"]
    )


def test_accept_language_picks_the_region_variant(client):
    response = client.get("/", headers={"Accept-Language": "pt"})
    assert 'lang="pt-BR"' in response.get_data(as_text=True)


def test_language_switcher_lists_languages_in_their_own_names(client):
    page = client.get("/").get_data(as_text=True)
    for name in ("Español", "简体中文", "Kreyòl ayisyen", "العربية", "Soomaali"):
        assert name in page


def test_create_user_command(app, ctx):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "engage",
            "create-user",
            "Mod@Example.org",
            "--role",
            "moderator",
            "--password",
            "pw-12345678",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).where(User.email == "mod@example.org"))
    assert user.role == "moderator" and user.is_confirmed and user.check_password("pw-12345678")
    again = runner.invoke(
        args=[
            "engage",
            "create-user",
            "mod@example.org",
            "--role",
            "moderator",
            "--password",
            "x" * 10,
        ]
    )
    assert again.exit_code != 0 and "already exists" in again.output
    bad = runner.invoke(
        args=["engage", "create-user", "a@b.org", "--role", "king", "--password", "x"]
    )
    assert bad.exit_code != 0 and "unknown role" in bad.output


def test_ids_too_large_for_the_database_are_404(client):
    assert client.get("/comments/99999999999999999999").status_code == 404
    assert client.get("/admin/users/99999999999999999999").status_code in (302, 404)
