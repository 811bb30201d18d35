"""The OpenAPI document: valid OpenAPI 3.1, and it describes exactly the routes that exist."""

import re

from openapi_spec_validator import validate

from tests.api.conftest import EMAIL


def test_the_document_is_valid_openapi_3_1(openapi_document):
    assert openapi_document["openapi"] == "3.1.0"
    validate(openapi_document)


def test_the_server_is_the_configured_public_address(openapi_document):
    assert openapi_document["servers"] == [{"url": "http://engage.test/api/v1"}]


def api_routes(app) -> set[str]:
    """Every /api/v1 route, in OpenAPI's path syntax."""
    return {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
    }


def test_every_route_is_documented_and_nothing_more(app, openapi_document):
    assert set(openapi_document["paths"]) == api_routes(app)


def test_every_path_parameter_is_declared(openapi_document):
    parameters = openapi_document["components"]["parameters"]
    for path, item in openapi_document["paths"].items():
        declared = {
            parameters[p["$ref"].rsplit("/", 1)[1]]["name"]
            for p in item["get"]["parameters"]
            if parameters[p["$ref"].rsplit("/", 1)[1]]["in"] == "path"
        }
        assert declared == set(re.findall(r"{(\w+)}", path)), path


def test_every_object_schema_is_closed_and_fully_required(openapi_document):
    for name, schema in openapi_document["components"]["schemas"].items():
        assert schema["additionalProperties"] is False, name
        assert set(schema["required"]) <= set(schema["properties"]), name


def test_the_document_validates_as_its_own_response(api):
    body = api.get("/api/v1/openapi.json", "/openapi.json")
    assert not EMAIL.search(str(body))
