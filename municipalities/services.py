"""Writes of the municipality figures: loading the kommuneark content, staff edits, demo data.

The import of observations from CSV/XLSX files lives in ``municipalities.imports``.
"""

import re
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from almen.core.cache import content_changed
from almen.core.content import CONTENT_DIR, content_upsert, read_content_file
from municipalities.models import (
    HousingOrganisation,
    Indicator,
    Municipality,
    MunicipalitySheet,
    NationalFact,
    Observation,
    SharedSheetSection,
    SheetFact,
    SheetSection,
)

CONTENT_AREA = "municipalities"
DEFAULT_FIGURES_SOURCE = "BL's egne beregninger på baggrund af Danmarks Statistiks registerdata"
_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4}))?\s*$")
_CENT = Decimal("0.01")


def period_parse(*, period: str | int) -> tuple[int, int]:
    """``"2025"`` → (2025, 2025); ``"2022-2024"`` or ``"2022–2024"`` → (2022, 2024).

    Raises ``ValueError`` for anything else, including a period that ends before it starts.
    """
    match = _PERIOD.match(str(period))
    if match is None:
        raise ValueError(f"not a year or period: {period!r}")
    start_year = int(match.group(1))
    end_year = int(match.group(2) or start_year)
    if end_year < start_year:
        raise ValueError(f"the period ends before it starts: {period!r}")
    return start_year, end_year


def municipalities_content_changed() -> None:
    """Staff changed municipality figures, facts or organisations: cached public pages
    (the map, every kommuneark, the PDFs) are rebuilt on their next request."""
    content_changed(area=CONTENT_AREA)


def _observation_upsert(
    *, municipality: Municipality | None, indicator: Indicator, item: dict, source: str
) -> str:
    start_year, end_year = period_parse(period=item["period"])
    _, outcome = content_upsert(
        model=Observation,
        lookup={
            "municipality": municipality,
            "indicator": indicator,
            "start_year": start_year,
            "end_year": end_year,
        },
        values={
            # Quantised as the database returns it, so an unchanged row hashes the same.
            "value": Decimal(str(item["value"])).quantize(_CENT),
            "source": item.get("source", source),
            "year_stated": item.get("year_stated", True),
        },
    )
    return outcome


def _shared_sections_load(*, counts: dict[str, int]) -> dict[str, SharedSheetSection]:
    shared = {}
    items = read_content_file("municipalities/sections.yaml")["sections"]
    for order, item in enumerate(items, start=1):
        section, outcome = content_upsert(
            model=SharedSheetSection,
            lookup={"key": item["key"]},
            values={
                "heading": item.get("heading", ""),
                "text": item["text"].strip(),
                "order": order * 10,
            },
        )
        shared[section.key] = section
        counts[outcome] += 1
    return shared


def sheet_content_load(
    *,
    sheet_data: dict,
    indicators: dict[str, Indicator],
    shared: dict[str, SharedSheetSection],
    counts: dict[str, int],
) -> MunicipalitySheet:
    """Create or update one kommuneark from its content file (``content/municipalities/
    sheets/*.yaml``): the sheet, its ordered sections, its facts and its observations.
    Rows staff edited are kept (see ``almen.core.content``); adds to ``counts``."""
    municipality = Municipality.objects.get(code=sheet_data["municipality"])
    sheet, outcome = content_upsert(
        model=MunicipalitySheet,
        lookup={"municipality": municipality, "year": sheet_data["year"]},
        values={"figures_source": sheet_data["source"]},
    )
    counts[outcome] += 1
    for order, item in enumerate(sheet_data.get("sections", []), start=1):
        _, outcome = content_upsert(
            model=SheetSection,
            lookup={"sheet": sheet, "order": order * 10},
            values={
                "shared": shared[item["shared"]] if item.get("shared") else None,
                "heading": item.get("heading", ""),
                "text": item.get("text", "").strip(),
            },
        )
        counts[outcome] += 1
    facts = {
        fact.key: fact
        for fact in NationalFact.objects.filter(year=sheet_data.get("facts_year", sheet.year))
    }
    for order, key in enumerate(sheet_data.get("facts", []), start=1):
        _, outcome = content_upsert(
            model=SheetFact,
            lookup={"sheet": sheet, "fact": facts[key]},
            values={"order": order},
        )
        counts[outcome] += 1
    for item in sheet_data.get("observations", []):
        outcome = _observation_upsert(
            municipality=municipality,
            indicator=indicators[item["indicator"]],
            item=item,
            source=sheet_data["source"],
        )
        counts[outcome] += 1
    return sheet


def municipalities_content_load() -> str:
    """Load the indicators, national facts and figures, the shared sheet sections and every
    kommuneark in ``content/municipalities/`` with its sections, facts and figures
    (idempotent; rows staff edited are kept as they are).

    Returns a one-line summary of how many rows were created, updated or kept. Invalidates
    the municipality pages when anything changed.
    """
    counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}
    with transaction.atomic():
        indicators = {}
        for order, item in enumerate(
            read_content_file("municipalities/indicators.yaml")["indicators"]
        ):
            indicator, outcome = content_upsert(
                model=Indicator,
                lookup={"key": item["key"]},
                values={
                    "name": item["name"],
                    "unit": item["unit"],
                    "group": item.get("group", ""),
                    "description": item.get("description", ""),
                    "default_source": item.get("default_source", ""),
                    "order": (order + 1) * 10,
                },
            )
            indicators[indicator.key] = indicator
            counts[outcome] += 1

        national = read_content_file("municipalities/national.yaml")
        for item in national["facts"]:
            _, outcome = content_upsert(
                model=NationalFact,
                lookup={"key": item["key"], "year": item["year"]},
                values={
                    "group": item["group"],
                    "text": item["text"].strip(),
                    "source": item.get("source", ""),
                    "source_url": item.get("source_url", ""),
                    "order": item.get("order", 0),
                },
            )
            counts[outcome] += 1
        for item in national["observations"]:
            outcome = _observation_upsert(
                municipality=None,
                indicator=indicators[item["indicator"]],
                item=item,
                source=item.get("source", ""),
            )
            counts[outcome] += 1

        shared = _shared_sections_load(counts=counts)
        for path in sorted(Path(CONTENT_DIR / "municipalities" / "sheets").glob("*.yaml")):
            sheet_content_load(
                sheet_data=read_content_file(f"municipalities/sheets/{path.name}"),
                indicators=indicators,
                shared=shared,
                counts=counts,
            )

    if counts["created"] or counts["updated"]:
        municipalities_content_changed()
    return ", ".join(f"{count} {outcome}" for outcome, count in counts.items())


class SheetFileError(ValueError):
    """A sheet file (``import_sheet``) that cannot be imported; the message says why."""


def _sheet_file_check(*, data) -> None:
    if not isinstance(data, dict):
        raise SheetFileError("The file must be a YAML mapping (municipality, year, …).")
    missing = [key for key in ("municipality", "year") if key not in data]
    if missing:
        raise SheetFileError(f"Missing: {', '.join(missing)}.")
    code = str(data["municipality"]).zfill(3)
    if not Municipality.objects.filter(code=code).exists():
        raise SheetFileError(f"Unknown municipality code “{data['municipality']}”.")
    data["municipality"] = code
    if not isinstance(data["year"], int) or not 1900 <= data["year"] <= 2100:
        raise SheetFileError(f"“{data['year']}” is not a year.")
    data.setdefault("source", DEFAULT_FIGURES_SOURCE)
    shared_keys = set(SharedSheetSection.objects.values_list("key", flat=True))
    for number, item in enumerate(data.get("sections") or [], start=1):
        if not isinstance(item, dict):
            raise SheetFileError(f"Section {number} must have shared, heading and/or text.")
        if item.get("shared") and item["shared"] not in shared_keys:
            raise SheetFileError(f"Section {number}: unknown shared section “{item['shared']}”.")
        if not item.get("shared") and not str(item.get("text", "")).strip():
            raise SheetFileError(f"Section {number} has neither text nor a shared section.")
    facts_year = data.get("facts_year", data["year"])
    known_facts = set(NationalFact.objects.filter(year=facts_year).values_list("key", flat=True))
    for key in data.get("facts") or []:
        if key not in known_facts:
            raise SheetFileError(f"No fact “{key}” for {facts_year}.")
    indicator_keys = set(Indicator.objects.values_list("key", flat=True))
    for number, item in enumerate(data.get("observations") or [], start=1):
        if not isinstance(item, dict) or item.get("indicator") not in indicator_keys:
            raise SheetFileError(f"Figure {number}: unknown indicator.")
        try:
            period_parse(period=item.get("period", ""))
            Decimal(str(item["value"]))
        except (KeyError, ValueError, ArithmeticError) as error:
            raise SheetFileError(f"Figure {number}: give a period and a number.") from error


def sheet_import(*, data) -> tuple[MunicipalitySheet, str]:
    """Create or update a kommuneark from a sheet file in the format of
    ``content/municipalities/sheets/*.yaml`` (municipality, year, source, sections, facts,
    observations), all in one transaction: a file with any error raises ``SheetFileError``
    and changes nothing. Returns the sheet and a summary of the rows. Rows staff edited in
    admin since an earlier import are kept. Invalidates the cached pages."""
    _sheet_file_check(data=data)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}
    with transaction.atomic():
        sheet = sheet_content_load(
            sheet_data=data,
            indicators={indicator.key: indicator for indicator in Indicator.objects.all()},
            shared={section.key: section for section in SharedSheetSection.objects.all()},
            counts=counts,
        )
    municipalities_content_changed()
    return sheet, ", ".join(f"{count} {outcome}" for outcome, count in counts.items())


def sheet_defaults_add(*, sheet: MunicipalitySheet) -> None:
    """Give a new sheet that has no sections or facts yet every shared section (in their
    order) and the newest “Vidste du, at …” facts of the sheet's year or before, so staff
    only change what differs. A sheet that has sections or facts is left as it is. The
    caller invalidates the cached pages."""
    if not sheet.sections.exists():
        SheetSection.objects.bulk_create(
            SheetSection(sheet=sheet, order=(index + 1) * 10, shared=shared)
            for index, shared in enumerate(SharedSheetSection.objects.order_by("order", "key"))
        )
    if not sheet.facts.exists():
        newest: dict[str, NationalFact] = {}
        facts = NationalFact.objects.filter(
            group=NationalFact.Group.DID_YOU_KNOW, year__lte=sheet.year
        ).order_by("key", "-year")
        for fact in facts:
            newest.setdefault(fact.key, fact)
        ordered = sorted(newest.values(), key=lambda fact: (fact.order, fact.key))
        SheetFact.objects.bulk_create(
            SheetFact(sheet=sheet, order=index + 1, fact=fact) for index, fact in enumerate(ordered)
        )


def sheet_for_figures_ensure(*, municipality: Municipality, year: int) -> bool:
    """After an import of figures up to ``year``: make sure ``municipality`` has a sheet for
    that year (a new one gets the shared sections and facts, ``sheet_defaults_add``), so
    the imported figures show. A municipality that already has a sheet of that year or a
    later one keeps its sheets. Returns True when a sheet was created."""
    if MunicipalitySheet.objects.filter(municipality=municipality, year__gte=year).exists():
        return False
    sheet, created = MunicipalitySheet.objects.get_or_create(
        municipality=municipality,
        year=year,
        defaults={"figures_source": DEFAULT_FIGURES_SOURCE},
    )
    if created:
        sheet_defaults_add(sheet=sheet)
    return created


DEMO_ORGANISATIONS = [
    ("Demo Boligselskab Vest (demodata)", "demo-boligselskab-vest", ["326"]),
    ("Demo Almene Boliger Midt (demodata)", "demo-almene-boliger-midt", ["657"]),
]


def municipalities_demo_data_create() -> list[str]:
    """Demo only: two housing organisations clearly named as demo data, so the kommuneark
    of Kalundborg and Herning shows the organisation list. Safe to run again."""
    for name, slug, codes in DEMO_ORGANISATIONS:
        organisation, _ = HousingOrganisation.objects.get_or_create(
            slug=slug, defaults={"name": name}
        )
        organisation.municipalities.set(Municipality.objects.filter(code__in=codes))
    municipalities_content_changed()
    return ["Municipalities: two demo housing organisations (Kalundborg, Herning)"]
