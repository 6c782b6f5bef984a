import pytest


@pytest.mark.django_db
def test_footer_and_about_page_lead_partners_to_the_api(client):
    html = client.get("/om-portalen/").content.decode()
    assert '<a href="/api-for-partnere/">API for partnere</a>' in html
    assert '<a href="/api-for-partnere/">Læs, hvordan partnere bruger API\'et</a>' in html
