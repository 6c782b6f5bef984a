import pytest
from django.urls import reverse

from tests.api.factories import auth

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _low_rate(settings):
    settings.API_ANON_RATE = "3/min"


def test_anonymous_burst_is_throttled_with_retry_after(client):
    url = reverse("region-list")
    for _ in range(3):
        assert client.get(url).status_code == 200
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Too many requests without an API key.")


def test_a_valid_key_is_not_throttled(client, partner_key):
    url = reverse("region-list")
    for _ in range(3):
        client.get(url)
    assert client.get(url).status_code == 429
    for _ in range(10):
        assert client.get(url, **auth(partner_key)).status_code == 200


def test_a_revoked_key_does_not_lift_the_limit(client):
    from almen.core.api.keys import api_key_create, api_key_revoke

    api_key, key = api_key_create(name="Data", organisation="KL")
    api_key_revoke(api_key=api_key)
    assert client.get(reverse("region-list"), **auth(key)).status_code == 401


def test_staff_are_not_throttled(staff_client):
    for _ in range(6):
        assert staff_client.get(reverse("region-list")).status_code == 200
