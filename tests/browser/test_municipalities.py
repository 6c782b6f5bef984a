import pytest

from municipalities.services import municipalities_content_load

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def loaded(transactional_db):
    municipalities_content_load()


def test_click_kalundborg_on_the_map_opens_its_kommuneark(live_server, page, loaded):
    page.goto(live_server.url + "/kommuner/")
    kalundborg = page.locator("svg a[data-code='326']")
    assert kalundborg.get_attribute("aria-label") == "Kalundborg Kommune (kommuneark udgivet)"
    assert page.locator("svg a[data-code]").count() == 98
    kalundborg.click()
    page.wait_for_url(live_server.url + "/kommuner/kalundborg/")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Almene boliger gør Kalundborg Kommune bedre"
    assert "3.372" in page.locator(".figure-table").first.inner_text()


def test_typing_filters_the_list(live_server, page, loaded):
    page.goto(live_server.url + "/kommuner/")
    page.get_by_label("Søg efter en kommune").fill("herning")
    visible = page.locator(".municipality-list li:visible")
    assert visible.count() == 1
    assert visible.inner_text().startswith("Herning")
    assert page.locator("svg a.is-match").count() == 1


def test_municipality_pages_have_no_accessibility_violations(live_server, page, axe, loaded):
    page.goto(live_server.url + "/kommuner/")
    assert axe(page) == []
    page.goto(live_server.url + "/kommuner/kalundborg/")
    assert axe(page) == []
    page.goto(live_server.url + "/kommuner/aeroe/")
    assert axe(page) == []


@pytest.mark.parametrize("path", ["/kommuner/", "/kommuner/kalundborg/"])
def test_municipality_pages_fit_a_phone_screen(live_server, phone_page, loaded, path):
    phone_page.goto(live_server.url + path)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
