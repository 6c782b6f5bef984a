"""/api/docs/ and /api/redoc/: the portal's own files only, a language, a way back."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["api-docs", "api-redoc"])
def test_docs_pages_load_only_the_portals_files_and_link_back(client, name):
    html = client.get(reverse(name)).content.decode()
    assert re.search(r'<html lang="da">', html)
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert [source for source in sources if source.startswith(("http", "//"))] == []
    assert 'href="/"' in html
    assert f'href="{reverse("api-partners")}"' in html
    assert "<script>" not in html


def test_swagger_ui_start_script_is_a_file_without_the_validator_badge(client):
    response = client.get(reverse("api-docs") + "?script=")
    assert response["Content-Type"] == "application/javascript"
    assert '"validatorUrl": null' in response.content.decode()


def test_redoc_bundle_fetches_nothing_from_redoclys_cdn(client):
    response = client.get(reverse("api-redoc-bundle"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert b"Redoc" in response.content
    assert b"cdn.redoc.ly" not in response.content


def test_the_docs_pages_are_not_in_the_schema(client):
    paths = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()["paths"]
    assert all(path.startswith("/api/v1/") for path in paths)
