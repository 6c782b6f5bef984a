"""Reads of local goals. Every selector runs a fixed number of queries whatever the number
of organisations and goals (tests build 500 organisations and 5,000 goals and count)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from almen.accounts.permissions import user_can_see_private_goals
from goals.models import ActionItem, LocalGoal, Pillar, ProgressUpdate
from goals.selectors import goals_published_q
from municipalities.models import HousingOrganisation, Municipality

GoalMunicipality = LocalGoal.municipalities.through


def _with_relations(queryset: QuerySet[LocalGoal]) -> QuerySet[LocalGoal]:
    """Goals with what every list shows (two queries)."""
    return queryset.select_related(
        "organisation", "pillar__programme", "action_item"
    ).prefetch_related(Prefetch("municipalities", queryset=Municipality.objects.order_by("name")))


def local_goal_public_list() -> QuerySet[LocalGoal]:
    """Every public local goal, newest published first."""
    return _with_relations(LocalGoal.objects.public()).order_by("-published_at", "-pk")


# The query parameters of the overview, its downloads and the API list.
LOCAL_GOAL_FILTER_PARAMS = (
    "programme",
    "pillar",
    "theme",
    "region",
    "municipality",
    "status",
    "organisation",
)


@dataclass(frozen=True)
class LocalGoalFilters:
    """The filters of the overview and the API; empty values filter nothing."""

    programme: str = ""  # programme slug
    pillar: int | None = None  # pillar id
    theme: str = ""  # theme slug
    region: str = ""  # region code
    municipality: str = ""  # municipality code
    status: str = ""
    organisation: str = ""  # organisation slug

    @property
    def active(self) -> bool:
        return any(value not in ("", None) for value in self.__dict__.values())


def local_goal_filters_from_query(query) -> LocalGoalFilters:
    """The overview's and the API's filters from a query string. An unknown value is kept
    (it matches nothing), so a wrong link shows an empty list rather than everything."""
    pillar = query.get("pillar", "")
    pillar_id = int(pillar) if pillar.isdigit() and len(pillar) < 10 else -1
    return LocalGoalFilters(
        programme=query.get("programme", "")[:20],
        pillar=pillar_id if pillar else None,
        theme=query.get("theme", "")[:80],
        region=query.get("region", "")[:4],
        municipality=query.get("municipality", "")[:3],
        status=query.get("status", "")[:12],
        organisation=query.get("organisation", "")[:200],
    )


def local_goal_filter(
    *, queryset: QuerySet[LocalGoal], filters: LocalGoalFilters
) -> QuerySet[LocalGoal]:
    if filters.programme:
        queryset = queryset.filter(pillar__programme__slug=filters.programme)
    if filters.pillar is not None:
        queryset = queryset.filter(pillar_id=filters.pillar)
    if filters.theme:
        queryset = queryset.filter(
            Q(action_item__themes__slug=filters.theme)
            | Q(action_item__isnull=True, pillar__themes__slug=filters.theme)
        ).distinct()
    if filters.region:
        queryset = queryset.filter(
            Exists(
                GoalMunicipality.objects.filter(
                    localgoal_id=OuterRef("pk"), municipality__region__code=filters.region
                )
            )
        )
    if filters.municipality:
        queryset = queryset.filter(
            Exists(
                GoalMunicipality.objects.filter(
                    localgoal_id=OuterRef("pk"), municipality__code=filters.municipality
                )
            )
        )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.organisation:
        queryset = queryset.filter(organisation__slug=filters.organisation)
    return queryset


@dataclass
class LocalGoalCounts:
    total: int = 0
    by_pillar: list[dict] = field(default_factory=list)
    by_region: list[dict] = field(default_factory=list)
    by_status: list[tuple[str, str, int]] = field(default_factory=list)


def _status_counts(rows) -> list[tuple[str, str, int]]:
    counter = Counter({row["status"]: row["count"] for row in rows})
    return [(value, label, counter.get(value, 0)) for value, label in LocalGoal.Status.choices]


def local_goal_counts(*, queryset: QuerySet[LocalGoal]) -> LocalGoalCounts:
    """How many goals of ``queryset`` per pillar, region and status (three queries)."""
    ids = queryset.order_by().values("pk")
    base = LocalGoal.objects.filter(pk__in=ids).order_by()
    by_pillar = list(
        base.values(
            "pillar_id",
            "pillar__number",
            "pillar__title",
            "pillar__slug",
            "pillar__programme__slug",
            "pillar__programme__title",
            "pillar__programme__order",
        )
        .annotate(count=Count("pk"))
        .order_by("pillar__programme__order", "pillar__number")
    )
    by_region = list(
        GoalMunicipality.objects.filter(localgoal_id__in=ids)
        .values("municipality__region__code", "municipality__region__name")
        .annotate(count=Count("localgoal_id", distinct=True))
        .order_by("municipality__region__name")
    )
    statuses = _status_counts(base.values("status").annotate(count=Count("pk")))
    return LocalGoalCounts(
        total=sum(count for _value, _label, count in statuses),
        by_pillar=by_pillar,
        by_region=by_region,
        by_status=statuses,
    )


@dataclass
class Adoption:
    """How widely an action item or pillar is taken up: “Taget op af N
    boligorganisationer i M kommuner”, the status counts and the goals."""

    organisation_count: int = 0
    municipality_count: int = 0
    by_status: list[tuple[str, str, int]] = field(default_factory=list)
    goals: list[LocalGoal] = field(default_factory=list)


def _adoption(*, queryset: QuerySet[LocalGoal], limit: int | None) -> Adoption:
    """Three queries (four when there are goals: their municipalities)."""
    ids = queryset.order_by().values("pk")
    base = LocalGoal.objects.filter(pk__in=ids).order_by()
    totals = base.aggregate(
        organisations=Count("organisation_id", distinct=True),
        municipalities=Count("municipalities", distinct=True),
    )
    goals = local_goal_public_list().filter(pk__in=ids)
    if limit is not None:
        goals = goals[:limit]
    statuses = _status_counts(base.values("status").annotate(count=Count("pk")))
    return Adoption(
        organisation_count=totals["organisations"],
        municipality_count=totals["municipalities"],
        by_status=statuses,
        goals=list(goals),
    )


def action_item_adoption(*, action_item: ActionItem, limit: int | None = 100) -> Adoption:
    return _adoption(
        queryset=LocalGoal.objects.public().filter(action_item=action_item), limit=limit
    )


def pillar_adoption(*, pillar: Pillar, limit: int | None = 50) -> Adoption:
    return _adoption(queryset=LocalGoal.objects.public().filter(pillar=pillar), limit=limit)


def action_items_adoption_counts(*, pillar: Pillar) -> dict[int, dict]:
    """For each action item of ``pillar`` with public goals: ``organisations`` and
    ``municipalities`` (the number adopting it and where), in one query."""
    rows = (
        LocalGoal.objects.public()
        .filter(pillar=pillar, action_item__isnull=False)
        .order_by()
        .values("action_item_id")
        .annotate(
            organisations=Count("organisation_id", distinct=True),
            municipalities=Count("municipalities", distinct=True),
        )
    )
    return {row["action_item_id"]: row for row in rows}


@dataclass
class PillarGoals:
    pillar: Pillar
    goals: list[LocalGoal]


def _group_by_pillar(goals: list[LocalGoal]) -> list[PillarGoals]:
    groups: dict[int, PillarGoals] = {}
    for goal in goals:
        groups.setdefault(goal.pillar_id, PillarGoals(pillar=goal.pillar, goals=[]))
        groups[goal.pillar_id].goals.append(goal)
    return sorted(
        groups.values(),
        key=lambda group: (
            group.pillar.programme.order,
            -group.pillar.programme.start_year,
            group.pillar.number,
        ),
    )


def municipality_local_goals_by_pillar(*, municipality: Municipality) -> list[PillarGoals]:
    """The public local goals concerning ``municipality`` (the organisations that adopted
    them have housing there), grouped by pillar, the current programme first (2 queries)."""
    goals = local_goal_filter(
        queryset=local_goal_public_list(),
        filters=LocalGoalFilters(municipality=municipality.code),
    )
    return _group_by_pillar(list(goals.order_by("pillar__number", "-published_at", "-pk")))


def organisation_local_goals_by_pillar(*, organisation: HousingOrganisation) -> list[PillarGoals]:
    goals = local_goal_public_list().filter(organisation=organisation)
    return _group_by_pillar(list(goals))


def theme_local_goals(*, theme_slug: str, limit: int = 100) -> list[LocalGoal]:
    """The public local goals adopted from the theme's action items (2 queries)."""
    return list(
        local_goal_filter(
            queryset=local_goal_public_list(), filters=LocalGoalFilters(theme=theme_slug)
        )[:limit]
    )


def local_goal_for_viewer(*, user, pk: int) -> LocalGoal | None:
    """The goal ``pk`` with its timeline when ``user`` may see it: everyone sees public
    goals, the organisation's members and BL staff also drafts, hidden and deleted ones
    (and hidden updates). None otherwise, which views answer with 404 (4 queries)."""
    goal = (
        LocalGoal.objects.select_related(
            "organisation", "pillar__programme", "action_item__pillar__programme"
        )
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
        .filter(pk=pk)
        .first()
    )
    if goal is None:
        return None
    private = user_can_see_private_goals(user=user, organisation=goal.organisation)
    if not goal.is_public and not private:
        return None
    if not goal.pillar.programme.is_published and not private:
        return None
    updates = goal.updates.prefetch_related("revisions").order_by("-date", "-pk")
    if not private:
        updates = updates.filter(hidden_at__isnull=True)
    goal.timeline = list(updates)
    goal.viewer_is_private = private
    return goal


def progress_update_for_viewer(*, user, pk: int) -> ProgressUpdate | None:
    """An update whose goal ``user`` may see (hidden updates only for members and staff)."""
    update = (
        ProgressUpdate.objects.select_related("goal__organisation", "goal__pillar__programme")
        .filter(pk=pk)
        .first()
    )
    if update is None:
        return None
    goal = update.goal
    private = user_can_see_private_goals(user=user, organisation=goal.organisation)
    if private:
        return update
    if goal.is_public and goal.pillar.programme.is_published and update.hidden_at is None:
        return update
    return None


def member_local_goals(*, organisations: list[HousingOrganisation]) -> QuerySet[LocalGoal]:
    """Every goal of the organisations, drafts, hidden and deleted included (Min organisation)."""
    return (
        _with_relations(LocalGoal.objects.filter(organisation__in=organisations))
        .annotate(update_count=Count("updates"))
        .order_by("organisation__name", "deleted_at", "-updated_at", "-pk")
    )


def adoptable_action_items() -> QuerySet[ActionItem]:
    """The published action items of published pillars and programmes, by programme and
    pillar (one query)."""
    return (
        ActionItem.objects.filter(goals_published_q(model=ActionItem))
        .select_related("pillar__programme")
        .order_by("pillar__programme__order", "pillar__number", "order", "pk")
    )


def adoptable_pillars() -> QuerySet[Pillar]:
    return (
        Pillar.objects.filter(goals_published_q(model=Pillar))
        .select_related("programme")
        .order_by("programme__order", "number")
    )


def local_goal_draft_count(*, filters: LocalGoalFilters) -> int:
    """Drafts (not yet published, not deleted) matching ``filters``: for BL's staff keys."""
    return local_goal_filter(
        queryset=LocalGoal.objects.filter(is_published=False, deleted_at__isnull=True),
        filters=filters,
    ).count()
