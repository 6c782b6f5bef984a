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


@pytest.fixture
def everything_loaded(transactional_db):
    from campaigns.services.content import campaigns_content_load
    from goals.services import goals_content_load
    from municipalities.services import municipalities_content_load

    goals_content_load()
    municipalities_content_load()
    campaigns_content_load()


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_full_home_page_is_accessible_and_fits_a_phone(
    live_server, page, phone_page, axe, everything_loaded, path
):
    page.goto(live_server.url + path)
    assert page.locator(".home-pillar").count() == 3
    assert page.locator(".home-figures .figure-card").count() == 2
    assert page.locator(".municipality-map__link").count() == 98
    assert axe(page) == []
    phone_page.goto(live_server.url + path)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_typing_a_municipality_on_the_home_page_marks_it_on_the_map(
    live_server, page, everything_loaded
):
    page.goto(live_server.url + "/")
    page.get_by_label("Søg efter en kommune").fill("herning")
    assert page.locator("svg a.is-match").count() == 1
    page.get_by_role("button", name="Find").click()
    page.wait_for_url(live_server.url + "/kommuner/?q=herning")


@pytest.mark.parametrize(
    "path",
    [
        "/privatlivspolitik/",
        "/en/privatlivspolitik/",
        "/tilgaengelighedserklaering/",
        "/en/tilgaengelighedserklaering/",
        "/findes-ikke/",
        "/en/findes-ikke/",
    ],
)
def test_legal_and_error_pages_are_accessible(live_server, page, axe, path):
    page.goto(live_server.url + path)
    assert axe(page) == []
