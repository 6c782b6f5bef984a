import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/programmes/",
    "/api/v1/programmes/{slug}/",
    "/api/v1/pillars/",
    "/api/v1/actions/",
    "/api/v1/themes/",
    "/api/v1/themes/{slug}/",
    "/api/v1/cases/",
    "/api/v1/cases/{slug}/",
    "/api/v1/regions/",
    "/api/v1/regions/{code}/",
    "/api/v1/municipalities/",
    "/api/v1/municipalities/{code}/",
    "/api/v1/municipalities/{code}/profile/",
    "/api/v1/indicators/",
    "/api/v1/indicators/{key}/",
    "/api/v1/observations/",
    "/api/v1/facts/",
    "/api/v1/organisations/",
    "/api/v1/organisations/{slug}/",
    "/api/v1/campaigns/",
    "/api/v1/campaigns/{slug}/",
    "/api/v1/campaigns/{slug}/recipients/",
    "/api/v1/campaigns/{slug}/report/",
    "/api/v1/sessions/",
]


@pytest.fixture
def schema(client):
    response = client.get(reverse("api-schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_schema_lists_every_endpoint_get_only(schema):
    assert sorted(schema["paths"]) == sorted(ENDPOINTS)
    for path, operations in schema["paths"].items():
        assert set(operations) == {"get"}, path


def test_every_operation_and_parameter_is_described_with_examples(schema):
    for path, operations in schema["paths"].items():
        operation = operations["get"]
        assert operation["summary"], path
        assert operation["description"], path
        ok = operation["responses"]["200"]["content"]["application/json"]
        assert ok.get("examples"), path
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, parameter["name"])
            if parameter["name"] not in ("page", "page_size"):
                assert parameter.get("examples"), (path, parameter["name"])


def test_api_key_security_scheme_is_documented(schema):
    scheme = schema["components"]["securitySchemes"]["ApiKey"]
    assert scheme == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": scheme["description"],
    }
    assert "Api-Key <key>" in scheme["description"]
    recipients = schema["paths"]["/api/v1/campaigns/{slug}/recipients/"]["get"]
    assert {"ApiKey": []} in recipients["security"]
    assert {"401", "403"} <= set(recipients["responses"])


def test_numbers_are_numbers_and_page_size_maximum_is_documented(schema):
    observation = schema["components"]["schemas"]["Observation"]["properties"]
    assert observation["value"]["type"] == "number"
    parameters = schema["paths"]["/api/v1/municipalities/"]["get"]["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")
    assert "100" in page_size["description"]


def test_csv_response_is_documented(schema):
    content = schema["paths"]["/api/v1/observations/"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"application/json", "text/csv"}


def test_spectacular_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "schema.yaml")
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3")


def test_docs_use_only_local_assets(client):
    response = client.get(reverse("api-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls
    # Links lead back into the portal; scripts and styles are its static files, and the
    # Swagger UI start script comes from the docs page itself (no inline script).
    assert all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    assets = re.findall(r'<script src="([^"]+)"', html) + re.findall(
        r'<link rel="(?:stylesheet|icon)" href="([^"]+)"', html
    )
    assert all(url.startswith(("/static/", "/api/docs/?script")) for url in assets), assets
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()
    assert "/api/schema/" in html


def test_caching_and_retry_headers_are_documented(schema):
    profile = schema["paths"]["/api/v1/municipalities/{code}/profile/"]["get"]["responses"]
    assert set(profile["200"]["headers"]) == {"ETag", "Last-Modified", "Cache-Control"}
    assert set(profile["429"]["headers"]) == {"Retry-After"}
    recipients = schema["paths"]["/api/v1/campaigns/{slug}/recipients/"]["get"]["responses"]
    assert "headers" not in recipients["200"]
