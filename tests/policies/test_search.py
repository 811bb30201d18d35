"""Keyword search in the catalog: title, summary and section text, on SQLite and PostgreSQL."""

import pytest

from engage.policies.search import search_terms
from tests import factories
from tests.policies.conftest import page, publish


@pytest.fixture
def policies(ctx):
    technology = factories.make_technology(name="Gunshot sensors", category="audio")
    cameras = factories.make_policy(
        "Body-worn camera policy",
        sections={"purpose": "Record police encounters.", "data_retention": "Kept 90 days."},
    )
    sensors = factories.make_policy(
        "Acoustic detection policy",
        technology=technology,
        sections={"purpose": "Locate gunfire.", "third_party_sharing": "Shared with ShotVendor."},
    )
    return {"cameras": cameras, "sensors": sensors}


def found(client, query: str) -> set[str]:
    response = client.get("/policies", query_string={"q": query})
    assert response.status_code == 200
    text = page(response)
    return {t for t in ("Body-worn camera policy", "Acoustic detection policy") if t in text}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("camera", {"Body-worn camera policy"}),  # title
        ("ACOUSTIC", {"Acoustic detection policy"}),  # title, any case
        ("technology", {"Body-worn camera policy", "Acoustic detection policy"}),  # summary
        ("encounters", {"Body-worn camera policy"}),  # section text
        ("shotvendor", {"Acoustic detection policy"}),  # section text
        ("retent", set()),  # not a word in the text: "Kept 90 days"
        ("gunf", {"Acoustic detection policy"}),  # a word's beginning
        ("police encounters", {"Body-worn camera policy"}),  # all words must match
        ("encounters gunfire", set()),
        ("zeppelin", set()),
    ],
)
def test_keyword_search_covers_title_summary_and_sections(client, policies, query, expected):
    assert found(client, query) == expected


def test_search_uses_the_current_version_text(client, policies):
    publish(policies["cameras"], {"purpose": "Record encounters.", "training": "Yearly classes."})
    assert found(client, "classes") == {"Body-worn camera policy"}
    assert found(client, "90") == set()


def test_search_combines_with_filters(client, policies):
    department = policies["sensors"].department.code
    response = client.get("/policies", query_string={"q": "policy", "department": department})
    text = page(response)
    assert "Acoustic detection policy" in text
    assert "Body-worn camera policy" not in text
    assert "1 policy matches" in text
    assert "Searching for “policy”." in text


def test_no_results_offers_help(client, policies):
    text = page(client.get("/policies?q=zeppelin"))
    assert "No policy matches these filters." in text
    assert "Check the spelling" in text


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "camera*",
        "OR(",
        "camera OR",
        "NEAR",
        "NEAR(camera policy)",
        'camera" OR "x',
        "AND NOT",
        "-camera",
        "^camera",
        "camera:*",
        "col:camera",
        "a & b | !c",
        "'; DROP TABLE policies; --",
        "\\",
        "(((",
        "🙂",
        "the",
        "x" * 5000,
        "a b c d e f g h i j k l m n",
    ],
)
def test_operators_in_the_query_are_plain_text_never_an_error(client, policies, query):
    response = client.get("/policies", query_string={"q": query})
    assert response.status_code == 200
    assert "policies" in page(response)


def test_operator_words_still_find_plain_matches(client, policies):
    assert found(client, 'camera"') == {"Body-worn camera policy"}
    assert found(client, "(encounters*") == {"Body-worn camera policy"}


def test_search_terms_keep_only_words():
    assert search_terms('camera" OR NEAR(x*') == ["camera", "or", "near", "x"]
    assert search_terms("") == []
    assert len(search_terms("a " * 50)) == 8
