"""The Nu Html Checker (vnu-jar from npm, run with Java) finds no error on the main page types.

The pages are rendered by the test client from the data the browser checks use
(tests/browser/page_seed.py), written to files, and checked in one Java run (it is slow to
start). English pages, and the home and policy pages in Arabic (right to left).
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from engage import ROOT
from tests import factories
from tests.browser.page_seed import Seed, make_seed

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

pytestmark = pytest.mark.skipif(
    not (JAVA and VNU.exists()),
    reason="needs Java (apt-get install default-jre-headless) and vnu-jar (npm install)",
)

ROLES = ("resident", "org_member", "moderator", "staff", "admin")


def pages(seed: Seed) -> dict[str, tuple[str | None, str]]:
    """name -> (who looks, None for a visitor; the URL, in English unless it says ?lang=)."""
    policy = f"/policies/{seed.policy}"
    return {
        "home": (None, "/"),
        "home-ar": ("resident", "/?lang=ar"),
        "policies": (None, "/policies"),
        "policy": (None, policy),
        "policy-resident": ("resident", policy),
        "policy-ar": (None, f"{policy}?lang=ar"),
        "version": (None, f"{policy}/versions/1"),
        "diff": (None, f"{policy}/diff?from=1&to=2"),
        "comment": (None, f"/comments/{seed.comment_id}"),
        "reports": (None, "/reports"),
        "report": (None, f"/reports/{seed.department}/{seed.report_year}"),
        "exigent": (None, "/exigent-use"),
        "exigent-notice": (None, f"/exigent-use/{seed.exigent_id}"),
        "events": (None, "/events"),
        "event": ("resident", f"/events/{seed.session_id}"),
        "organizations": (None, "/organizations"),
        "organization": ("org_member", f"/organizations/{seed.org}"),
        "sign-in": (None, "/auth/login"),
        "register": (None, "/auth/register"),
        "account": ("resident", "/account"),
        "staff": ("staff", "/staff"),
        "admin": ("admin", "/admin"),
        "moderation": ("moderator", "/moderation"),
        "moderation-item": ("moderator", f"/moderation/comments/{seed.comment_id}"),
        "guidelines": (None, "/guidelines"),
    }


def in_english(url: str) -> str:
    return url if "lang=" in url else f"{url}{'&' if '?' in url else '?'}lang=en"


@pytest.fixture
def signed_in(app, ctx):
    """role -> a test client signed in as a fresh account of that role."""
    users = {role: factories.make_user(role=_account_role(role)) for role in ROLES}
    clients = {}
    for role, user in users.items():
        clients[role] = app.test_client()
        response = clients[role].post_form(
            "/auth/login", {"email": user.email, "password": factories.PASSWORD}
        )
        assert response.status_code == 302
    clients[None] = app.test_client()
    return {role: user.email for role, user in users.items()}, clients


def _account_role(role: str) -> str:
    return "resident" if role == "org_member" else role


def test_main_pages_have_no_html_errors(signed_in, tmp_path):
    emails, clients = signed_in
    seed = make_seed(emails)
    files = {}
    for name, (role, url) in pages(seed).items():
        response = clients[role].get(in_english(url))
        assert response.status_code == 200, f"{name}: {url} answered {response.status_code}"
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(response.get_data())
    errors = validate(list(files.values()))
    assert not errors, "Nu Html Checker errors:\n" + "\n".join(errors)


def validate(paths: list[Path]) -> list[str]:
    """Run vnu once on `paths`; each error as 'file:line: message'."""
    run = subprocess.run(
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['message']}"
        f" [{m.get('extract', '').strip()[:120]}]"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


def test_the_checker_reports_what_is_wrong(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head>'
        '<body><div aria-labelledby="h">text</div><time datetime="soon">x</time></body></html>'
    )
    errors = validate([page])
    assert len(errors) == 2, errors
    assert all(error.startswith("broken.html:1:") for error in errors)
