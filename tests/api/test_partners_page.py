import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_partner_page_in_danish(client, django_assert_num_queries, settings):
    settings.PORTAL_BASE_URL = "https://almen.bl.dk"
    with django_assert_num_queries(0):
        response = client.get("/api-for-partnere/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>API for partnere</h1>" in html
    assert "Authorization: Api-Key &lt;nøgle&gt;" in html
    assert "https://almen.bl.dk/api/v1/municipalities/326/profile/" in html
    assert "observations/?indicator=dwellings_family" in html
    assert f'href="{reverse("api-docs")}"' in html


def test_partner_page_in_english(client):
    response = client.get("/en/api-for-partnere/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>API for partners</h1>" in html
    assert "at most 100" in html
