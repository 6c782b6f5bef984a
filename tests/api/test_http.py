"""Conditional GET, caching headers, CORS, languages and error shapes, on any endpoint."""

import pytest
from django.urls import reverse
from django.utils.http import http_date

from almen.core.cache import content_changed

pytestmark = pytest.mark.django_db


def test_etag_and_if_none_match_gives_304(client):
    url = reverse("municipality-detail", kwargs={"code": "326"})
    response = client.get(url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert response["Cache-Control"] == "public, max-age=300"
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_if_modified_since_gives_304_until_content_changes(client):
    url = reverse("region-list")
    response = client.get(url)
    last_modified = response["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_publishing_content_moves_last_modified(client, time_machine):
    url = reverse("region-list")
    time_machine.move_to("2026-02-01 10:00:00+00:00")
    first = client.get(url)["Last-Modified"]
    assert first == "Sun, 01 Feb 2026 10:00:00 GMT"
    time_machine.move_to("2026-02-01 11:00:00+00:00")
    assert client.get(url)["Last-Modified"] == first
    content_changed(area="municipalities")
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=first)
    assert response.status_code == 200
    assert response["Last-Modified"] == "Sun, 01 Feb 2026 11:00:00 GMT"


def test_cors_allows_get_from_any_origin(client):
    response = client.get(reverse("region-list"), HTTP_ORIGIN="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        reverse("region-list"),
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_there_are_no_writes(client, partner_key, staff_key):
    from tests.api.factories import auth

    url = reverse("region-list")
    assert client.post(url, {"code": "9999"}).status_code == 401
    assert client.post(url, {"code": "9999"}, **auth(partner_key)).status_code == 403
    response = client.post(url, {"code": "9999"}, **auth(staff_key))
    assert response.status_code == 405
    assert response.json()["detail"]
    detail = reverse("region-detail", kwargs={"code": "1085"})
    assert client.delete(detail, **auth(staff_key)).status_code == 405
    assert client.get(detail).status_code == 200


def test_unknown_object_is_404_json(client):
    response = client.get(reverse("municipality-detail", kwargs={"code": "999"}))
    assert response.status_code == 404
    assert response.json() == {"detail": "Ikke fundet: intet har denne identifikation."}
    response = client.get(
        reverse("municipality-detail", kwargs={"code": "999"}), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json() == {"detail": "Not found: nothing has this identifier."}
    assert response["Content-Language"] == "en"


def test_page_out_of_range_is_404_json(client):
    response = client.get(reverse("region-list"), {"page": 9}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no page 9."}


def test_invalid_filter_is_400_naming_the_field_in_either_language(client):
    url = reverse("municipality-list")
    response = client.get(url, {"region": "9999"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Ugyldig værdi for: region."
    assert list(body["errors"]) == ["region"]
    response = client.get(url, {"region": "9999"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Invalid value for: region."
    assert response.headers["Content-Type"] == "application/json"


def test_page_size_is_capped_at_100(client):
    response = client.get(reverse("municipality-list"), {"page_size": 500})
    assert len(response.json()["results"]) == 98
    response = client.get(reverse("municipality-list"), {"page_size": 10, "page": 2})
    body = response.json()
    assert body["count"] == 98
    assert len(body["results"]) == 10
    assert body["previous"].endswith("/api/v1/municipalities/?page_size=10")
    assert "page=3" in body["next"]


def test_unknown_api_addresses_are_json_404(client):
    # A newline (%0A) in the address once slipped past the catch-all to Django's HTML 404.
    for url in [
        "/api/v1/regions/-/",
        "/api/v1/nothing/",
        "/api/v1/themes/a.b/",
        "/api/v1/indicators/a%0Ab/",
        "/api/v1/indicators/%C3%A6%0A/",
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 404, url
        assert response.json() == {"detail": "Not found: nothing has this identifier."}
    redirect = client.get("/api/v1/regions")
    assert redirect.status_code == 301
    assert redirect["Location"] == "/api/v1/regions/"


def test_options_with_csv_format_is_json(client):
    response = client.options("/api/v1/observations/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["name"]
