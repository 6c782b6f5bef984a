import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from almen.core.cache import content_version
from municipalities.imports import ImportFileError, danish_decimal_parse, observations_import
from municipalities.models import MunicipalitySheet, Observation
from municipalities.selectors import municipality_profile

pytestmark = pytest.mark.django_db

HEADER = "kommunekode;kommune;indikator;periode;værdi;kilde\n"


def _csv(*rows: str, bom: bool = False) -> bytes:
    text = HEADER + "".join(row + "\n" for row in rows)
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def _xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["kommunekode", "indikator", "periode", "værdi", "kilde"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3.372", Decimal("3372")),
        ("14,5", Decimal("14.5")),
        ("1.086,25", Decimal("1086.25")),
        ("975.000", Decimal("975000")),
        ("12200", Decimal("12200")),
        (" 16 ", Decimal("16")),
        (14.5, Decimal("14.5")),
        (3372, Decimal("3372")),
    ],
)
def test_danish_numbers(raw, expected):
    assert danish_decimal_parse(raw=raw) == expected


@pytest.mark.parametrize("raw", ["14.5", "3,372.0", "tre", "", "12 pct.", "1.2.3"])
def test_not_danish_numbers(raw):
    with pytest.raises(ValueError):
        danish_decimal_parse(raw=raw)


def test_good_csv_dry_run_then_save(loaded, kalundborg):
    content = _csv(
        "326;Kalundborg;dwellings_family;2026;3.400;",
        "326;Kalundborg;move_out_rate_family;2024;14,5;Ny kilde",
        "326;Kalundborg;dwellings_youth;2025;30;BL's egne beregninger på baggrund af "
        "Danmarks Statistiks registerdata",
        bom=True,
    )
    before = Observation.objects.count()

    dry = observations_import(filename="tal.csv", content=content, dry_run=True)

    assert [(row.line, row.action) for row in dry.rows] == [
        (2, "create"),
        (3, "update"),
        (4, "unchanged"),
    ]
    assert dry.rows[1].old_value == Decimal("14.00")
    assert dry.rows[1].value == Decimal("14.50")
    assert dry.rows[0].source.startswith("BL's egne beregninger")  # the default source
    assert Observation.objects.count() == before
    version = content_version(area="municipalities")

    result = observations_import(filename="tal.csv", content=content, dry_run=False)

    assert result.saved
    assert Observation.objects.count() == before + 1
    assert Observation.objects.get(
        municipality=kalundborg, indicator__key="move_out_rate_family", end_year=2024
    ).value == Decimal("14.5")
    assert content_version(area="municipalities") == version + 1


def test_newer_year_becomes_the_newest_figure_on_the_profile(loaded, kalundborg):
    content = _csv("326;Kalundborg;dwellings_family;2026;3.401;", "326;;residents;2026;6.050;")
    observations_import(filename="2026.csv", content=content, dry_run=False)
    profile = municipality_profile(municipality=kalundborg)
    family = profile.by_key["dwellings_family"].latest
    assert (family.value, family.period) == (Decimal(3401), "2026")
    assert profile.by_key["residents"].latest.value == Decimal(6050)
    assert profile.by_key["dwellings_youth"].latest.period == "2025"


def test_one_bad_row_saves_nothing_and_names_the_row(loaded):
    content = _csv(
        "326;Kalundborg;dwellings_family;2026;3.400;",
        "999;Ukendt;dwellings_family;2026;1;",
        "326;Kalundborg;no_such_indicator;2026;1;",
        "657;Herning;residents;2026;mange;",
        "657;Herning;residents;20x6;1;",
        "326;Kalundborg;dwellings_family;2026;3.401;",
    )
    before = Observation.objects.count()

    result = observations_import(filename="tal.csv", content=content, dry_run=False)

    assert not result.saved
    assert Observation.objects.count() == before
    errors = {row.line: row.errors for row in result.error_rows}
    assert errors == {
        3: ["Ukendt kommunekode “999”."],
        4: ["Ukendt indikator “no_such_indicator”."],
        5: ["“mange” er ikke et tal (skriv 3.372 eller 14,5)."],
        6: ["“20x6” er ikke et år eller en periode (2025 eller 2022-2024)."],
        7: ["Samme tal som linje 2."],
    }


def test_good_xlsx(loaded, herning):
    content = _xlsx(
        [
            ["657", "dwellings_family", "2025", 6400, None],
            [657, "housing_stock_share", 2025, 18.5, "Testkilde"],
            ["000", "residents", "2025", "1.000.000", "Testkilde"],
        ]
    )
    result = observations_import(filename="tal.xlsx", content=content, dry_run=False)
    assert result.saved, [row.errors for row in result.rows]
    profile = municipality_profile(municipality=herning)
    assert profile.by_key["housing_stock_share"].latest.value == Decimal("18.5")
    assert profile.by_key["dwellings_family"].latest.value == Decimal(6400)
    assert profile.by_key["residents"].national.value == Decimal(1000000)


def test_comma_separated_csv_without_bom(loaded):
    content = b"kommunekode,indikator,periode,vaerdi\n326,residents,2026,6100\n"
    result = observations_import(filename="tal.csv", content=content, dry_run=True)
    assert [row.action for row in result.rows] == ["create"]


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("tal.pdf", b"%PDF", "Upload en .csv- eller .xlsx-fil."),
        ("tal.csv", "kommunekode;værdi\n".encode("cp1252"), "Filen er ikke UTF-8-tekst. Gem"),
        ("tal.csv", b"kommunekode;indikator\n326;x\n", "mangler kolonnerne: periode, værdi."),
        ("tal.xlsx", b"not a workbook", "Filen er ikke en gyldig XLSX-projektmappe."),
        ("tal.csv", b"", "Filen er tom."),
    ],
)
def test_unreadable_files_are_refused(loaded, filename, content, message):
    with pytest.raises(ImportFileError, match=re.escape(message)):
        observations_import(filename=filename, content=content, dry_run=True)


def test_sample_file_in_the_repo_is_valid(loaded):
    sample = Path(settings.BASE_DIR) / "municipalities" / "data" / "observations-sample.csv"
    result = observations_import(filename=sample.name, content=sample.read_bytes(), dry_run=True)
    assert result.is_valid
    assert len(result.rows) == 5


def test_command_imports_and_dry_run_saves_nothing(loaded, kalundborg, tmp_path):
    path = tmp_path / "tal.csv"
    path.write_bytes(_csv("326;Kalundborg;residents;2026;6.100;"))
    out = io.StringIO()
    call_command("import_observations", str(path), "--dry-run", stdout=out)
    assert "Dry run, nothing saved: 1 create" in out.getvalue()
    assert not Observation.objects.filter(end_year=2026).exists()

    call_command("import_observations", str(path), stdout=io.StringIO())
    assert Observation.objects.get(end_year=2026, municipality=kalundborg).value == 6100


def test_command_names_bad_rows(loaded, tmp_path):
    path = tmp_path / "tal.csv"
    path.write_bytes(_csv("326;Kalundborg;residents;2026;6.100;", "999;X;residents;2026;1;"))
    with pytest.raises(CommandError, match="invalid rows on lines 3"):
        call_command("import_observations", str(path), stdout=io.StringIO())
    assert not Observation.objects.filter(end_year=2026).exists()


def test_command_creates_a_sheet_for_a_municipality_without_one(loaded, tmp_path):
    path = tmp_path / "tal.csv"
    path.write_bytes(_csv("751;Aarhus;dwellings_family;2026;21.500;"))
    out = io.StringIO()
    call_command("import_observations", str(path), stdout=out)
    assert "New kommuneark with the shared sections: Aarhus Kommune 2026" in out.getvalue()
    sheet = MunicipalitySheet.objects.get(municipality__code="751")
    assert (sheet.year, sheet.sections.count(), sheet.facts.count()) == (2026, 6, 4)


SHEET_FILE = """\
municipality: "751"
year: 2026
sections:
  - shared: unique-areas
  - heading: Aarhus for alle
    text: |-
      Første afsnit.

      - et punkt
facts_year: 2025
facts: [square-metre-rent, municipal-allocations]
observations:
  - {indicator: residents, period: "2026", value: 52000, year_stated: false}
  - {indicator: dwellings_family, period: "2026", value: 21500}
"""


def test_import_sheet_with_sections_facts_and_figures(loaded, tmp_path, client):
    path = tmp_path / "aarhus-2026.yaml"
    path.write_text(SHEET_FILE, encoding="utf-8")
    out = io.StringIO()
    call_command("import_sheet", str(path), stdout=out)
    assert "Aarhus Kommune 2026: 7 created" in out.getvalue()
    call_command("import_sheet", str(path), stdout=out)
    assert "Aarhus Kommune 2026: 0 created, 0 updated, 7 unchanged, 0 kept." in out.getvalue()
    page = client.get("/kommuner/aarhus/").text
    assert "Aarhus for alle" in page
    assert "<ul><li>et punkt</li></ul>" in page
    assert "Kilde: 1) Boligstat.dk (2025), 2) Landsbyggefonden (2024)" in " ".join(
        re.sub(r"<[^>]+>", " ", page).split()
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('"751"', '"999"'), "Unknown municipality code “999”."),
        (("shared: unique-areas", "shared: no-such"), "unknown shared section “no-such”"),
        (("[square-metre-rent,", "[no-fact,"), "No fact “no-fact” for 2025."),
        (("indicator: residents", "indicator: nope"), "Figure 1: unknown indicator."),
        (("value: 21500", 'value: "mange"'), "Figure 2: give a period and a number."),
        (("      Første afsnit.\n\n      - et punkt\n", "      \n"), "Section 2 has neither"),
    ],
)
def test_import_sheet_refuses_a_bad_file_and_saves_nothing(loaded, tmp_path, change, message):
    path = tmp_path / "aarhus-2026.yaml"
    path.write_text(SHEET_FILE.replace(*change), encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("import_sheet", str(path), stdout=io.StringIO())
    assert not MunicipalitySheet.objects.filter(municipality__code="751").exists()
    assert not Observation.objects.filter(end_year=2026).exists()
