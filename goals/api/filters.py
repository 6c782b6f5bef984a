from django_filters import rest_framework as filters

from almen.core.api.filters import ExistingSlugFilter
from goals.api.selectors import api_published_pillars, api_published_programmes
from goals.models import ActionItem, Case, Pillar, Theme


def _programme_filter(field_name: str) -> filters.ModelChoiceFilter:
    return filters.ModelChoiceFilter(
        field_name=field_name,
        queryset=api_published_programmes(),
        to_field_name="slug",
        help_text="Programme slug, e.g. 2026-2028.",
    )


def _theme_filter() -> filters.ModelChoiceFilter:
    return filters.ModelChoiceFilter(
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        help_text="Theme slug.",
    )


def _pillar_filter(field_name: str) -> ExistingSlugFilter:
    return ExistingSlugFilter(
        field_name=field_name,
        choices_queryset=api_published_pillars(),
        help_text="Pillar slug; combine with programme to pick one programme's pillar.",
    )


class PillarFilter(filters.FilterSet):
    programme = _programme_filter("programme")
    theme = _theme_filter()

    class Meta:
        model = Pillar
        fields = ["programme", "theme"]


class ActionItemFilter(filters.FilterSet):
    programme = _programme_filter("pillar__programme")
    pillar = _pillar_filter("pillar__slug")
    theme = _theme_filter()

    class Meta:
        model = ActionItem
        fields = ["programme", "pillar", "theme"]


class CaseFilter(filters.FilterSet):
    programme = _programme_filter("programme")
    pillar = _pillar_filter("pillars__slug")
    theme = _theme_filter()

    class Meta:
        model = Case
        fields = ["programme", "pillar", "theme"]
