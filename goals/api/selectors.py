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
from goals.selectors import goals_published_q

PUBLISHED = Programme.Status.PUBLISHED


def _public(model: type) -> QuerySet:
    """The objects of ``model`` the public may see (drafts and their children left out)."""
    return model.objects.filter(goals_published_q(model=model))


def api_pillar_list() -> QuerySet[Pillar]:
    return (
        _public(Pillar)
        .select_related("programme")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order", "slug")), "sdgs"
        )
        .order_by("programme__order", "-programme__start_year", "programme__slug", "number")
    )


def api_action_list() -> QuerySet[ActionItem]:
    return (
        _public(ActionItem)
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
        _public(Case)
        .select_related("programme")
        .prefetch_related(
            Prefetch("pillars", queryset=_public(Pillar).order_by("number")),
            Prefetch("themes", queryset=Theme.objects.order_by("order", "slug")),
        )
        .order_by("programme__order", "-programme__start_year", "programme__slug", "order", "pk")
    )


def api_published_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(status=PUBLISHED)


def api_published_pillars() -> QuerySet[Pillar]:
    return _public(Pillar)


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
                queryset=_public(ProgrammeSection)
                .order_by("order", "pk")
                .prefetch_related(
                    Prefetch("items", queryset=SectionItem.objects.order_by("order", "pk"))
                ),
            ),
            Prefetch(
                "pillars",
                queryset=_public(Pillar)
                .order_by("number")
                .prefetch_related(
                    themes,
                    "sdgs",
                    Prefetch(
                        "actions",
                        queryset=_public(ActionItem)
                        .order_by("order", "pk")
                        .prefetch_related(themes),
                    ),
                ),
            ),
            Prefetch(
                "cases",
                queryset=_public(Case)
                .order_by("order", "pk")
                .prefetch_related(
                    Prefetch("pillars", queryset=_public(Pillar).order_by("number")), themes
                ),
            ),
        )
        .first()
    )
