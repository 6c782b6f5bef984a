"""Every API error is JSON, a 500 too (inside the API views and outside them)."""

import pytest
from django.test import Client
from django.urls import reverse

from almen.core.views import server_error
from municipalities.api import selectors

pytestmark = pytest.mark.django_db


def _broken_selector():
    raise RuntimeError("the database went away")


@pytest.mark.parametrize("format_", [None, "csv"])
def test_an_exception_in_an_api_view_is_a_json_500(monkeypatch, caplog, format_):
    monkeypatch.setattr(selectors, "api_observation_list", _broken_selector)
    client = Client(raise_request_exception=False)
    params = {"format": format_} if format_ else {}
    response = client.get(reverse("observation-list"), params)
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Intern serverfejl. Fejlen er logget; prøv igen senere."}
    assert "the database went away" in caplog.text  # logged with its traceback


def test_english_500(monkeypatch):
    monkeypatch.setattr(selectors, "api_observation_list", _broken_selector)
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    response = client.get(reverse("observation-list"))
    assert response.json()["detail"].startswith("Internal server error.")


def test_the_500_handler_is_json_under_api_and_html_elsewhere(rf):
    api = server_error(rf.get("/api/v1/observations/"))
    assert (api.status_code, api["Content-Type"]) == (500, "application/json")
    page = server_error(rf.get("/kommuner/"))
    assert page.status_code == 500
    assert "text/html" in page["Content-Type"]
    assert b"Der opstod en fejl" in page.content


def test_a_page_size_that_is_not_a_number_is_a_400(client):
    response = client.get(reverse("region-list"), {"page_size": "null"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Ugyldig værdi for: page_size.",
        "errors": {"page_size": ["Indtast et heltal."]},
    }
    assert client.get(reverse("region-list"), {"page_size": "2"}).json()["count"] == 5


@pytest.mark.parametrize("url", ["observation-list", "local-goal-list"])
@pytest.mark.parametrize("param", ["page", "page_size"])
def test_a_bad_page_parameter_is_a_400_in_csv_too(client, url, param):
    # A CSV list holds every row and has no pages, but it must not accept what JSON refuses
    # (schemathesis sent ?page=false&format=csv and got a 200).
    response = client.get(reverse(url), {"format": "csv", param: "false"})
    assert response.status_code == 400
    assert response.json()["errors"] == {param: ["Indtast et heltal."]}
    assert client.get(reverse(url), {"format": "csv", param: "1"}).status_code == 200


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("region-list", {"page": ""}, "page"),
        ("region-list", {"page": "x"}, "page"),
        ("fact-list", {"year": ""}, "year"),
        ("fact-list", {"group": ""}, "group"),
        ("observation-list", {"national": ""}, "national"),
        ("observation-list", {"year_from": ""}, "year_from"),
    ],
)
def test_empty_or_non_numeric_integers_are_a_400(client, url, params, field):
    response = client.get(reverse(url), params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
