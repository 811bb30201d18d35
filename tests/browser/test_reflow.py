"""Reflow (WCAG 1.4.10): the main page types fit a 320-px-wide screen and 200 % zoom (a 640-px
viewport at 1280 px) without scrolling sideways, left to right and right to left."""

import pytest

from tests.browser.helpers import open_page, screenshot
from tests.browser.page_seed import Seed

# (name, who looks, path)
PAGES = [
    ("home", "anonymous", lambda s: "/"),
    ("policies", "anonymous", lambda s: "/policies"),
    ("policy", "resident", lambda s: f"/policies/{s.policy}"),
    ("version", "anonymous", lambda s: f"/policies/{s.policy}/versions/1"),
    ("diff", "anonymous", lambda s: f"/policies/{s.policy}/diff?from=1&to=2"),
    ("comment", "anonymous", lambda s: f"/comments/{s.comment_id}"),
    ("reports", "anonymous", lambda s: "/reports"),
    ("report", "anonymous", lambda s: f"/reports/{s.department}/{s.report_year}"),
    ("exigent", "anonymous", lambda s: "/exigent-use"),
    ("exigent-notice", "anonymous", lambda s: f"/exigent-use/{s.exigent_id}"),
    ("events", "anonymous", lambda s: "/events"),
    ("event", "resident", lambda s: f"/events/{s.session_id}"),
    ("organizations", "anonymous", lambda s: "/organizations"),
    ("organization", "org_member", lambda s: f"/organizations/{s.org}"),
    ("sign-in", "anonymous", lambda s: "/auth/login"),
    ("register", "anonymous", lambda s: "/auth/register"),
    ("account", "resident", lambda s: "/account"),
    ("staff", "staff", lambda s: "/staff"),
    ("admin", "admin", lambda s: "/admin"),
    ("moderation", "moderator", lambda s: "/moderation"),
    ("guidelines", "anonymous", lambda s: "/guidelines"),
]
# (viewport width, language): a phone in English and Arabic, 200 % zoom of a laptop screen.
SCREENS = [(320, "en"), (320, "ar"), (640, "en")]

# For the failure message: elements past the edge a page scrolls to, the right (or the left on a
# right-to-left page: what is parked past its right edge, like the breadcrumbs, does not scroll).
# Pseudo-elements have no box of their own: when no element is named, look at list bullets
# (::marker) and icons (::before), e.g. a list that lost its start padding.
_OVERFLOWING = """() => { const rtl = getComputedStyle(document.body).direction === 'rtl';
  return [...document.querySelectorAll('body *')]
  .filter(e => { const r = e.getBoundingClientRect();
                 return r.width > 0 && (rtl ? r.left < -1 : r.right > window.innerWidth + 1); })
  .slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className}`); }"""


@pytest.fixture(scope="module")
def screen_page(browser, base_url, role_states):
    """`screen_page(role, width)`: one page per role and width, reused (static files cached)."""
    pages = {}

    def page_for(role: str, width: int):
        if (role, width) not in pages:
            pages[role, width] = open_page(
                browser,
                base_url,
                storage_state=role_states(role),
                viewport={"width": width, "height": 800},
            )
        return pages[role, width]

    yield page_for
    for page in pages.values():
        page.context.close()


CASES = [
    pytest.param(name, role, path, width, language, id=f"{width}px-{language}-{name}")
    for name, role, path in PAGES
    for width, language in SCREENS
]


@pytest.mark.parametrize(("name", "role", "path", "width", "language"), CASES)
def test_page_fits_the_screen_without_scrolling_sideways(
    name, role, path, width, language, seed: Seed, screen_page
):
    page = screen_page(role, width)
    url = path(seed)
    response = page.goto(f"{url}{'&' if '?' in url else '?'}lang={language}")
    assert response.status == 200, f"{url}: {response.status}"
    wide = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    if wide > inner:
        screenshot(page, f"reflow-{width}-{language}-{name}")
    assert wide <= inner, f"{url} at {width}px ({language}) is {wide}px wide: " + ", ".join(
        page.evaluate(_OVERFLOWING)
    )
