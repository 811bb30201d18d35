"""The API's test helpers: validate real responses against the served OpenAPI document."""

import re
from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from engage.extensions import db
from engage.reports.models import DataSharingEntry, ReportEntry
from engage.sanitize import render_document
from tests import factories

DOCUMENT_URI = "urn:engage:api:openapi"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def escape(segment: str) -> str:
    """A JSON Pointer segment: '/policies/{slug}' -> '~1policies~1{slug}'."""
    return segment.replace("~", "~0").replace("/", "~1")


def resolve(document: dict, pointer: str):
    node = document
    for segment in pointer.lstrip("/").split("/"):
        node = node[segment.replace("~1", "/").replace("~0", "~")]
    return node


def response_schema_pointer(document: dict, path: str, status: int) -> str:
    """Where the schema of `path`'s GET response with `status` sits in the document."""
    pointer = f"/paths/{escape(path)}/get/responses/{status}"
    response = resolve(document, pointer)
    if "$ref" in response:
        pointer = response["$ref"].removeprefix("#")
        response = resolve(document, pointer)
    assert "application/json" in response["content"], f"{path} {status} documents no JSON"
    return pointer + "/content/application~1json/schema"


class ApiChecker:
    """Calls an endpoint and checks its body against what the document says it returns."""

    def __init__(self, client, document: dict):
        self.client, self.document = client, document
        resource = Resource(contents=document, specification=DRAFT202012)
        self.registry = Registry().with_resource(DOCUMENT_URI, resource)

    def validator(self, path: str, status: int) -> Draft202012Validator:
        pointer = response_schema_pointer(self.document, path, status)
        return Draft202012Validator(
            {"$ref": f"{DOCUMENT_URI}#{pointer}"},
            registry=self.registry,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )

    def validate(self, response, path: str) -> dict:
        assert response.is_json, response.get_data(as_text=True)[:300]
        body = response.get_json()
        errors = [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in self.validator(path, response.status_code).iter_errors(body)
        ]
        assert not errors, errors
        assert not EMAIL.search(response.get_data(as_text=True)), "an email-like string leaked"
        return body

    def get(self, url: str, path: str, status: int = 200, **kwargs) -> dict:
        """GET `url` (documented as `path`), expect `status`, return the validated body."""
        response = self.client.get(url, **kwargs)
        assert response.status_code == status, response.get_data(as_text=True)[:500]
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        return self.validate(response, path)


@pytest.fixture
def openapi_document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


@pytest.fixture
def api(client, openapi_document) -> ApiChecker:
    return ApiChecker(client, openapi_document)


def add_entry(report, technology, **fields) -> ReportEntry:
    """A report entry with credible text; `sharing` is a list of DataSharingEntry kwargs."""
    sharing = fields.pop("sharing", [])
    usage = fields.pop("usage", "Used in **12** investigations.")
    entry = ReportEntry(
        report=report,
        technology=technology,
        usage_md=usage,
        usage_html=render_document(usage),
        captured_non_suspects=fields.pop("captured_non_suspects", "yes"),
        complaint_count=fields.pop("complaint_count", 2),
        violation_count=fields.pop("violation_count", 1),
        violations_html=render_document("One officer retrained."),
        cost=fields.pop("cost", Decimal("125000.5")),
        funding_source=fields.pop("funding_source", "Operating budget"),
        **fields,
    )
    entry.sharing = [DataSharingEntry(**line) for line in sharing]
    db.session.add(entry)
    db.session.flush()
    return entry


def make_report(department=None, year: int = 2025, summary: str = "The year in review."):
    report = factories.make_report(department=department, year=year)
    report.summary_md, report.summary_html = summary, render_document(summary)
    db.session.flush()
    return report
