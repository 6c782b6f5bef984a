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
    NationalFact,
    Observation,
)

CONTENT_AREA = "municipalities"
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
        },
    )
    return outcome


def municipalities_content_load() -> str:
    """Load the indicators, national facts and figures, and every kommuneark in
    ``content/municipalities/`` (idempotent; rows staff edited are kept as they are).

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

        for path in sorted(Path(CONTENT_DIR / "municipalities" / "sheets").glob("*.yaml")):
            sheet = read_content_file(f"municipalities/sheets/{path.name}")
            municipality = Municipality.objects.get(code=sheet["municipality"])
            for item in sheet["observations"]:
                outcome = _observation_upsert(
                    municipality=municipality,
                    indicator=indicators[item["indicator"]],
                    item=item,
                    source=sheet["source"],
                )
                counts[outcome] += 1

    if counts["created"] or counts["updated"]:
        municipalities_content_changed()
    return ", ".join(f"{count} {outcome}" for outcome, count in counts.items())


DEMO_ORGANISATIONS = [
    ("Demo Boligselskab Vest (demodata)", "demo-boligselskab-vest", ["326"]),
    ("Demo Almene Boliger Midt (demodata)", "demo-almene-boliger-midt", ["657"]),
]


def municipalities_demo_data_create() -> list[str]:
    """Demo only: two housing organisations clearly named as demo data, so the kommuneark
    of Kalundborg and Herning shows the organisation list. Safe to run again."""
    for name, slug, codes in DEMO_ORGANISATIONS:
        organisation, _ = HousingOrganisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "is_demo": True}
        )
        if not organisation.is_demo:
            organisation.is_demo = True
            organisation.save(update_fields=["is_demo"])
        organisation.municipalities.set(Municipality.objects.filter(code__in=codes))
    municipalities_content_changed()
    return ["Municipalities: two demo housing organisations (Kalundborg, Herning)"]
