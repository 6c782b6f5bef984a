"""The kommuneark as sheets: each sheet's own text sections, facts and sources, word for
word on the page and in the PDF; municipalities without a sheet; official names."""

import io
import re
import subprocess
from html import unescape

import pytest
from django.urls import reverse
from pypdf import PdfReader

from municipalities.models import (
    Municipality,
    MunicipalitySheet,
    Observation,
    SharedSheetSection,
    SheetSection,
)
from municipalities.services import municipalities_content_load
from tests.municipalities.factories import (
    HousingOrganisationFactory,
    MunicipalitySheetFactory,
    SheetSectionFactory,
)
from tests.municipalities.sheet_texts import (
    HERNING_SECTIONS,
    KALUNDBORG_SECTIONS,
    section_pieces,
)

pytestmark = pytest.mark.django_db

HERNING_SOURCES = (
    "Kilde: 1) Boligstat.dk (2024), 2) Survey foretaget af Epinion for BL (2024), 3) "
    "Boligsocialkort.dk; Landsbyggefonden (2024), 4) Landsbyggefonden (2023)"
)
KALUNDBORG_SOURCES = (
    "Kilde: 1) Boligstat.dk (2025), 2) Survey foretaget af Epinion for BL (2025), 3) "
    "Boligsocialkort.dk; Landsbyggefonden (2024), 4) Landsbyggefonden (2024)"
)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _page_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?a\b[^>]*>", "", html)  # a link is part of its sentence
    return _squash(unescape(re.sub(r"<[^>]+>", " ", html)))


def _assert_in_order(text: str, pieces: list[str]) -> None:
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found >= 0, f"missing (or out of order): {piece!r}"
        position = found + len(piece)


def _pdf_texts(content: bytes) -> list[str]:
    """The PDF's text as pypdf and as pdftotext read it."""
    reader = PdfReader(io.BytesIO(content))
    texts = [" ".join(page.extract_text() for page in reader.pages)]
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    texts.append(result.stdout.decode())
    # A line may break after the dash of a period ("2020–" / "2024"); bullets are "•".
    return [re.sub(r"–\s+(?=\d)", "–", _squash(text.replace("•", " "))) for text in texts]


@pytest.mark.parametrize(
    ("slug", "sections"), [("kalundborg", KALUNDBORG_SECTIONS), ("herning", HERNING_SECTIONS)]
)
def test_page_shows_every_section_word_for_word_in_the_sheets_order(client, loaded, slug, sections):
    response = client.get(f"/kommuner/{slug}/")
    _assert_in_order(_page_text(response), section_pieces(sections))
    headings = [heading for heading, _ in sections if heading]
    assert [
        unescape(h) for h in re.findall(r'<h2 id="sheet-section-\d+">([^<]+)</h2>', response.text)
    ] == headings


@pytest.mark.parametrize(
    ("slug", "sections"), [("kalundborg", KALUNDBORG_SECTIONS), ("herning", HERNING_SECTIONS)]
)
def test_pdf_has_every_section_word_for_word_in_the_sheets_order(client, loaded, slug, sections):
    response = client.get(f"/kommuner/{slug}/pdf/")
    assert response.status_code == 200
    for text in _pdf_texts(response.content):
        _assert_in_order(text, section_pieces(sections))


def test_section_links_and_bullets(client, loaded):
    html = client.get("/kommuner/herning/").text
    assert '<a href="https://www.bl.dk">BL.dk</a>' in html
    assert "<li>Når man flytter til en ny kommune.</li>" in html
    kalundborg = client.get("/kommuner/kalundborg/").text
    assert (
        '<a href="https://bl.dk/viden-kartotek/valg-2025/#danmarkskort">BL’s hjemmeside</a>'
        in kalundborg
    )


def test_herning_cites_its_own_2024_sources_not_the_2025_ones(client, loaded):
    herning = _page_text(client.get("/kommuner/herning/"))
    assert HERNING_SOURCES in herning
    assert "Boligstat.dk (2025)" not in herning
    kalundborg = _page_text(client.get("/kommuner/kalundborg/"))
    assert KALUNDBORG_SOURCES in kalundborg
    for text in _pdf_texts(client.get("/kommuner/herning/pdf/").content):
        assert HERNING_SOURCES in text
        assert "(2025)" not in text


def test_a_sheet_keeps_its_years_when_newer_figures_arrive(client, loaded, herning):
    residents = Observation.objects.get(municipality=herning, indicator__key="housing_stock_share")
    Observation.objects.create(
        municipality=herning,
        indicator=residents.indicator,
        start_year=2025,
        end_year=2025,
        value=19,
    )
    # The 2024 sheet still shows its own 2024 figure; a 2025 sheet would show 2025's.
    text = _page_text(client.get("/kommuner/herning/"))
    assert "Almene boligers andel af boligmassen 18 pct. (2024)" in text
    MunicipalitySheetFactory(municipality=herning, year=2025)
    from municipalities.services import municipalities_content_changed

    municipalities_content_changed()
    text = _page_text(client.get("/kommuner/herning/"))
    assert "Almene boligers andel af boligmassen 19 pct. (2025)" in text
    assert "Kommuneark 2025" in text


def test_shared_text_is_stored_once_and_a_sheets_own_text_overrides_it(client, loaded):
    assert SharedSheetSection.objects.count() == 6
    varied = SharedSheetSection.objects.get(key="varied-housing")
    uses = {section.sheet.municipality.code: section for section in varied.uses.all()}
    assert set(uses) == {"326", "657"}
    assert uses["326"].text == "" and not uses["326"].is_own
    assert uses["657"].is_own
    varied.text = "Ny fælles tekst skrevet af BL."
    varied.save()
    from municipalities.services import municipalities_content_changed

    municipalities_content_changed()
    assert "Ny fælles tekst skrevet af BL." in _page_text(client.get("/kommuner/kalundborg/"))
    assert "Ny fælles tekst" not in _page_text(client.get("/kommuner/herning/"))


def test_loader_keeps_a_section_staff_edited(loaded, kalundborg):
    section = SheetSection.objects.get(sheet__municipality=kalundborg, order=40)
    section.text = "Kalundborgs egen tekst."
    section.save()
    assert "1 kept" in municipalities_content_load()
    section.refresh_from_db()
    assert section.text == "Kalundborgs egen tekst."
    assert section.shown_heading == (
        "Vi bidrager til et inkluderende samfund og gør en forskel ude lokalt"
    )


def _sections_without_content(html: str) -> list[str]:
    """Every <section> whose only text is its heading."""
    empty = []
    for body in re.findall(r"<section\b[^>]*>(.*?)</section>", html, flags=re.S):
        without_heading = re.sub(r"<h[1-6]\b.*?</h[1-6]>", "", body, flags=re.S)
        if not _squash(re.sub(r"<[^>]+>", " ", without_heading)):
            empty.append(body)
    return empty


def test_a_municipality_without_a_sheet_says_so_and_shows_what_exists(client, loaded):
    aarhus = Municipality.objects.get(code="751")
    HousingOrganisationFactory(name="Boligselskabet Østjylland").municipalities.add(aarhus)
    response = client.get("/kommuner/aarhus/")
    assert response.status_code == 200
    text = _page_text(response)
    assert "BL har endnu ikke udgivet et kommuneark for Aarhus Kommune." in text
    assert "Boligorganisationer Boligselskabet Østjylland" in text
    assert "Vidste du, at …" in text  # the national facts, newest year
    assert "Der findes i alt 595.000 almene boliger i Danmark." in text
    assert "Nøgletal" not in text
    assert "Kommuneark 20" not in text
    assert "/pdf/" not in response.text
    assert _sections_without_content(response.text) == []
    assert client.get("/kommuner/aarhus/pdf/").status_code == 404


def test_pages_with_a_sheet_have_no_empty_headings(client, loaded):
    for slug in ["kalundborg", "herning", "koebenhavn", "aeroe"]:
        assert _sections_without_content(client.get(f"/kommuner/{slug}/").text) == []


def test_published_sheet_without_figures_has_no_empty_figure_headings(client, loaded):
    MunicipalitySheetFactory(municipality=Municipality.objects.get(code="751"), year=2026)
    html = client.get("/kommuner/aarhus/").text
    assert "Nøgletal" not in html
    assert _sections_without_content(html) == []


def test_unpublished_sheet_is_not_shown(client, loaded, kalundborg):
    MunicipalitySheet.objects.filter(municipality=kalundborg).update(is_published=False)
    from municipalities.services import municipalities_content_changed

    municipalities_content_changed()
    text = _page_text(client.get("/kommuner/kalundborg/"))
    assert "BL har endnu ikke udgivet et kommuneark for Kalundborg Kommune." in text
    assert client.get("/kommuner/kalundborg/pdf/").status_code == 404


@pytest.mark.parametrize("count", [1, 8])
def test_page_without_a_sheet_has_a_constant_query_count(
    client, loaded, django_assert_num_queries, count
):
    aarhus = Municipality.objects.get(code="751")
    for _ in range(count):
        HousingOrganisationFactory().municipalities.add(aarhus)
    # The municipality, its (missing) sheet, the national facts, the organisations and
    # their published local goals there.
    with django_assert_num_queries(5):
        assert client.get("/kommuner/aarhus/").status_code == 200


@pytest.mark.parametrize("count", [1, 8])
def test_page_with_a_sheet_has_a_constant_query_count(
    client, loaded, django_assert_num_queries, count
):
    sheet = MunicipalitySheet.objects.get(municipality__code="326")
    for _ in range(count):
        SheetSectionFactory(sheet=sheet, order=100)
    with django_assert_num_queries(10):  # 9 for the sheet, 1 for the local goals there
        assert client.get("/kommuner/kalundborg/").status_code == 200


def test_home_page_and_map_count_the_sheets(client, loaded):
    home = _page_text(client.get("/"))
    assert "BL har udgivet kommuneark for 2 kommuner." in home
    listing = _page_text(client.get(reverse("municipalities:municipality-list")))
    assert "Kommuneark udgivet (2 af 98 kommuner)" in listing


def test_official_names_of_all_98(db):
    names = dict(Municipality.objects.values_list("code", "official_name"))
    councils = dict(Municipality.objects.values_list("code", "council_name"))
    assert len(names) == 98
    assert names["101"] == "Københavns Kommune"
    assert names["400"] == "Bornholms Regionskommune"
    assert names["147"] == "Frederiksberg Kommune"
    assert names["825"] == "Læsø Kommune"
    assert names["480"] == "Nordfyns Kommune"
    assert names["169"] == "Høje-Taastrup Kommune"
    assert councils["101"] == "Borgerrepræsentationen"
    assert councils["326"] == "Kalundborgs Byråd"
    assert councils["751"] == "Aarhus Byråd"
    assert councils["147"] == "Frederiksberg Kommunalbestyrelse"
    assert all(name.endswith(" Kommune") for code, name in names.items() if code not in {"400"})
    assert all(
        council.endswith((" Byråd", " Kommunalbestyrelse"))
        for code, council in councils.items()
        if code != "101"
    )
    assert str(Municipality.objects.get(code="101")) == "Københavns Kommune"


def test_copenhagen_page_uses_the_official_name(client, loaded):
    text = _page_text(client.get("/kommuner/koebenhavn/"))
    assert "Almene boliger gør Københavns Kommune bedre" in text
    assert "BL har endnu ikke udgivet et kommuneark for Københavns Kommune." in text
    assert "København Kommune" not in text
