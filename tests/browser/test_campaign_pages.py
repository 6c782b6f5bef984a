import pytest

from campaigns.services.content import campaigns_content_load
from goals.services import goals_content_load

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ["/kampagner/", "/kampagner/vi-samles/", "/kampagner/kv25/", "/maal/soeg/?q=valgsofa"]


@pytest.fixture
def campaigns_loaded():
    goals_content_load()
    campaigns_content_load()


def test_the_campaigns_are_one_click_from_every_page(live_server, page, campaigns_loaded):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Hovednavigation").get_by_role(
        "link", name="Kampagner"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kampagner"
    titles = page.locator(".campaign-summary h3 a").all_inner_texts()
    assert [title.strip() for title in titles] == [
        "Velkommen til nye byrådsmedlemmer – KV25",
        "Vi Samles",
        "Stem Med",
    ]
    page.get_by_role("link", name="Vi Samles").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Vi Samles"
    assert page.get_by_text("Foto: Anna Caroline Munk").is_visible()


@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violations(live_server, page, axe, campaigns_loaded, path):
    page.goto(live_server.url + path)
    assert axe(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_fits_a_phone_screen(live_server, phone_page, campaigns_loaded, path):
    phone_page.goto(live_server.url + path)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
