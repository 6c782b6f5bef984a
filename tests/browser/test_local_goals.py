"""As a new user would: the demo organisation editor signs in, adopts “styrke
biodiversiteten i boligområderne …” for Kalundborg in their own words, publishes it and
reports progress with a PDF; the action item page, the Kalundborg page, the overview, its
CSV, the API and the Kalundborg councillor's welcome pack all show it."""

import pytest
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.services.content import campaigns_content_load
from campaigns.tokens import recipient_token
from goals.local_goal_demo import DEMO_ORGANISATION_PASSWORD, local_goals_demo_data_create
from goals.models import ActionItem, LocalGoal
from goals.services import goals_content_load
from municipalities.models import Municipality
from municipalities.services import municipalities_content_load, municipalities_demo_data_create
from tests.campaigns.factories import RecipientFactory

pytestmark = pytest.mark.django_db(transaction=True)

EDITOR = "redaktoer.vest@demo.almen.local"
ADAPTED = (
    "Vi giver plads til vilde blomster og insekthoteller i alle vores afdelinger i Kalundborg."
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def portal(live_server, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    goals_content_load()
    municipalities_content_load()
    campaigns_content_load()
    municipalities_demo_data_create()
    local_goals_demo_data_create()
    recipient = RecipientFactory(
        campaign=Campaign.objects.get(slug="kv25"),
        municipality=Municipality.objects.get(code="326"),
        name="Demo Byrådsmedlem Anne Eksempel",
        email="anne@example.org",
    )
    action = ActionItem.objects.get(
        pillar__programme__slug="2026-2028", text__startswith="styrke biodiversiteten"
    )
    return {
        "url": live_server.url,
        "pack": live_server.url + f"/velkommen/{recipient_token(recipient)}/",
        "action": action,
        "action_url": live_server.url
        + f"/maal/2026-2028/{action.pillar.slug}/handling-{action.pk}/",
    }


def test_an_organisation_editor_adopts_publishes_and_reports_and_everyone_sees_it(
    portal, page, tmp_path, axe
):
    url = portal["url"]
    page.goto(url + "/konto/login/")
    page.locator('input[name="login"]').fill(EDITOR)
    page.locator('input[name="password"]').fill(DEMO_ORGANISATION_PASSWORD)
    page.locator('form button[type="submit"]').last.click()
    page.wait_for_load_state()

    page.goto(portal["action_url"])
    assert "Endnu ikke taget op" not in page.content()
    page.get_by_role("link", name="Tag op som lokalt mål").click()
    page.get_by_role("link", name="Tag handlingen op som lokalt mål").click()
    text = page.get_by_label("Målet med jeres egne ord")
    assert text.input_value().startswith("styrke biodiversiteten i boligområderne")
    text.fill(ADAPTED)
    page.get_by_label("Kalundborg").check()
    page.get_by_label("Boligområder (afdelinger)").fill("Afdeling 4, Engparken")
    page.get_by_label("Ansvarlig rolle").fill("Driftschef")
    page.get_by_label("Måldato").fill("2027-06-30")
    page.get_by_role("button", name="Gem").click()
    page.wait_for_load_state()
    assert "Målet er gemt som kladde." in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="Offentliggør").click()
    page.wait_for_load_state()
    assert "Målet er offentliggjort." in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="Tilføj en statusopdatering").click()
    # The date field starts at today, in the format a date input understands.
    assert page.get_by_label("Dato").input_value() == timezone.localdate().isoformat()
    page.get_by_label("Hvad er der sket?").fill("De første 200 m² blomstereng er sået.")
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Fremdrift (procent)").fill("25")
    report = tmp_path / "upload" / "blomstereng.pdf"
    report.parent.mkdir()
    report.write_bytes(PDF)
    page.get_by_label("Bilag (PDF eller billede)").set_input_files(str(report))
    page.get_by_role("button", name="Gem").click()
    page.wait_for_load_state()
    assert "Statusopdateringen er gemt." in page.get_by_role("status").inner_text()

    goal = LocalGoal.objects.get(text=ADAPTED)
    assert goal.is_published and goal.progress == 25
    assert goal.updates.get().attachment_name == "blomstereng.pdf"

    # Everyone else sees it: a fresh browser context without the editor's session.
    visitor = page.context.browser.new_context(locale="da-DK").new_page()
    visitor.goto(portal["action_url"])
    assert "Taget op af 1 boligorganisation i 1 kommune" in visitor.content()
    assert ADAPTED in visitor.content()
    assert axe(visitor) == []
    visitor.get_by_role("link", name=ADAPTED).first.click()
    assert "De første 200 m² blomstereng er sået." in visitor.content()
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Bilag: blomstereng.pdf").click()
    assert download.value.suggested_filename == "blomstereng.pdf"

    for path in ("/kommuner/kalundborg/", "/maal/lokale-maal/?municipality=326"):
        visitor.goto(url + path)
        assert ADAPTED in visitor.content(), path
    csv = visitor.request.get(url + "/maal/lokale-maal/lokale-maal.csv?municipality=326")
    assert ADAPTED in csv.text()
    api = visitor.request.get(url + "/api/v1/local-goals/?municipality=326").json()
    assert ADAPTED in [item["text"] for item in api["results"]]
    visitor.goto(portal["pack"])
    assert ADAPTED in visitor.content()
    visitor.context.close()
