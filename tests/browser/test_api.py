import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_partner_page_is_accessible(live_server, page, axe):
    page.goto(live_server.url + "/api-for-partnere/")
    assert page.get_by_role("heading", level=1).inner_text() == "API for partnere"
    assert page.get_by_role("link", name="Interaktiv dokumentation").is_visible()
    assert axe(page) == []


def test_partner_page_fits_a_phone_screen(live_server, phone_page):
    phone_page.goto(live_server.url + "/api-for-partnere/")
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_swagger_ui_loads_from_the_portal_only(live_server, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + "/api/docs/")
    page.get_by_text("/api/v1/municipalities/{code}/profile/").first.wait_for(timeout=15000)
    assert requested
    assert all(url.startswith(live_server.url) for url in requested), requested
