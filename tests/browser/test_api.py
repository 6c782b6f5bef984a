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


@pytest.mark.parametrize(
    ("path", "ready"),
    [("/api/docs/", ".opblock-summary-control"), ("/api/redoc/", "[id='operation/actions_list']")],
)
def test_api_docs_pages_are_accessible_and_self_contained(live_server, page, axe, path, ready):
    requested, console_errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    page.goto(live_server.url + path)
    page.locator(ready).first.wait_for(timeout=20000)
    assert page.get_by_role("link", name="Almen – BL – Danmarks Almene Boliger").is_visible()
    assert axe(page) == []
    foreign = [url for url in requested if not url.startswith((live_server.url, "blob:", "data:"))]
    assert foreign == []
    assert console_errors == []  # a Content-Security-Policy violation is logged as an error


def test_an_opened_operation_in_swagger_ui_stays_accessible(live_server, page, axe):
    page.goto(live_server.url + "/api/docs/")
    page.locator(".opblock-summary-control").first.wait_for(timeout=20000)
    for control in page.locator(".opblock-summary-control").all()[:2]:
        control.click()
    page.locator(".parameters-container").first.wait_for()
    assert axe(page) == []
