"""Reads of the goal programmes. Every selector runs a fixed number of queries, whatever the
amount of content (pages assert it with django_assert_num_queries)."""

import re
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from almen.core.search import text_search
from almen.editorial.publishing import PublishStatus
from goals.models import ActionItem, Case, Pillar, Programme, ProgrammeSection, SectionItem, Theme

SEARCH_MAX_LENGTH = 200
SEARCH_MAX_TERMS = 8
SEARCH_FIELDS = {
    Programme: ("title", "introduction"),
    Pillar: ("title", "lead", "body", "closing"),
    ActionItem: ("text",),
    Case: ("title", "place", "text"),
}


# For each kind of content, the paths (from the object) to everything that must be
# published for the public to see it: a published pillar of a draft programme is hidden.
PUBLISHED_PATHS = {
    Programme: ("",),
    ProgrammeSection: ("", "programme__"),
    Pillar: ("", "programme__"),
    ActionItem: ("", "pillar__", "pillar__programme__"),
    Case: ("", "programme__"),
}


def goals_published_q(*, model: type, prefix: str = "", include_drafts: bool = False) -> Q:
    """The condition that an object of ``model`` (reached through ``prefix``) is public:
    it and every object above it are published. Empty for staff previewing drafts."""
    if include_drafts:
        return Q()
    return Q(
        **{f"{prefix}{path}status": PublishStatus.PUBLISHED for path in PUBLISHED_PATHS[model]}
    )


def _published(*, prefix: str = "", include_drafts: bool, model: type = Programme) -> Q:
    return goals_published_q(model=model, prefix=prefix, include_drafts=include_drafts)


def _visible(model: type, *, include_drafts: bool) -> QuerySet:
    return model.objects.filter(goals_published_q(model=model, include_drafts=include_drafts))


def programme_list(*, include_drafts: bool = False) -> QuerySet[Programme]:
    """The programmes, the current one first, with their pillars (2 queries)."""
    return (
        Programme.objects.filter(_published(include_drafts=include_drafts))
        .prefetch_related(
            Prefetch(
                "pillars",
                queryset=_visible(Pillar, include_drafts=include_drafts).order_by("number"),
            )
        )
        .order_by("order", "-start_year")
    )


def _actions_prefetch(*, include_drafts: bool) -> Prefetch:
    return Prefetch(
        "actions",
        queryset=_visible(ActionItem, include_drafts=include_drafts)
        .order_by("order", "pk")
        .prefetch_related("themes"),
    )


def programme_detail(*, slug: str, include_drafts: bool = False) -> Programme | None:
    """A programme with its sections and their items, its pillars with action items, themes
    and UN goals, and its cases (12 queries)."""
    return (
        Programme.objects.filter(_published(include_drafts=include_drafts), slug=slug)
        .prefetch_related(
            "sdgs",
            Prefetch(
                "sections",
                queryset=_visible(ProgrammeSection, include_drafts=include_drafts)
                .order_by("order", "pk")
                .prefetch_related(
                    Prefetch("items", queryset=SectionItem.objects.order_by("order", "pk"))
                ),
            ),
            Prefetch(
                "pillars",
                queryset=_visible(Pillar, include_drafts=include_drafts)
                .order_by("number")
                .prefetch_related(
                    "themes", "sdgs", _actions_prefetch(include_drafts=include_drafts)
                ),
            ),
            Prefetch(
                "cases",
                queryset=_visible(Case, include_drafts=include_drafts)
                .order_by("order", "pk")
                .prefetch_related(
                    Prefetch(
                        "pillars",
                        queryset=Pillar.objects.filter(
                            _published(model=Pillar, include_drafts=include_drafts)
                        )
                        .select_related("programme")
                        .order_by("number"),
                    )
                ),
            ),
        )
        .first()
    )


def pillar_detail(*, programme_slug: str, slug: str, include_drafts: bool = False) -> Pillar | None:
    """A pillar with its programme, the programme's other pillars (for navigation), its
    action items, themes, UN goals and cases (7 queries)."""
    return (
        Pillar.objects.filter(
            _published(model=Pillar, include_drafts=include_drafts),
            programme__slug=programme_slug,
            slug=slug,
        )
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "programme__pillars",
                queryset=_visible(Pillar, include_drafts=include_drafts).order_by("number"),
            ),
            "themes",
            "sdgs",
            _actions_prefetch(include_drafts=include_drafts),
            Prefetch(
                "cases",
                queryset=_visible(Case, include_drafts=include_drafts).order_by("order", "pk"),
            ),
        )
        .first()
    )


def theme_list(*, include_drafts: bool = False) -> QuerySet[Theme]:
    """The themes with how many pillars, action items and cases carry each (1 query)."""
    return Theme.objects.annotate(
        pillar_count=Count(
            "pillars",
            filter=_published(model=Pillar, prefix="pillars__", include_drafts=include_drafts),
            distinct=True,
        ),
        action_count=Count(
            "actions",
            filter=_published(model=ActionItem, prefix="actions__", include_drafts=include_drafts),
            distinct=True,
        ),
        case_count=Count(
            "cases",
            filter=_published(model=Case, prefix="cases__", include_drafts=include_drafts),
            distinct=True,
        ),
    ).order_by("order", "name")


@dataclass
class ProgrammeGroup:
    """What one programme has on a theme, or matching a search."""

    programme: Programme
    pillars: list[Pillar] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.pillars) + len(self.actions) + len(self.cases)


def _group_by_programme(*, pillars: list, actions: list, cases: list) -> list[ProgrammeGroup]:
    groups: dict[int, ProgrammeGroup] = {}
    for pillar in pillars:
        groups.setdefault(pillar.programme_id, ProgrammeGroup(programme=pillar.programme))
        groups[pillar.programme_id].pillars.append(pillar)
    for action in actions:
        programme = action.pillar.programme
        groups.setdefault(programme.pk, ProgrammeGroup(programme=programme))
        groups[programme.pk].actions.append(action)
    for case in cases:
        groups.setdefault(case.programme_id, ProgrammeGroup(programme=case.programme))
        groups[case.programme_id].cases.append(case)
    return sorted(
        groups.values(),
        key=lambda group: (group.programme.order, -group.programme.start_year),
    )


def theme_detail(
    *, slug: str, include_drafts: bool = False
) -> tuple[Theme, list[ProgrammeGroup]] | None:
    """A theme across the programmes: its pillars, action items and cases grouped by
    programme, the current programme first (4 queries)."""
    theme = Theme.objects.filter(slug=slug).first()
    if theme is None:
        return None
    pillars = list(
        theme.pillars.filter(_published(model=Pillar, include_drafts=include_drafts))
        .select_related("programme")
        .order_by("number")
    )
    actions = list(
        theme.actions.filter(_published(model=ActionItem, include_drafts=include_drafts))
        .select_related("pillar__programme")
        .order_by("pillar__number", "order", "pk")
    )
    cases = list(
        theme.cases.filter(_published(model=Case, include_drafts=include_drafts))
        .select_related("programme")
        .order_by("order", "pk")
    )
    groups = _group_by_programme(pillars=pillars, actions=actions, cases=cases)
    return theme, groups


def search_terms(*, query: str) -> list[str]:
    """The words of a search query (at most a few, each at least two characters)."""
    words = re.findall(r"\w[\w-]*", query[:SEARCH_MAX_LENGTH])
    return [word for word in words if len(word) >= 2][:SEARCH_MAX_TERMS]


def _search(*, queryset: QuerySet, model: type, query: str, terms: list[str]) -> QuerySet:
    return text_search(queryset=queryset, fields=SEARCH_FIELDS[model], query=query, terms=terms)


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    groups: list[ProgrammeGroup] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.programmes) + sum(group.count for group in self.groups)


def goals_search(*, query: str, include_drafts: bool = False) -> SearchResults:
    """Search the programmes, pillars, action items and cases (4 queries; none for an
    empty query). Results are grouped by programme, the current programme first."""
    query = query.strip()[:SEARCH_MAX_LENGTH]
    terms = search_terms(query=query)
    results = SearchResults(query=query, terms=terms)
    if not terms:
        return results
    results.programmes = list(
        _search(
            queryset=Programme.objects.filter(_published(include_drafts=include_drafts)),
            model=Programme,
            query=query,
            terms=terms,
        ).order_by("order", "-start_year")
    )
    pillars = _search(
        queryset=Pillar.objects.filter(
            _published(model=Pillar, include_drafts=include_drafts)
        ).select_related("programme"),
        model=Pillar,
        query=query,
        terms=terms,
    ).order_by("number")
    actions = _search(
        queryset=ActionItem.objects.filter(
            _published(model=ActionItem, include_drafts=include_drafts)
        ).select_related("pillar__programme"),
        model=ActionItem,
        query=query,
        terms=terms,
    ).order_by("pillar__number", "order", "pk")
    cases = _search(
        queryset=Case.objects.filter(
            _published(model=Case, include_drafts=include_drafts)
        ).select_related("programme"),
        model=Case,
        query=query,
        terms=terms,
    ).order_by("order", "pk")
    results.groups = _group_by_programme(
        pillars=list(pillars), actions=list(actions), cases=list(cases)
    )
    return results


def pillar_list(*, include_drafts: bool = False) -> QuerySet[Pillar]:
    """Every pillar of the (published) programmes, with its programme (1 query)."""
    return (
        Pillar.objects.filter(_published(model=Pillar, include_drafts=include_drafts))
        .select_related("programme")
        .order_by("programme__order", "-programme__start_year", "number")
    )
