"""The policy catalog: filters, pagination, and what each item shows."""

import pytest

from tests import factories
from tests.policies.conftest import page


@pytest.fixture
def catalog(ctx):
    """Three policies that differ in every filterable way."""
    police = factories.make_department(code="BPD", name="Police Department")
    transport = factories.make_department(code="DOT", name="Transportation")
    cameras = factories.make_technology(police, name="Body-worn cameras", category="video")
    plates = factories.make_technology(transport, name="Plate readers", category="location")
    return {
        "open": factories.make_policy(
            "Body camera policy", technology=cameras, period="open", status="open_for_comment"
        ),
        "upcoming": factories.make_policy(
            "Plate reader policy", technology=plates, period="upcoming", status="draft"
        ),
        "closed": factories.make_policy(
            "Drone policy", technology=cameras, period="closed", status="approved"
        ),
    }


def titles(response) -> set[str]:
    text = page(response)
    return {t for t in ("Body camera policy", "Plate reader policy", "Drone policy") if t in text}


ALL = {"Body camera policy", "Plate reader policy", "Drone policy"}


def test_lists_every_policy_with_its_facts(client, catalog):
    response = client.get("/policies")
    assert response.status_code == 200
    text = page(response)
    assert titles(response) == ALL
    assert "3 policies" in text
    assert "Department: Police Department" in text
    assert "Technology: Plate readers" in text
    assert 'engage-status--open_for_comment">Open for comment' in text
    assert "days left" in text
    assert "Comment period upcoming." in text
    assert "Comment period closed." in text
    assert 'href="/policies/body-camera-policy"' in text
    assert 'class="usa-breadcrumb"' in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("department=BPD", {"Body camera policy", "Drone policy"}),
        ("department=dot", {"Plate reader policy"}),
        ("category=location", {"Plate reader policy"}),
        ("category=Video", {"Body camera policy", "Drone policy"}),
        ("status=approved", {"Drone policy"}),
        ("status=open_for_comment", {"Body camera policy"}),
        ("period=open", {"Body camera policy"}),
        ("period=upcoming", {"Plate reader policy"}),
        ("period=closed", {"Drone policy"}),
        ("department=BPD&period=closed", {"Drone policy"}),
        ("department=DOT&status=approved", set()),
    ],
)
def test_each_filter_narrows_the_list(client, catalog, query, expected):
    response = client.get(f"/policies?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "query", ["status=bogus", "period=soon", "period=", "status=", "page=abc", "page=-1", "page=0"]
)
def test_invalid_filter_values_are_ignored(client, catalog, query):
    response = client.get(f"/policies?{query}")
    assert response.status_code == 200
    assert titles(response) == ALL


@pytest.mark.parametrize(
    "query",
    ["department=NOPE", "category=telepathy", "department=%27%3B--", "department=" + "x" * 500],
)
def test_unknown_filter_values_give_an_empty_list_with_help(client, catalog, query):
    response = client.get(f"/policies?{query}")
    assert response.status_code == 200
    text = page(response)
    assert titles(response) == set()
    assert "No policy matches these filters." in text
    assert "Clear all filters" in text


def test_the_filter_form_is_a_bookmarkable_get_form_that_keeps_choices(client, catalog):
    text = page(client.get("/policies?department=BPD&status=approved&period=closed&q=drone"))
    assert 'method="get"' in text
    assert '<option value="BPD" selected>' in text
    assert '<option value="approved" selected>' in text
    assert '<option value="closed" selected>' in text
    assert 'name="q" type="search" value="drone"' in text
    assert "1 policy matches" in text
    for label in ("Keywords", "Department", "Kind of technology", "Status", "Comment period"):
        assert f">{label}</label>" in text


def test_paginates_twenty_per_page_keeping_filters(client, ctx):
    technology = factories.make_technology(category="aerial")
    for n in range(23):
        factories.make_policy(f"Aerial policy {n:02d}", technology=technology)
    first = page(client.get("/policies?category=aerial"))
    assert first.count('class="usa-collection__item"') == 20
    assert "23 policies match" in first
    assert "Page 1 of 2." in first
    assert 'class="usa-pagination"' in first
    assert "/policies?category=aerial&amp;page=2" in first
    second = page(client.get("/policies?category=aerial&page=2"))
    assert second.count('class="usa-collection__item"') == 3
    assert 'aria-current="page">2<' in second


def test_a_page_past_the_end_says_so(client, catalog):
    response = client.get("/policies?page=9")
    assert response.status_code == 200
    assert "There are no policies on this page." in page(response)


def test_an_empty_catalog_says_so(client, ctx):
    response = client.get("/policies")
    assert response.status_code == 200
    assert "0 policies" in page(response)


def test_listing_costs_the_same_number_of_queries_for_more_policies(client, ctx, count_queries):
    technology = factories.make_technology()
    for n in range(3):
        factories.make_policy(f"Policy {n}", technology=technology, period="open", versions=2)
    with count_queries() as few:
        client.get("/policies")
    for n in range(3, 12):
        factories.make_policy(f"Policy {n}", technology=technology, period="closed", versions=2)
    with count_queries() as many:
        assert "12 policies" in page(client.get("/policies"))
    assert 0 < many[0] == few[0]
