"""What browser tests share: launching Chromium, signing in, axe-core, the outbox."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from engage import ROOT
from engage.extensions import db
from engage.mail import OutboxMessage
from tests import factories

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps trying to reach the internet, which is closed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Served by the app from static/ (copied there from the pinned npm axe-core by `make assets`),
# so the page's own CSP (script-src 'self') lets it run: the CSP stays on while axe checks.
AXE_PATH = "/static/vendor/axe/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_RUN_AXE = """async (tags) => {
  // Only violations are read: axe then skips the details of what passed (faster).
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
  });
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
    count: v.nodes.length,
  }));
}"""
_LINK = re.compile(r"https?://\S+")


def sign_in(page, email: str, password: str = factories.PASSWORD) -> None:
    """Sign in through the form, keyboard only, and wait for the account page."""
    page.goto("/auth/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("#password").press("Enter")
    page.wait_for_url("**/account")


def sign_out(page) -> None:
    with page.expect_navigation():
        page.locator("form[action$='/auth/logout'] button").click()


def axe_violations(page) -> list[dict]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_PATH)
        page.wait_for_function("() => typeof window.axe !== 'undefined'")
    return page.evaluate(_RUN_AXE, WCAG_TAGS)


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['count']} element(s)]")
        lines.extend(f"    {target}" for target in v["targets"])
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail with a readable list unless axe finds no WCAG 2.1 A/AA violation and no CSP error."""
    violations = axe_violations(page)
    assert not violations, describe_violations(page.url, violations)
    csp = getattr(page, "watch", None)
    assert not (csp and csp.csp), "\n".join(csp.csp)


def mailed_link(live_data, to: str, kind: str) -> str:
    """The link in the newest `kind` message to `to` in the live app's outbox."""
    return mailed_links(live_data, to, kind)[0]


def mailed_text(live_data, to: str, kind: str) -> str:
    """The body of the newest `kind` message to `to` in the live app's outbox."""
    with live_data():
        message = db.session.scalars(
            db.select(OutboxMessage)
            .where(OutboxMessage.to_address == to, OutboxMessage.kind == kind)
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert message is not None, f"no {kind!r} mail to {to}"
        return message.body_text


def mailed_links(live_data, to: str, kind: str) -> list[str]:
    """Every link in the newest `kind` message to `to`, in the order they appear."""
    links = _LINK.findall(mailed_text(live_data, to, kind))
    assert links, f"no link in the {kind!r} mail to {to}"
    return links


# Pages -----------------------------------------------------------------------------------

ARTIFACTS = ROOT / "test-artifacts"


@dataclass
class PageWatch:
    """What went wrong on the pages visited: CSP refusals, script errors, 5xx responses."""

    csp: list[str] = field(default_factory=list)
    script_errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [
            *(f"CSP: {m}" for m in self.csp),
            *(f"script error: {m}" for m in self.script_errors),
            *(f"server error: {m}" for m in self.server_errors),
        ]

    def clear(self) -> None:
        self.csp.clear()
        self.script_errors.clear()
        self.server_errors.clear()


def _watch(page) -> PageWatch:
    seen = PageWatch()

    def on_console(message):
        if "Content Security Policy" in message.text:
            seen.csp.append(f"{page.url}: {message.text}")

    def on_response(response):
        if response.status >= 500:
            seen.server_errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.script_errors.append(f"{page.url}: {error}"))
    page.on("response", on_response)
    return seen


def open_page(browser, base_url: str, **options):
    """A page in a new browser context, its problems recorded in `page.watch`."""
    settings = {"locale": "en-US", "viewport": {"width": 1280, "height": 900}, **options}
    context = browser.new_context(base_url=base_url, **settings)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.watch = _watch(page)
    return page


def screenshot(page, name: str) -> None:
    """Save the page to test-artifacts/ (git ignores it); never hide the real failure."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / (re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[-150:] + ".png")
    try:
        page.screenshot(path=str(path), full_page=True)
    except Exception as error:
        print(f"screenshot of {page.url} failed: {error}")
