"""A councillor opens the welcome pack, registers for a session and sees the confirmation."""

import pytest

from campaigns.models import Campaign, Registration
from campaigns.services.content import campaigns_content_load
from campaigns.tokens import recipient_token
from goals.services import goals_content_load
from tests.campaigns.conftest import after_the_webinars, before_the_webinars  # noqa: F401 (fixtures)
from tests.campaigns.factories import RecipientFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pack_url(live_server):
    goals_content_load()
    campaigns_content_load()
    recipient = RecipientFactory(
        campaign=Campaign.objects.get(slug="kv25"),
        name="Demo Byrådsmedlem Anne Eksempel",
        email="anne@example.org",
    )
    return live_server.url + f"/velkommen/{recipient_token(recipient)}/"


@pytest.mark.usefixtures("before_the_webinars")
def test_open_the_pack_and_register_for_a_session(pack_url, page, axe):
    page.goto(pack_url)
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Tillykke med din plads i Kalundborgs Byråd"
    )
    assert axe(page) == []

    page.get_by_role("button", name="Tilmeld dig d. 23. marts").click()
    page.wait_for_load_state()
    status = page.get_by_role("status")
    assert "Du er tilmeldt webinaret d. 23. marts kl. 17.00" in status.inner_text()
    assert page.locator("#session-23-marts").get_by_text("Du er tilmeldt.").is_visible()
    assert Registration.objects.filter(session__key="23-marts", cancelled_at=None).count() == 1
    assert axe(page) == []


@pytest.mark.usefixtures("after_the_webinars")
def test_after_the_webinars_the_pack_offers_no_registration(pack_url, page, axe):
    page.goto(pack_url)
    assert "Status: lukket." in page.locator("#campaign-state").inner_text()
    assert page.get_by_role("button", name="Tilmeld dig d. 23. marts").count() == 0
    assert page.locator("#session-23-marts").get_by_text("Webinaret er afholdt.").is_visible()
    assert axe(page) == []


@pytest.mark.usefixtures("before_the_webinars")
def test_pack_fits_a_phone_screen(pack_url, phone_page):
    phone_page.goto(pack_url)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
