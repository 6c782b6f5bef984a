from django.db.models import Exists, OuterRef, Q
from django_filters import rest_framework as filters

from almen.core.api.filters import StrictBooleanFilter, StrictChoiceFilter, YearFilter
from municipalities.models import (
    HousingOrganisation,
    Indicator,
    Municipality,
    NationalFact,
    Observation,
    Region,
)
from municipalities.slugs import danish_slug


class MunicipalityFilter(filters.FilterSet):
    region = filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        to_field_name="code",
        help_text="Region code, e.g. 1085 (Region Sjælland).",
    )
    search = filters.CharFilter(
        method="filter_search",
        help_text="Part of the name, in any case; æ/ø/å may be written ae/oe/aa.",
    )

    class Meta:
        model = Municipality
        fields = ["region", "search"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(name__icontains=value)
        if slug := danish_slug(value):
            condition |= Q(slug__contains=slug)
        return queryset.filter(condition)


class ObservationFilter(filters.FilterSet):
    municipality = filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(),
        to_field_name="code",
        help_text="Municipality code, e.g. 326 (Kalundborg).",
    )
    indicator = filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(),
        to_field_name="key",
        help_text="Indicator key, e.g. dwellings_family.",
    )
    national = StrictBooleanFilter(
        field_name="municipality",
        lookup_expr="isnull",
        help_text="true: only figures for the whole country; false: only municipal figures.",
    )
    year_from = YearFilter(
        field_name="end_year",
        lookup_expr="gte",
        help_text="Only periods that end in or after this year.",
    )
    year_to = YearFilter(
        field_name="start_year",
        lookup_expr="lte",
        help_text="Only periods that start in or before this year.",
    )

    class Meta:
        model = Observation
        fields = ["municipality", "indicator", "national", "year_from", "year_to"]


class NationalFactFilter(filters.FilterSet):
    group = StrictChoiceFilter(choices=NationalFact.Group.choices, help_text="The fact group.")
    year = YearFilter(help_text="The year the fact is about.")

    class Meta:
        model = NationalFact
        fields = ["group", "year"]


class HousingOrganisationFilter(filters.FilterSet):
    municipality = filters.ModelChoiceFilter(
        field_name="municipalities",
        queryset=Municipality.objects.all(),
        to_field_name="code",
        help_text="Municipality code: organisations with housing there.",
    )
    region = filters.CharFilter(
        method="filter_region", help_text="Region code: organisations with housing there."
    )
    search = filters.CharFilter(method="filter_search", help_text="Part of the name, or a CVR.")

    class Meta:
        model = HousingOrganisation
        fields = ["municipality", "region", "search"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(
            Exists(
                HousingOrganisation.municipalities.through.objects.filter(
                    housingorganisation_id=OuterRef("pk"), municipality__region__code=value
                )
            )
        )

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(cvr=value))
