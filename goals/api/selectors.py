"""Reads for the partner API: only content of published programmes, in a stable order."""

from django.db.models import Prefetch, QuerySet

from goals.models import ActionItem, Case, Pillar, Programme, Theme

PUBLISHED = Programme.Status.PUBLISHED


def api_pillar_list() -> QuerySet[Pillar]:
    return (
        Pillar.objects.filter(programme__status=PUBLISHED)
        .select_related("programme")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order", "slug")), "sdgs"
        )
        .order_by("programme__order", "-programme__start_year", "programme__slug", "number")
    )


def api_action_list() -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(pillar__programme__status=PUBLISHED)
        .select_related("pillar__programme")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "slug")))
        .order_by(
            "pillar__programme__order",
            "-pillar__programme__start_year",
            "pillar__programme__slug",
            "pillar__number",
            "order",
            "pk",
        )
    )


def api_case_list() -> QuerySet[Case]:
    return (
        Case.objects.filter(programme__status=PUBLISHED)
        .select_related("programme")
        .prefetch_related(
            Prefetch("pillars", queryset=Pillar.objects.order_by("number")),
            Prefetch("themes", queryset=Theme.objects.order_by("order", "slug")),
        )
        .order_by("programme__order", "-programme__start_year", "programme__slug", "order", "pk")
    )


def api_published_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(status=PUBLISHED)


def api_published_pillars() -> QuerySet[Pillar]:
    return Pillar.objects.filter(programme__status=PUBLISHED)
