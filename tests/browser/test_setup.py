"""The browser-test machinery catches what it is meant to catch."""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.helpers import assert_accessible, axe_violations, describe_violations


def test_live_server_serves_the_home_page_with_its_security_headers(page):
    response = page.goto("/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.locator("h1").count() == 1


def test_the_csp_blocks_an_inline_script_and_the_watch_reports_it(page):
    page.goto("/")
    # Playwright adds the tag itself (the page cannot), as an injected attack would.
    with pytest.raises(PlaywrightError):
        page.add_script_tag(content="window.injected = true;")
    assert page.evaluate("() => window.injected === undefined")
    page.wait_for_timeout(100)
    assert any("inline script" in message for message in page.watch.csp), page.watch.csp
    page.watch.clear()  # seen and expected: don't fail this test's teardown


def test_axe_reports_a_violation_with_rule_and_element(page):
    page.goto("/")
    page.evaluate(
        """() => {
          const image = document.createElement('img');
          image.id = 'unlabelled-image';
          image.src = '/static/vendor/uswds/img/us_flag_small.png';
          document.querySelector('main').appendChild(image);
        }"""
    )
    violations = axe_violations(page)
    message = describe_violations(page.url, violations)
    assert [v["id"] for v in violations] == ["image-alt"], message
    assert "#unlabelled-image" in message
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
