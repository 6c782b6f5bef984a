"""Admin in a real browser: an editor reorders action items with the keyboard, and every
change form with inlines fits a 1280-pixel screen."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from goals.models import ActionItem, Pillar
from tests.core.admin_walk import admin_pages

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor_page(live_server, browser, staff_user):
    """A browser signed in as a BL editor (with the authenticator staff need), 1280 wide."""
    client = Client()
    client.force_login(staff_user)
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    yield page
    context.close()
    assert errors == []


@pytest.fixture
def content():
    call_command("load_content", verbosity=0)


def _public_actions(page, url) -> list[str]:
    page.goto(url)
    return [
        text.strip()
        for text in page.locator(".goals-actions > li > p:first-of-type").all_inner_texts()
    ]


def test_an_editor_moves_an_action_item_down_with_the_keyboard(live_server, editor_page, content):
    page = editor_page
    pillar = Pillar.objects.get(programme__slug="2026-2028", number=1)
    first, second, *rest = [action.text for action in pillar.actions.order_by("order")]
    public_url = live_server.url + pillar.get_absolute_url()
    assert _public_actions(page, public_url)[:2] == [first, second]

    page.goto(live_server.url + reverse("admin:goals_pillar_change", args=[pillar.pk]))
    move_down = page.get_by_role("button", name=f"Flyt ned: {first[:40]}")
    assert page.get_by_role("button", name=f"Flyt op: {first[:40]}").is_disabled()
    move_down.focus()
    page.keyboard.press("Enter")
    assert page.get_by_role("status").first.inner_text() == (
        "Flyttet til plads 2 af 4. Gem for at beholde rækkefølgen."
    )
    # Focus stays on the moved row's button, so pressing again moves it further.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(
        "Flyt ned: " + first[:40]
    )
    orders = page.locator("#actions-group tr.has_original input[name$='-order']")
    assert orders.evaluate_all("inputs => inputs.map(input => input.value)") == ["1", "2", "3", "4"]
    texts = page.locator("#actions-group tr.has_original textarea[name$='-text']")
    assert texts.evaluate_all("areas => areas.map(area => area.value)")[:2] == [second, first]

    page.get_by_role("button", name="Gem", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1

    assert _public_actions(page, public_url)[:3] == [second, first, rest[0]]
    assert list(pillar.actions.order_by("order").values_list("text", flat=True))[:2] == [
        second,
        first,
    ]


def test_the_order_field_stays_editable_as_the_fallback(live_server, editor_page, content):
    page = editor_page
    pillar = Pillar.objects.get(programme__slug="2026-2028", number=1)
    last = pillar.actions.order_by("order").last()
    page.goto(live_server.url + reverse("admin:goals_pillar_change", args=[pillar.pk]))
    page.locator(f"#actions-group input[value='{last.order}'][name$='-order']").fill("0")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.wait_for_load_state()
    assert pillar.actions.order_by("order").first() == ActionItem.objects.get(pk=last.pk)


def test_every_admin_page_of_an_editor_fits_a_1280_pixel_screen(
    live_server, editor_page, staff_user, content, settings
):
    """Every changelist, add form and change form (inlines included) as a BL editor sees
    them, with the demo's organisations, local goals and councillors loaded."""
    from django.utils.module_loading import import_string

    for dotted_path in settings.DEMO_DATA_BUILDERS:
        import_string(dotted_path)()
    page = editor_page
    too_wide = {}
    pages = admin_pages(staff_user)
    assert "/admin/goals/pillar/" in pages
    for url in pages:
        page.goto(live_server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 1280:
            too_wide[url] = width
    assert too_wide == {}


def test_an_editor_drags_an_action_item_to_the_top(live_server, editor_page, content):
    page = editor_page
    pillar = Pillar.objects.get(programme__slug="2026-2028", number=1)
    texts = [action.text for action in pillar.actions.order_by("order")]
    page.set_viewport_size({"width": 1280, "height": 3200})  # both rows in view
    page.goto(live_server.url + reverse("admin:goals_pillar_change", args=[pillar.pk]))
    rows = page.locator("#actions-group tr.has_original")
    rows.nth(3).locator(".almen-drag-handle").drag_to(
        rows.nth(0), target_position={"x": 20, "y": 5}
    )
    areas = page.locator("#actions-group tr.has_original textarea[name$='-text']")
    assert areas.evaluate_all("areas => areas.map(area => area.value)") == [
        texts[3],
        *texts[:3],
    ]
    page.get_by_role("button", name="Gem", exact=True).click()
    page.wait_for_load_state()
    assert list(pillar.actions.order_by("order").values_list("text", flat=True)) == [
        texts[3],
        *texts[:3],
    ]


def test_an_editor_moves_a_programme_section_up(live_server, editor_page, content):
    """Sections are a stacked inline: the same buttons, beside each section's order field."""
    from goals.models import Programme

    page = editor_page
    programme = Programme.objects.get(slug="2026-2028")
    titles = [section.title for section in programme.sections.order_by("order", "pk")]
    page.goto(live_server.url + reverse("admin:goals_programme_change", args=[programme.pk]))
    page.get_by_role("button", name=f"Flyt op: {titles[1]}", exact=True).click()
    page.get_by_role("button", name="Gem", exact=True).click()
    page.wait_for_load_state()
    assert [section.title for section in programme.sections.order_by("order", "pk")] == [
        titles[1],
        titles[0],
        *titles[2:],
    ]
