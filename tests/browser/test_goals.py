import pytest

from goals.services import goals_content_load

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/maal/",
    "/maal/2026-2028/",
    "/maal/2024-2026/robuste-by-og-boligfaellesskaber/",
    "/maal/temaer/klima-og-energi/",
    "/maal/soeg/?q=klima",
]


@pytest.fixture
def goals_loaded():
    goals_content_load()


def test_2026_2028_shows_the_three_pejlemaerker(live_server, page, goals_loaded):
    page.goto(live_server.url + "/maal/2026-2028/")
    assert page.get_by_role("heading", level=1).inner_text() == "Almene Mål 2026–2028"
    pillars = page.locator(".goals-pillar h3 a")
    assert [text.strip() for text in pillars.all_inner_texts()] == [
        "En ny samfundskontrakt – frihed med ansvar",
        "Det grønne potentiale – i drift, byggeri og fællesskab",
        "Demokrati og levende fællesskaber",
    ]
    assert page.locator(".goals-actions > li").count() == 12


@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violations(live_server, page, axe, goals_loaded, path):
    page.goto(live_server.url + path)
    assert axe(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_fits_a_phone_screen(live_server, phone_page, goals_loaded, path):
    phone_page.goto(live_server.url + path)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_search_from_the_list_page(live_server, page, goals_loaded):
    page.goto(live_server.url + "/maal/")
    page.get_by_label("Søg i Almene Mål").fill("Rosenhøj")
    page.get_by_role("button", name="Søg").click()
    page.wait_for_url("**/maal/soeg/?q=Rosenh*")
    assert page.locator("mark").first.inner_text() == "Rosenhøj"
