"""Browser tests: Debian's Chromium driven by Playwright against a live server.

One live server (its own SQLite file, whatever ENGAGE_TEST_DATABASE_URL says) and one browser
per session. `page` / `new_page()` give a test fresh browser contexts; `role_page(role)` is one
long-lived signed-in page per role for tests that only read. Data a test needs is created in
the live app with `live_data()` and the factories, and committed, since the server reads it
from another thread. Nothing here is rolled back: give each test its own users and objects.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask_migrate import upgrade
from werkzeug.serving import WSGIRequestHandler, make_server

from engage.extensions import db, limiter
from tests import factories
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, open_page, screenshot, sign_in
from tests.browser.page_seed import Seed, make_seed
from tests.conftest import make_test_app

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the dev extras install it
    sync_playwright = None
    collect_ignore_glob = ["test_*.py"]  # they import Playwright themselves

HERE = Path(__file__).parent
# Who the page checks visit as: the role's name -> the account's role. The organization member is
# a resident who belongs to the seeded organization (tests/browser/page_seed.py).
ROLES = {
    "resident": "resident",
    "org_member": "resident",
    "moderator": "moderator",
    "staff": "staff",
    "board": "board",
    "admin": "admin",
}


def _skip_reason() -> str | None:
    if sync_playwright is None:
        return "Playwright is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)"
    return None


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder `browser`, give it the live server, skip without Chromium."""
    reason = _skip_reason()
    for item in items:
        if HERE not in item.path.parents:
            continue
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.usefixtures("live_server"))
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, for the screenshot on failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


@dataclass
class LiveServer:
    url: str
    app: Flask


@pytest.fixture(scope="session")
def live_app(tmp_path_factory) -> Iterator[Flask]:
    """The app the live server runs, on its own SQLite file (browser tests never use PG)."""
    path = tmp_path_factory.mktemp("browser") / "engage-browser.db"
    # Real error pages, and static files cached by each browser context: pages load faster.
    app = make_test_app(f"sqlite:///{path}", ENGAGE_RENDER_500=True, SEND_FILE_MAX_AGE_DEFAULT=3600)
    with app.app_context():
        upgrade(revision="heads")
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app) -> Iterator[LiveServer]:
    """Serve `live_app` on a free port of 127.0.0.1 in a background thread."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True, request_handler=_QuietHandler)
    url = f"http://127.0.0.1:{server.server_port}"
    live_app.config["ENGAGE_BASE_URL"] = url
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield LiveServer(url=url, app=live_app)
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(live_server):
    """Start each browser test with no failed sign-ins counted against 127.0.0.1."""
    limiter.reset()


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture(scope="session")
def live_data(live_app):
    """`with live_data(): ...factories...` creates data in the live app and commits it."""

    @contextmanager
    def data():
        with live_app.app_context():
            yield db.session
            db.session.commit()

    return data


@pytest.fixture(scope="session")
def live_users(live_data) -> dict[str, str]:
    """One confirmed account per role in the live app: role -> email."""
    with live_data():
        return {name: factories.make_user(role=role).email for name, role in ROLES.items()}


@pytest.fixture(scope="session")
def seed(live_data, live_users) -> Seed:
    """The data the page checks show, made once (tests/browser/page_seed.py)."""
    with live_data():
        return make_seed(live_users)


@pytest.fixture(scope="session")
def browser():
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def role_states(browser, base_url, live_users):
    """`role_states(role)`: a signed-in storage state, made once per role (None: anonymous)."""
    states: dict = {"anonymous": None}

    def state_for(role: str):
        if role not in states:
            context = browser.new_context(base_url=base_url)
            sign_in(context.new_page(), live_users[role])
            states[role] = context.storage_state()
            context.close()
        return states[role]

    return state_for


@pytest.fixture
def new_page(browser, base_url, role_states, request):
    """`new_page(role=None, **context_options)`: a watched page in a fresh browser context.

    At the end of the test, a CSP refusal, an uncaught script error or a 5xx response seen
    on any of its pages fails the test; on failure each page is saved to test-artifacts/.
    """
    opened = []

    def open_new(role: str | None = None, **options):
        state = role_states(role or "anonymous")
        page = open_page(browser, base_url, storage_state=state, **options)
        opened.append(page)
        return page

    yield open_new
    _after_pages(request, opened)


@pytest.fixture(scope="session")
def role_page(browser, base_url, role_states):
    """`role_page(role)`: one long-lived page per role, for tests that only read pages.

    Reusing the context keeps the static files cached; callers check `page.watch` themselves.
    """
    pages = {}

    def page_for(role: str):
        if role not in pages:
            pages[role] = open_page(browser, base_url, storage_state=role_states(role))
        return pages[role]

    yield page_for
    for page in pages.values():
        page.context.close()


def _after_pages(request, pages) -> None:
    report = getattr(request.node, "report_call", None)
    problems = []
    for number, page in enumerate(pages):
        if report is not None and report.failed:
            screenshot(page, f"{request.node.nodeid}-{number}")
        problems.extend(page.watch.problems())
        page.context.close()
    if problems:
        pytest.fail("Problems on the pages visited:\n" + "\n".join(problems))


@pytest.fixture
def page(new_page):
    """An anonymous visitor's page in a fresh browser context."""
    return new_page()
