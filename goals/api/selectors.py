"""Reads for the partner API: only content of published programmes, in a stable order."""

from django.db.models import Prefetch, QuerySet

from goals.models import (
    ActionItem,
    Case,
    Pillar,
    Programme,
    ProgrammeSection,
    SectionItem,
    Theme,
)

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


def api_programme_detail(*, slug: str) -> Programme | None:
    """A published programme with sections and items, pillars with themes, UN goals and
    ordered action items (with themes), its UN goals and its cases with pillars and themes
    (12 queries whatever the size)."""
    themes = Prefetch("themes", queryset=Theme.objects.order_by("order", "slug"))
    return (
        api_published_programmes()
        .filter(slug=slug)
        .prefetch_related(
            "sdgs",
            Prefetch(
                "sections",
                queryset=ProgrammeSection.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("items", queryset=SectionItem.objects.order_by("order", "pk"))
                ),
            ),
            Prefetch(
                "pillars",
                queryset=Pillar.objects.order_by("number").prefetch_related(
                    themes,
                    "sdgs",
                    Prefetch(
                        "actions",
                        queryset=ActionItem.objects.order_by("order", "pk").prefetch_related(
                            themes
                        ),
                    ),
                ),
            ),
            Prefetch(
                "cases",
                queryset=Case.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("pillars", queryset=Pillar.objects.order_by("number")), themes
                ),
            ),
        )
        .first()
    )
