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


# The number the browser draws before each element: the action counter as CSS counts it,
# for every element whose ::before shows the counter.
COUNTER_NUMBERS = """
(list) => {
  let count = 0;
  const numbered = [];
  for (const element of [list, ...list.querySelectorAll("*")]) {
    const style = getComputedStyle(element);
    if (style.counterReset.startsWith("action")) { count = 0; }
    const increment = style.counterIncrement.match(/^action(?: (-?\\d+))?$/);
    if (increment) { count += Number(increment[1] || 1); }
    if (getComputedStyle(element, "::before").content.includes("counter(action)")) {
      const kind = element.parentElement === list ? "item" : "nested";
      numbered.push([kind, count]);
    }
  }
  return numbered;
}
"""


def test_action_items_are_numbered_one_to_four_per_pillar(live_server, page, goals_loaded):
    page.goto(live_server.url + "/maal/2026-2028/")
    lists = page.locator(".goals-pillar .goals-actions")
    assert lists.count() == 3
    for index in range(3):
        numbers = lists.nth(index).evaluate(COUNTER_NUMBERS)
        assert numbers == [["item", 1], ["item", 2], ["item", 3], ["item", 4]]
    # Theme tags inside an action item carry no number.
    tags = page.locator(".goals-actions .goals-tags li")
    assert tags.count() > 0
    for index in range(tags.count()):
        assert tags.nth(index).evaluate("(li) => getComputedStyle(li, '::before').content") in (
            "none",
            "normal",
        )


def test_pillar_page_numbers_its_action_items_from_one(live_server, page, goals_loaded):
    page.goto(live_server.url + "/maal/2026-2028/demokrati-og-levende-faellesskaber/")
    numbers = page.locator(".goals-actions").evaluate(COUNTER_NUMBERS)
    assert numbers == [["item", 1], ["item", 2], ["item", 3], ["item", 4]]


def test_search_is_in_the_header_of_a_programme_page(live_server, page, goals_loaded):
    page.goto(live_server.url + "/maal/2026-2028/")
    header = page.locator("header.site-header")
    header.get_by_label("Søg i Almene Mål").fill("klima")
    header.get_by_role("button", name="Søg").click()
    page.wait_for_url("**/maal/soeg/?q=klima")
    assert page.locator("mark").first.inner_text().lower().startswith("klima")


@pytest.mark.parametrize("path", ["/en" + path for path in PAGES])
def test_english_pages_have_no_accessibility_violations(live_server, page, axe, goals_loaded, path):
    page.goto(live_server.url + path)
    assert axe(page) == []
