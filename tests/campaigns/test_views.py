"""The personal pages: the pack, 404s, unsubscribe, the .ics and the PDF."""

import io
import re

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from campaigns.models import Invitation
from campaigns.services.recipients import recipient_erase, recipient_unsubscribe
from campaigns.tokens import recipient_token
from municipalities.models import HousingOrganisation

from .factories import (
    CampaignFactory,
    CampaignTopicFactory,
    RecipientFactory,
    WebinarSessionFactory,
    WebinarSpeakerFactory,
    municipality,
)

PACK_QUERIES = 14  # + the municipality's published local goals

# Everything here happens before the webinars (the other sides: test_over_time.py).
pytestmark = pytest.mark.usefixtures("before_the_webinars")


def pack_url(recipient) -> str:
    return reverse("campaigns:pack", kwargs={"token": recipient_token(recipient)})


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def kalundborg_councillor(kv25):
    return RecipientFactory(
        campaign=kv25, name="Demo Byrådsmedlem Anne Eksempel", email="anne@example.org"
    )


def test_pack_of_a_kalundborg_councillor(client, kalundborg_councillor):
    token = recipient_token(kalundborg_councillor)
    response = client.get(reverse("campaigns:pack", kwargs={"token": token}))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    text = text_of(response)
    assert "Tillykke med din plads i Kalundborgs Byråd" in text
    assert "Demo Byrådsmedlem Anne Eksempel" in text
    assert "For at give dig et hurtigt indblik i den almene boligsektor" in text
    assert "Boligorganisationerne i Kalundborg Kommune" in text
    # The topics, in the campaign's order:
    positions = [
        text.index(title)
        for title in [
            "Boliger til fremtidens behov",
            "Flere nære sundhedstilbud",
            "Energi- og klimavenlige boliger",
        ]
    ]
    assert positions == sorted(positions)
    assert "Det grønne potentiale – i drift, byggeri og fællesskab" in text  # a linked pillar
    # The webinar with both sessions and registration forms:
    assert "Webinar om mulighederne i den almene boligsektor" in text
    assert "Tirsdag 10. marts 2026, kl. 12.00–13.00" in text
    assert "Mandag 23. marts 2026, kl. 17.00–18.00" in text
    for key in ["10-marts", "23-marts"]:
        action = reverse("campaigns:register", kwargs={"token": token, "session_key": key})
        assert f'action="{action}"' in response.content.decode()
    assert reverse("campaigns:unsubscribe", kwargs={"token": token}) in response.content.decode()
    assert "/kommuner/kalundborg/" in response.content.decode()


def test_pack_shows_the_kommuneark_when_loaded(client, kalundborg_councillor):
    from municipalities.services import municipalities_content_load

    municipalities_content_load()
    text = text_of(client.get(pack_url(kalundborg_councillor)))
    assert "Familieboliger 3.372 2025" in text


def test_pack_shows_the_local_housing_organisations(client, kalundborg_councillor):
    organisation = HousingOrganisation.objects.create(
        name="Demo Boligselskab", slug="demo-boligselskab", website="https://example.org/"
    )
    organisation.municipalities.add(municipality("326"))
    text = text_of(client.get(pack_url(kalundborg_councillor)))
    assert "Demo Boligselskab" in text


def _pack_with(*, topics: int, sessions: int, organisations: int):
    campaign = CampaignFactory()
    for _ in range(topics):
        CampaignTopicFactory(campaign=campaign)
    for _ in range(sessions):
        WebinarSessionFactory(webinar=campaign.webinar)
    WebinarSpeakerFactory.create_batch(2, webinar=campaign.webinar)
    for number in range(organisations):
        HousingOrganisation.objects.create(
            name=f"Org {number}", slug=f"org-{campaign.pk}-{number}"
        ).municipalities.add(municipality("326"))
    return RecipientFactory(campaign=campaign)


@pytest.mark.parametrize(("topics", "sessions", "organisations"), [(1, 1, 0), (8, 3, 4)])
def test_pack_has_a_constant_number_of_queries(
    db, django_assert_num_queries, topics, sessions, organisations
):
    recipient = _pack_with(topics=topics, sessions=sessions, organisations=organisations)
    Invitation.objects.create(recipient=recipient)
    client = Client()
    with django_assert_num_queries(PACK_QUERIES):
        response = client.get(pack_url(recipient))
    assert response.status_code == 200


def test_first_open_is_recorded_once(client, db):
    recipient = RecipientFactory()
    invitation = Invitation.objects.create(recipient=recipient)
    client.get(pack_url(recipient))
    invitation.refresh_from_db()
    first = invitation.opened_at
    assert first is not None
    client.get(pack_url(recipient))
    invitation.refresh_from_db()
    assert invitation.opened_at == first


def test_pack_without_an_invitation_opens(client, db):
    recipient = RecipientFactory()
    assert client.get(pack_url(recipient)).status_code == 200
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("token", ["nonsense", "0" * 32 + ":1abc:xyz"])
def test_bad_token_gives_a_friendly_404(client, db, token):
    response = client.get(reverse("campaigns:pack", kwargs={"token": token}))
    assert response.status_code == 404
    assert "Dette link virker ikke" in text_of(response)


def test_erased_recipient_gets_a_404(client, db):
    recipient = RecipientFactory()
    url = pack_url(recipient)
    recipient_erase(recipient=recipient)
    assert client.get(url).status_code == 404


def test_unsubscribed_recipient_sees_the_pack_marked(client, db):
    recipient = RecipientFactory()
    recipient_unsubscribe(recipient=recipient)
    response = client.get(pack_url(recipient))
    assert response.status_code == 200
    assert 'id="unsubscribed"' in response.content.decode()


def test_unsubscribe_get_asks_and_post_unsubscribes(db):
    client = Client(enforce_csrf_checks=True)
    recipient = RecipientFactory()
    url = reverse("campaigns:unsubscribe", kwargs={"token": recipient_token(recipient)})
    response = client.get(url)
    assert response.status_code == 200
    assert "Ja, afmeld" in response.content.decode()
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is None

    csrf = client.cookies["csrftoken"].value
    response = client.post(url, {"csrfmiddlewaretoken": csrf})
    assert response.status_code == 200
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is not None


def test_unsubscribe_post_without_csrf_is_refused(db):
    client = Client(enforce_csrf_checks=True)
    recipient = RecipientFactory()
    url = reverse("campaigns:unsubscribe", kwargs={"token": recipient_token(recipient)})
    assert client.post(url, {}).status_code == 403
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is None


def test_one_click_unsubscribe_needs_no_csrf(db):
    client = Client(enforce_csrf_checks=True)
    recipient = RecipientFactory()
    url = reverse("campaigns:unsubscribe", kwargs={"token": recipient_token(recipient)})
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    recipient.refresh_from_db()
    assert recipient.unsubscribed_at is not None


def test_unsubscribe_with_a_bad_token_is_404(client, db):
    url = reverse("campaigns:unsubscribe", kwargs={"token": "bad"})
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 404


def test_session_ics_download(client, kalundborg_councillor):
    url = reverse(
        "campaigns:session-ics",
        kwargs={"token": recipient_token(kalundborg_councillor), "session_key": "23-marts"},
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    # A download to import: METHOD:PUBLISH names nobody (RFC 5546).
    assert calendar["METHOD"] == "PUBLISH"
    assert b"ATTENDEE" not in response.content
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("dtstart").isoformat() == "2026-03-23T17:00:00+01:00"
    assert str(event["dtstart"].params["TZID"]) == "Europe/Copenhagen"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]


def test_unknown_session_is_404(client, kalundborg_councillor):
    url = reverse(
        "campaigns:session-ics",
        kwargs={"token": recipient_token(kalundborg_councillor), "session_key": "1-april"},
    )
    assert client.get(url).status_code == 404


def test_pack_pdf_is_a4_with_qr_codes(client, kalundborg_councillor):
    from campaigns import pdf

    made = []
    original = pdf.qr_data_uri

    def spy(url):
        made.append(url)
        return original(url)

    pdf.qr_data_uri = spy
    try:
        token = recipient_token(kalundborg_councillor)
        response = client.get(reverse("campaigns:pack-pdf", kwargs={"token": token}))
    finally:
        pdf.qr_data_uri = original
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    # The pack and its registration, then the links of the pack's sections in order.
    assert made == [
        f"http://127.0.0.1:8000/velkommen/{token}/",
        f"http://127.0.0.1:8000/velkommen/{token}/#webinar",
        "https://bl.dk/viden-kartotek/valg-2025/#danmarkskort",
        "https://bl.dk/viden-kartotek/bls-maerkesager/",
        "https://bl.dk/viden-kartotek/valg-2025/#danmarkskort",
    ]


def test_pack_pdf_pages_are_a4(kalundborg_councillor):
    from campaigns.pdf import pack_pdf_document
    from campaigns.selectors import pack_greeting, recipient_pack

    document = pack_pdf_document(
        pack=recipient_pack(recipient=kalundborg_councillor),
        token=recipient_token(kalundborg_councillor),
        greeting=pack_greeting(municipality=kalundborg_councillor.municipality),
    )
    assert len(document.pages) >= 2
    # WeasyPrint measures in CSS pixels (96 per inch): A4 is 210 x 297 mm.
    for page in document.pages:
        assert round(page.width * 25.4 / 96) == 210
        assert round(page.height * 25.4 / 96) == 297


def test_pack_of_a_copenhagen_councillor_names_borgerrepraesentationen(client, kv25):
    recipient = RecipientFactory(campaign=kv25, municipality=municipality("101"))
    text = text_of(client.get(pack_url(recipient)))
    assert "Tillykke med din plads i Borgerrepræsentationen" in text
    assert "Boligorganisationerne i Københavns Kommune" in text
    assert "Kommuneark – de almene boliger i Københavns Kommune" in text
    assert "København Kommune" not in text


def test_pack_pdf_is_tagged_with_alt_texts_and_links_to_the_privacy_notice(
    client, kalundborg_councillor
):
    from tests.pdf_structure import pdf_structure

    token = recipient_token(kalundborg_councillor)
    with translation.override("en"):
        response = client.get(reverse("campaigns:pack-pdf", kwargs={"token": token}))
    structure = pdf_structure(response.content)
    assert structure.tagged
    assert structure.language == "en"
    assert structure.declared_languages == ["en", "da"]
    # The pack's own codes first; the pack sections' links to bl.dk carry codes too.
    assert structure.alt_texts[0] == "QR code to your personal welcome pack"
    assert "QR code to the webinar registration" in structure.alt_texts
    assert "QR code to https://bl.dk/viden-kartotek/bls-maerkesager/" in structure.alt_texts
    assert all(text.startswith("QR code to ") for text in structure.alt_texts)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = re.sub(r"\s+", "", text)  # a long link may wrap
    assert "http://127.0.0.1:8000/en/privatlivspolitik/" in compact
    assert "http://127.0.0.1:8000/en/tilgaengelighedserklaering/" in compact


def test_pack_links_to_the_privacy_notice_and_accessibility_statement(
    client, kalundborg_councillor
):
    html = client.get(pack_url(kalundborg_councillor)).content.decode()
    assert '<a href="/privatlivspolitik/">Sådan behandler vi dine personoplysninger</a>' in html
    assert '<a href="/privatlivspolitik/">Privatlivspolitik</a>' in html
    assert '<a href="/tilgaengelighedserklaering/">Tilgængelighedserklæring</a>' in html
