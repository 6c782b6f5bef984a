"""The welcome pack's other sections (source 003): on the page and in the PDF, verbatim and
in the source's order, stored as loaded content that staff can edit."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from campaigns.models import CampaignSection
from campaigns.services.content import campaigns_content_load
from campaigns.tokens import recipient_token

from .factories import RecipientFactory

# Every section of 003 that is not a topic, the kommuneark or the webinar, in the source's
# order: (title, its texts).
SECTIONS = [
    (
        "Lavet i samarbejde med BL – Danmarks Almene Boliger",
        [
            "Scan eller klik på QR-koden her for at læse mere om boligorganisationerne og de "
            "almene boliger i din kommune."
        ],
    ),
    (
        "Mærkesager",
        [
            "De almene boligorganisationer har en bred samarbejdsflade med kommuner og regioner.",
            "Læs om aktuelle mærkesager, hvor den almene sektor bidrager til at løfte samfundet.",
            "Læs mere om mærkesagerne: https://bl.dk/viden-kartotek/bls-maerkesager/",
        ],
    ),
    (
        "Samarbejde mellem kommune og boligorganisation",
        [
            "De almene boligorganisationer er en central samarbejdspartner for byrådet og "
            "kommunen. Der samarbejdes om økonomisk, teknisk, social og sundhedsmæssig "
            "udvikling.",
            "Kommunerne har, sammen med boligorganisationerne, det overordnede ansvar for, at "
            "de almene boliger drives bedst muligt og i overensstemmelse med de gældende "
            "regler. Det gøres blandt andet gennem det årlige Styringsdialogmøde, hvor "
            "boligorganisation og kommune drøfter udviklingsperspektiver. De overordnede "
            "emner for styringsdialogen er boligområdets fysiske rammer, "
            "beboersammensætning, administration og økonomi – altså sammen at sikre en god "
            "udvikling af almene boliger i kommunen.",
            "Boligorganisationerne i din kommune er altid parate til at indgå i dialog og "
            "lave samarbejder. Du finder oplysninger om alle boligorganisationerne og "
            "kontakter på BL’s hjemmeside.",
        ],
    ),
    (
        "Om Landsbyggefonden",
        [
            "Landsbyggefonden understøtter den almene sektors selvfinansiering og skaber "
            "rammer for udvikling af by- og boligområder i hele landet. Fonden bidrager med "
            "støtte, data og viden til renovering, byudvikling og boligsociale indsatser."
        ],
    ),
    (
        "Behov for mere viden?",
        [
            "Sammen med boligorganisationerne i din kommune ligger BL og Landsbyggefonden "
            "inde med masser af viden om boligforhold og løsninger på centrale "
            "boligrelaterede udfordringer."
        ],
    ),
    (
        "Om BL – Danmarks Almene Boliger",
        [
            "BL er interesse- og brancheorganisation for landets almene boligorganisationer "
            "og arbejder for at styrke og udvikle den almene boligsektor som en central del "
            "af velfærdssamfundet. Arbejdet omfatter at sikre gode rammer for trygge og sunde "
            "hjem samt at understøtte et tæt samarbejde mellem kommuner og boligorganisationer "
            "med fokus på økonomi, byggeri og sociale indsatser. Du kan finde meget mere "
            "inspiration og viden på BL’s hjemmeside om alt fra nøgletal over politiske "
            "mærkesager til boligtekniske løsninger."
        ],
    ),
]
# Where the pack's own parts sit among them (the source's order too).
PARTS = {
    "Mærkesager": "Boliger til fremtidens behov",  # after the eight topics
    "Samarbejde mellem kommune og boligorganisation": "Kommuneark:",  # after the sheet
    "Behov for mere viden?": "Webinar om mulighederne i den almene boligsektor",
}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _page_text(response) -> str:
    return _flat(re.sub(r"<[^>]+>", " ", response.content.decode()))


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return _flat(" ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def councillor(kv25):
    return RecipientFactory(campaign=kv25, name="Anne Eksempel", email="anne@example.org")


def _assert_every_section_in_order(text: str) -> None:
    positions = []
    for title, texts in SECTIONS:
        assert title in text, title
        # The first paragraph places the section: a short title such as "Mærkesager" also
        # occurs in the pack's other texts (the note on a closed campaign).
        positions.append(text.index(texts[0]))
        for paragraph in texts:
            assert paragraph in text, paragraph
            assert text.rindex(title, 0, text.index(paragraph)) >= 0
    assert positions == sorted(positions)


def test_the_pack_page_has_every_section_in_the_source_order(client, councillor):
    response = client.get(reverse("campaigns:pack", kwargs={"token": recipient_token(councillor)}))
    text = _page_text(response)
    _assert_every_section_in_order(text)
    # Between the pack's own parts as in the source: after the topics, after the fact sheet,
    # after the webinar.
    assert text.index("Energi- og klimavenlige boliger") < text.index("Mærkesager ")
    assert text.index("Mandag 23. marts 2026") < text.index("Behov for mere viden?")
    assert text.index("Om Landsbyggefonden") < text.index("Webinar om mulighederne")
    assert text.index("Se alle tal for Kalundborg") < text.index("Samarbejde mellem kommune")
    html = response.content.decode()
    assert 'href="https://bl.dk/viden-kartotek/bls-maerkesager/"' in html
    assert html.count('href="https://bl.dk/viden-kartotek/valg-2025/#danmarkskort"') >= 2
    assert html.count('src="data:image/svg+xml') == 3  # a QR code per section link


def test_the_pack_pdf_has_every_section_in_the_source_order(client, councillor):
    token = recipient_token(councillor)
    response = client.get(reverse("campaigns:pack-pdf", kwargs={"token": token}))
    assert response.status_code == 200
    _assert_every_section_in_order(_pdf_text(response.content))


def test_a_section_edited_in_admin_is_kept_by_the_next_load(staff_client, kv25):
    section = CampaignSection.objects.get(campaign=kv25, key="om-landsbyggefonden")
    url = reverse("admin:campaigns_campaign_change", args=[kv25.pk])
    assert "Om Landsbyggefonden" in staff_client.get(url).content.decode()
    section.body = "Redigeret af BL."
    section.save()

    summary = campaigns_content_load()

    section.refresh_from_db()
    assert section.body == "Redigeret af BL."
    assert "1 kept" in summary and "created" not in summary and "updated" not in summary


def test_loading_twice_creates_no_sections_twice(kv25):
    campaigns_content_load()
    keys = list(CampaignSection.objects.filter(campaign=kv25).values_list("placement", "key"))
    assert keys == [
        ("introduction", "lavet-i-samarbejde-med-bl"),
        ("topics", "maerkesager"),
        ("profile", "samarbejde-mellem-kommune-og-boligorganisation"),
        ("profile", "om-landsbyggefonden"),
        ("webinar", "behov-for-mere-viden"),
        ("webinar", "om-bl"),
    ]
