"""Reads for the partner API that the portal's pages do not need."""

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from municipalities.models import (
    HousingOrganisation,
    Indicator,
    Municipality,
    NationalFact,
    Observation,
    Region,
)
from municipalities.selectors import (
    municipality_kommuneark,
    municipality_profile,
    published_sheets,
)


def api_region_list() -> QuerySet[Region]:
    return Region.objects.order_by("code")


def api_municipality_list() -> QuerySet[Municipality]:
    """Municipalities with their region and ``has_figures`` (a published kommuneark), by
    name then code (one query)."""
    return (
        Municipality.objects.select_related("region")
        .annotate(has_figures=Exists(published_sheets().filter(municipality=OuterRef("pk"))))
        .order_by("name", "code")
    )


def api_indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("order", "key")


def api_observation_list() -> QuerySet[Observation]:
    """Every observation with its municipality and indicator: by indicator, then the whole
    country before the municipalities (by code), then period (one query)."""
    return Observation.objects.select_related("municipality", "indicator").order_by(
        "indicator__order",
        "indicator__key",
        F("municipality__code").asc(nulls_first=True),
        "start_year",
        "end_year",
        "pk",
    )


def api_national_fact_list() -> QuerySet[NationalFact]:
    return NationalFact.objects.order_by("group", "order", "key", "-year", "pk")


def api_housing_organisation_list() -> QuerySet[HousingOrganisation]:
    return HousingOrganisation.objects.prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("code"))
    ).order_by("name", "slug")


def api_municipality_profile(*, municipality: Municipality) -> dict:
    """The kommuneark as the profile endpoint gives it: ``municipality`` (with
    ``has_figures`` set), ``sheet`` (the newest published sheet's year, figures source,
    sections and numbered facts, or None) and ``figures`` (up to the sheet's year; without
    a sheet, the newest of each indicator). A constant number of queries."""
    kommuneark = municipality_kommuneark(municipality=municipality)
    municipality.has_figures = kommuneark.has_sheet
    if not kommuneark.has_sheet:
        figures = municipality_profile(municipality=municipality).figures
        return {"municipality": municipality, "sheet": None, "figures": figures}
    sheet = {
        "year": kommuneark.sheet.year,
        "figures_source": kommuneark.sheet.figures_source,
        "sections": kommuneark.sections,
        "facts": [
            {"number": number, "text": fact.text, "year": fact.year, "source": fact.source}
            for number, fact in enumerate(kommuneark.did_you_know, start=1)
        ],
    }
    return {"municipality": municipality, "sheet": sheet, "figures": kommuneark.profile.figures}
