"""A policy's page and its earlier versions."""

import re
from datetime import timedelta

import pytest

from engage.policies import services as catalog
from tests import factories
from tests.policies.conftest import page, publish

SECTIONS = {
    "data_retention": "Footage is kept for **90 days**.",
    "purpose": "To document encounters.",
    "training": "Officers train every year.",
}


@pytest.fixture
def policy(ctx):
    department = factories.make_department(code="BPD", name="Police Department")
    technology = factories.make_technology(department, name="Body-worn cameras", slug="bwc")
    return factories.make_policy(
        "Body-worn camera policy", sections=SECTIONS, technology=technology, status="draft"
    )


def test_shows_summary_status_and_links(client, policy):
    response = client.get("/policies/body-worn-camera-policy")
    assert response.status_code == 200
    text = page(response)
    assert text.count("<h1") == 1
    assert 'class="usa-summary-box' in text
    assert "What this technology is and what the city does with it." in text
    assert 'engage-status--draft">Draft' in text
    assert 'href="/departments/BPD">Police Department</a>' in text
    assert 'href="/technologies/bwc">Body-worn cameras</a>' in text
    assert 'class="usa-breadcrumb"' in text
    assert 'href="/policies"' in text


def test_sections_have_anchors_headings_and_a_table_of_contents(client, policy):
    text = page(client.get("/policies/body-worn-camera-policy"))
    assert 'id="section-data_retention"' in text
    assert 'href="#section-data_retention">Data retention</a>' in text
    assert "<strong>90 days</strong>" in text
    ids = re.findall(r'<section id="section-(\w+)"', text)
    # The city's configured order, whatever order the text was written in.
    assert ids == ["purpose", "data_retention", "training"]
    toc = re.findall(r'href="#section-(\w+)"', text)
    assert toc == ids
    assert 'href="#version-history"' in text
    assert text.index('id="section-training"') < text.index('id="version-history"')


def test_a_policy_without_text_or_period_says_so(client, ctx):
    technology = factories.make_technology()
    catalog.save_policy(
        None,
        catalog.PolicyData("Empty policy", technology.department_id, technology.id),
    )
    response = client.get("/policies/empty-policy")
    assert response.status_code == 200
    text = page(response)
    assert "The text of this policy has not been published yet." in text
    assert "No comment period has been scheduled for this policy." in text


def test_open_period_shows_dates_and_days_left(client, policy):
    factories.add_period(policy.current_version, "open")
    text = page(client.get("/policies/body-worn-camera-policy"))
    assert "Open for comment." in text
    assert "10 days left." in text
    assert "Opened" in text
    assert "Closes" in text


def test_extensions_show_their_reason_and_date(client, policy):
    period = factories.add_period(policy.current_version, "open")
    catalog.extend_period(
        None, period, period.closes_at + timedelta(days=7), "Requested by the neighborhood council."
    )
    text = page(client.get("/policies/body-worn-camera-policy"))
    assert "17 days left." in text
    assert "Extended once" in text
    assert "Reason: Requested by the neighborhood council." in text
    assert "the deadline moved from" in text


def test_closed_early_shows_the_reason(client, policy):
    period = factories.add_period(policy.current_version, "open")
    catalog.close_period_early(None, period, "The department withdrew the proposal.")
    text = page(client.get("/policies/body-worn-camera-policy"))
    assert "Comment period closed early." in text
    assert "Reason given: The department withdrew the proposal." in text
    assert "days left" not in text


@pytest.mark.parametrize(
    ("state", "shown"),
    [("upcoming", "Comment period opening soon."), ("closed", "Comment period closed.")],
)
def test_upcoming_and_closed_periods(client, policy, state, shown):
    factories.add_period(policy.current_version, state)
    text = page(client.get("/policies/body-worn-camera-policy"))
    assert shown in text
    assert "days left" not in text


def test_a_period_on_an_earlier_version_names_it(client, policy):
    factories.add_period(policy.current_version, "closed")
    publish(policy, SECTIONS, "Shorter retention")
    text = page(client.get("/policies/body-worn-camera-policy"))
    assert 'href="/policies/body-worn-camera-policy/versions/1">Version 1</a>' in text


def test_version_history_lists_versions_with_links(client, policy):
    publish(policy, {**SECTIONS, "data_retention": "Kept 30 days."}, "Shorter retention")
    text = page(client.get("/policies/body-worn-camera-policy"))
    assert "Version 2 (current)" in text
    assert "Shorter retention" in text
    assert "First published version." in text
    assert 'href="/policies/body-worn-camera-policy/versions/1"' in text
    assert 'href="/policies/body-worn-camera-policy/diff?from=1&amp;to=2"' in text
    assert "Kept 30 days." in text
    assert "90 days" not in text


def test_unknown_policy_is_a_404_page_in_the_layout(client, ctx):
    response = client.get("/policies/no-such-policy")
    assert response.status_code == 404
    assert "usa-header" in page(response)


def test_markup_in_titles_is_escaped(client, ctx):
    factories.make_policy("Cameras <script>alert(1)</script>")
    text = page(client.get("/policies"))
    assert "<script>alert(1)</script>" not in text


def test_page_costs_the_same_queries_for_more_versions(client, policy, count_queries):
    factories.add_period(policy.current_version, "closed")
    with count_queries() as few:
        client.get("/policies/body-worn-camera-policy")
    for n in range(3):
        version = publish(policy, {**SECTIONS, "training": f"Every {n} months."})
        factories.add_period(version, "closed")
    with count_queries() as many:
        assert "Version 4 (current)" in page(client.get("/policies/body-worn-camera-policy"))
    assert 0 < many[0] == few[0]


# Earlier versions ---------------------------------------------------------------------------


def test_an_earlier_version_says_which_is_current(client, policy):
    publish(policy, {**SECTIONS, "data_retention": "Kept 30 days."}, "Shorter retention")
    response = client.get("/policies/body-worn-camera-policy/versions/1")
    assert response.status_code == 200
    text = page(response)
    assert "This is version 1 of 2; the current version is 2." in text
    assert 'href="/policies/body-worn-camera-policy">Read the current version' in text
    assert "<strong>90 days</strong>" in text
    assert 'id="section-data_retention"' in text
    assert 'href="/policies/body-worn-camera-policy/diff?from=1&amp;to=2"' in text
    assert "You are reading this version" in text
    assert 'class="usa-breadcrumb"' in text


def test_the_current_version_page_says_it_is_current(client, policy):
    publish(policy, SECTIONS, "Clarified wording")
    text = page(client.get("/policies/body-worn-camera-policy/versions/2"))
    assert "This is version 2 of 2, the current version." in text
    assert "What changed: Clarified wording" in text
    assert "Compare with version 1" in text


@pytest.mark.parametrize("number", ["2", "0", "abc", "-1", "99999999999999999999"])
def test_unknown_versions_are_404(client, policy, number):
    response = client.get(f"/policies/body-worn-camera-policy/versions/{number}")
    assert response.status_code == 404


def test_version_of_an_unknown_policy_is_404(client, ctx):
    assert client.get("/policies/nothing/versions/1").status_code == 404
