"""/api/v1/organizations: verified organizations only, checked against the OpenAPI document."""

import pytest

from engage import uploads
from engage.extensions import db
from tests.orgs.helpers_orgs import file_storage, image_bytes, make_org

LIST, ONE = "/organizations", "/organizations/{slug}"


@pytest.fixture
def orgs(ctx):
    dorchester = make_org(
        "verified",
        name="Dorchester Tenants' Alliance",
        mission="We organize **tenants**.",
        neighborhoods=["Dorchester", "Mattapan"],
        languages=["en", "ht"],
        website="https://dta.example.org",
        contact_email="hello@dta.example.org",
    )
    dorchester.logo_filename = uploads.store_logo(file_storage(image_bytes()))
    db.session.flush()
    return {
        "dorchester": dorchester,
        "eastie": make_org(
            "verified", name="East Boston Voices", neighborhoods=["East Boston"], languages=["es"]
        ),
        "pending": make_org("pending", name="Pending Group", neighborhoods=["Dorchester"]),
        "rejected": make_org("rejected", name="Rejected Group"),
    }


def names(body: dict) -> list[str]:
    return [item["name"] for item in body["data"]]


def test_the_list_has_verified_organizations_only_by_name(api, orgs):
    body = api.get("/api/v1/organizations", LIST)
    assert names(body) == ["Dorchester Tenants' Alliance", "East Boston Voices"]
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 2}
    assert body["links"] == {"next": None, "prev": None}


def test_an_organization_carries_its_public_fields(api, orgs):
    org = orgs["dorchester"]
    item = api.get(f"/api/v1/organizations/{org.slug}", ONE)
    assert item == {
        "slug": org.slug,
        "name": "Dorchester Tenants' Alliance",
        "mission": "<p>We organize <strong>tenants</strong>.</p>",
        "neighborhoods": ["Dorchester", "Mattapan"],
        "languages": ["en", "ht"],
        "website": "https://dta.example.org",
        "logo_url": f"http://engage.test/uploads/{org.logo_filename}",
        "url": f"http://engage.test/organizations/{org.slug}",
    }
    # The contact address is on the web page, never in the API (the checker refuses emails).
    assert "hello@" not in str(item)


def test_no_website_and_no_logo_are_null(api, orgs):
    item = api.get(f"/api/v1/organizations/{orgs['eastie'].slug}", ONE)
    assert item["website"] is None and item["logo_url"] is None


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_unverified_organizations_are_not_found(api, orgs, status):
    body = api.get(f"/api/v1/organizations/{orgs[status].slug}", ONE, status=404)
    assert body["error"]["status"] == 404


def test_an_unknown_slug_is_not_found(api, orgs):
    api.get("/api/v1/organizations/no-such-group", ONE, status=404)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("neighborhood=Dorchester", ["Dorchester Tenants' Alliance"]),
        ("neighborhood=East+Boston", ["East Boston Voices"]),
        ("language=es", ["East Boston Voices"]),
        ("language=ht&neighborhood=Mattapan", ["Dorchester Tenants' Alliance"]),
        ("language=so", []),
    ],
)
def test_filters(api, orgs, query, expected):
    assert names(api.get(f"/api/v1/organizations?{query}", LIST)) == expected


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("neighborhood=Atlantis", "neighborhood"),
        ("language=klingon", "language"),
        ("page=0", "page"),
        ("per_page=1000", "per_page"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(api, orgs, query, parameter):
    body = api.get(f"/api/v1/organizations?{query}", LIST, status=400)
    assert body["error"]["parameter"] == parameter


def test_pages_link_to_each_other(api, orgs):
    first = api.get("/api/v1/organizations?per_page=1", LIST)
    assert names(first) == ["Dorchester Tenants' Alliance"]
    assert first["links"]["next"] == "http://engage.test/api/v1/organizations?per_page=1&page=2"
    second = api.get("/api/v1/organizations?per_page=1&page=2", LIST)
    assert names(second) == ["East Boston Voices"] and second["links"]["next"] is None
