import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_has_skip_link_navigation_and_no_accessibility_violations(live_server, page, axe):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "da"
    nav = page.get_by_role("navigation", name="Hovednavigation")
    assert nav.get_by_role("link", name="Mål").is_visible()
    assert nav.get_by_role("link", name="Kommuner").is_visible()
    assert nav.get_by_role("link", name="Om portalen").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Gå til indholdet"
    assert axe(page) == []


def test_language_switch_leads_to_the_english_page(live_server, page):
    page.goto(live_server.url + "/om-portalen/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + "/en/om-portalen/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "About the portal"


def test_home_page_fits_a_phone_screen(live_server, phone_page):
    phone_page.goto(live_server.url + "/")
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
