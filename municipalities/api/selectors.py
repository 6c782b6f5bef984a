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
from municipalities.selectors import published_sheets


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
