import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from pypdf import PdfReader

from municipalities.models import Municipality, Observation
from municipalities.services import municipalities_content_changed
from tests.municipalities.factories import (
    HousingOrganisationFactory,
    IndicatorFactory,
    MunicipalitySheetFactory,
    NationalFactFactory,
    ObservationFactory,
    SharedSheetSectionFactory,
    SheetFactFactory,
    SheetSectionFactory,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The page's visible text with tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


KALUNDBORG_TEXTS = [
    "Almene boliger gør Kalundborg Kommune bedre",
    "1 million mennesker bor i almene boliger i Danmark – 6.000 af dem bor i almene boliger "
    "i Kalundborg Kommune.",
    # The sheet and the annual report give no year for the residents: none is shown.
    "Beboere i almene boliger 6.000 Hele landet: 975.000 Kilde: BL's egne beregninger på "
    "baggrund af Danmarks Statistiks registerdata Kilden angiver ikke årstal for tallet. "
    "Kilden angiver ikke årstal for landstallet.",
    "Almene boligers andel af boligmassen 16 pct. (2025) Hele landet: 20 pct. Kilde:",
    "Fraflytningsprocent i almene familieboliger 14 pct. (2024)",
    "Huslejeomsætning i almene afdelinger 263 mio. kr. (2024)",
    "Renovering med støtte fra Landsbyggefonden 397 mio. kr. (2020–2024) Kilde: Landsbyggefonden",
    "Øget omsætning i lokalområdet 67 mio. kr. (2024)",
    "Almene boliger i 2025",
    "Ungdomsboliger 30 BL's egne beregninger på baggrund af Danmarks Statistiks "
    "registerdata (2025)",
    "Familieboliger 3.372 BL's egne beregninger",
    "Ældreboliger 602 BL's egne beregninger",
    "Igangsatte byggerier i perioden 2022–2024",
    "Igangsatte ungdomsboliger 0 BL's",
    "Igangsatte familieboliger 0 BL's",
    "Igangsatte ældreboliger 24 BL's",
    "Vidste du, at …",
    "… kvadratmeterhuslejen i almene familieboliger er i gns. 25 pct. lavere end i private "
    "lejeboliger. 1",
    "Kilde: 1) Boligstat.dk (2025), 2) Survey foretaget af Epinion for BL (2025), 3) "
    "Boligsocialkort.dk; Landsbyggefonden (2024), 4) Landsbyggefonden (2024)",
    "anvisningsret til hver fjerde af de ledige almene familieboliger",
    "Der findes i alt 595.000 almene boliger i Danmark.",
    "< 50 m²: 3.200 kr.",
    "37 pct. af almene beboere engagerer sig i frivilligt arbejde.",
    "Du finder oplysninger om alle boligorganisationerne og kontakter på BL’s hjemmeside",
]

HERNING_TEXTS = [
    "Almene boliger gør Herning Kommune bedre",
    "12.200 af dem bor i almene boliger i Herning Kommune.",
    "Beboere i almene boliger 12.200 Hele landet: 975.000 Kilde:",
    "Almene boligers andel af boligmassen 18 pct. (2024) Hele landet: 20 pct. Kilde:",
    "Fraflytningsprocent i almene familieboliger 14 pct. (2023)",
    "Huslejeomsætning i almene afdelinger 464 mio. kr. (2023)",
    "Renovering med støtte fra Landsbyggefonden 353 mio. kr. (2021–2023)",
    # No year in the source: none shown, and none invented.
    "Øget omsætning i lokalområdet 106 mio. kr. Kilde: BL's egne beregninger på baggrund af "
    "Danmarks Statistiks registerdata Kilden angiver ikke årstal for tallet.",
    "Almene boliger i 2024",
    "Ungdomsboliger 1.086 BL's",
    "Familieboliger 6.355 BL's",
    "Ældreboliger 530 BL's",
    "Igangsatte byggerier i perioden 2021–2023",
    "Igangsatte ældreboliger 46 BL's",
]


def test_kalundborg_kommuneark_shows_the_2025_figures(client, loaded):
    response = client.get("/kommuner/kalundborg/")
    assert response.status_code == 200
    text = _text(response)
    for expected in KALUNDBORG_TEXTS:
        assert expected in text
    assert 'href="https://bl.dk/viden-kartotek/valg-2025/#danmarkskort"' in response.text
    assert 'href="/kommuner/kalundborg/pdf/"' in response.text


def test_herning_kommuneark_shows_the_2024_figures(client, loaded):
    text = _text(client.get("/kommuner/herning/"))
    for expected in HERNING_TEXTS:
        assert expected in text


def test_kommuneark_in_english_keeps_danish_numbers(client, loaded):
    text = _text(client.get("/en/kommuner/kalundborg/"))
    assert "Social housing makes Kalundborg Kommune better" in text
    assert "Whole country: 975.000 Source:" in text
    assert "The source gives no year for this figure." in text
    assert "Familieboliger 3.372" in text


def test_empty_state(client, loaded):
    response = client.get("/kommuner/aeroe/")
    assert response.status_code == 200
    text = _text(response)
    assert "Almene boliger gør Ærø Kommune bedre" in text
    assert "BL har endnu ikke udgivet et kommuneark for Ærø Kommune." in text
    assert "Nøgletal" not in text
    assert "/pdf/" not in response.text
    assert "Vidste du, at …" in text  # the national facts still show


def test_housing_organisations_are_listed(client, loaded, kalundborg):
    organisation = HousingOrganisationFactory(name="Boligselskabet Vestsjælland")
    organisation.municipalities.add(kalundborg)
    HousingOrganisationFactory(name="Andet selskab")
    text = _text(client.get("/kommuner/kalundborg/"))
    assert "Boligorganisationer Boligselskabet Vestsjælland" in text
    assert "Andet selskab" not in text


def test_other_spelling_redirects_to_the_canonical_slug(client):
    response = client.get("/kommuner/københavn/")
    assert response.status_code == 301
    assert response["Location"] == "/kommuner/koebenhavn/"
    assert client.get("/kommuner/k%C3%B8benhavn/pdf/")["Location"] == "/kommuner/koebenhavn/pdf/"
    assert client.get("/kommuner/koebenhavn/").status_code == 200


def test_unknown_municipality_is_404(client):
    assert client.get("/kommuner/atlantis/").status_code == 404
    assert client.get("/kommuner/atlantis/pdf/").status_code == 404


def test_list_shows_all_98_on_the_map_and_in_the_list(client, loaded):
    response = client.get(reverse("municipalities:municipality-list"))
    assert response.status_code == 200
    html = response.text
    map_links = re.findall(r'<a href="(/kommuner/[^"]+/)" data-code="(\d{3})"', html)
    assert len(map_links) == 98
    assert len({code for _, code in map_links}) == 98
    list_items = re.findall(r'<li data-name="[^"]*"><a href="(/kommuner/[^"]+/)">', html)
    assert sorted(list_items) == sorted(m.get_absolute_url() for m in Municipality.objects.all())
    assert (
        '<a href="/kommuner/kalundborg/" data-code="326" data-name="Kalundborg" '
        'aria-label="Kalundborg Kommune (kommuneark udgivet)" '
        'class="municipality-map__link has-figures'
    ) in html
    assert 'aria-label="Ærø Kommune" class="municipality-map__link"' in html
    text = _text(response)
    assert "Kommuneark udgivet (2 af 98 kommuner)" in text
    for region in ["Region Hovedstaden", "Region Sjælland", "Region Syddanmark"]:
        assert region in text
    assert (
        "Indeholder data fra Geodatastyrelsen (nu Klimadatastyrelsen) og Danske Kommuner, "
        "DAGI 1:500.000, februar 2014. Forenklet." in text
    )
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html


def test_list_search_by_name(client):
    response = client.get("/kommuner/", {"q": "holb"})
    text = _text(response)
    assert "1 kommune matcher “holb”." in text
    assert re.findall(r'<li data-name="[^"]*"><a href="([^"]+)"', response.text) == [
        "/kommuner/holbaek/"
    ]
    # The map still shows every municipality, with the matches marked.
    assert len(re.findall(r'data-code="\d{3}"', response.text)) == 98
    assert "is-match" in response.text
    assert "Ingen kommuner matcher “xyz”." in _text(client.get("/kommuner/", {"q": "xyz"}))


def _add_figures(count: int):
    for index, municipality in enumerate(Municipality.objects.order_by("code")[:count]):
        indicator = IndicatorFactory(key=f"ind_{index}", group="key_figures")
        ObservationFactory(municipality=municipality, indicator=indicator, start_year=2024)
        ObservationFactory(municipality=municipality, indicator=indicator, start_year=2025)
        ObservationFactory(municipality=None, indicator=indicator, start_year=2025)
        NationalFactFactory()
        organisation = HousingOrganisationFactory()
        organisation.municipalities.add(municipality)


@pytest.mark.parametrize("count", [1, 10])
def test_list_query_count_is_constant(client, django_assert_num_queries, count):
    _add_figures(count)
    with django_assert_num_queries(1):
        assert client.get("/kommuner/").status_code == 200
    with django_assert_num_queries(0):  # cached
        assert client.get("/kommuner/").status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_kommuneark_query_count_is_constant(client, django_assert_num_queries, count):
    _add_figures(count)
    koebenhavn = Municipality.objects.get(code="101")
    sheet = MunicipalitySheetFactory(municipality=koebenhavn, year=2023)
    for indicator_key in ["ind_1", "ind_2"]:
        indicator = IndicatorFactory(key=indicator_key)
        ObservationFactory(municipality=koebenhavn, indicator=indicator, start_year=2023)
        SheetSectionFactory(sheet=sheet, shared=SharedSheetSectionFactory(), text="")
        SheetFactFactory(sheet=sheet)
    # The municipality, its sheet, sections, facts, indicators, its and the national
    # observations, the national facts and the housing organisations.
    with django_assert_num_queries(9):
        assert client.get("/kommuner/koebenhavn/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/kommuner/koebenhavn/").status_code == 200


def test_pages_are_cached_until_figures_change(client, loaded, kalundborg):
    assert "boliger 6.000 Hele" in _text(client.get("/kommuner/kalundborg/"))
    Observation.objects.filter(municipality=kalundborg, indicator__key="residents").update(
        value=Decimal(6001)
    )
    assert "boliger 6.000 Hele" in _text(client.get("/kommuner/kalundborg/"))
    municipalities_content_changed()
    assert "boliger 6.001 Hele" in _text(client.get("/kommuner/kalundborg/"))


def _pdf_text(response) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    # A line may break after the dash of a period ("2020–" / "2024").
    return reader, re.sub(r"–\s+", "–", " ".join(text.split()))


def test_pdf_is_a4_with_the_figures(client, loaded):
    response = client.get("/kommuner/kalundborg/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="kommuneark-kalundborg.pdf"'
    assert response.content.startswith(b"%PDF-")
    reader, text = _pdf_text(response)
    for page in reader.pages:
        # A4 is 595 × 842 points.
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    for expected in [
        "Almene boliger gør Kalundborg Kommune bedre",
        "Beboere i almene boliger 6.000 Hele landet: 975.000",
        "16 pct. (2025)",
        "14 pct. (2024)",
        "263 mio. kr. (2024)",
        "397 mio. kr. (2020–2024)",
        "67 mio. kr. (2024)",
        "3.372",
        "602",
        "Igangsatte ældreboliger 24",
        "Vidste du, at …",
    ]:
        assert expected in text


def test_pdf_of_herning(client, loaded):
    _, text = _pdf_text(client.get("/kommuner/herning/pdf/"))
    for expected in ["12.200 Hele", "1.086", "6.355", "464 mio. kr. (2023)", "106 mio. kr. Kilde"]:
        assert expected in text


def test_pdf_is_cached_until_figures_change(client, loaded, kalundborg, django_assert_num_queries):
    client.get("/kommuner/kalundborg/pdf/")
    with django_assert_num_queries(1):  # the municipality; the PDF comes from the cache
        client.get("/kommuner/kalundborg/pdf/")
    Observation.objects.filter(municipality=kalundborg, indicator__key="residents").update(
        value=Decimal(6001)
    )
    municipalities_content_changed()
    _, text = _pdf_text(client.get("/kommuner/kalundborg/pdf/"))
    assert "boliger 6.001 Hele" in text
