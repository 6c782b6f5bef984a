"""Every listing of local goals runs the same number of queries with 500 organisations and
5,000 goals as with one of each (rows made with bulk_create)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from goals.models import LocalGoal
from municipalities.models import HousingOrganisation, Municipality
from tests.goals.factories import ActionItemFactory

CALLS = {
    # name: (url builder, queries)
    "overview": (lambda data: reverse("goals:local-goal-list"), 11),
    "overview filtered": (
        lambda data: reverse("goals:local-goal-list") + "?region=1085&status=planned",
        11,
    ),
    "action item page": (lambda data: data["action_url"], 11),
    "municipality page": (lambda data: "/kommuner/kalundborg/", 6),  # no kommuneark here
    "local goal page": (lambda data: data["goal_url"], 3),
    "api list": (lambda data: reverse("local-goal-list"), 3),
    "api csv": (lambda data: reverse("local-goal-list") + "?format=csv&municipality=326", 2),
    "organisation list": (lambda data: reverse("organisations:organisation-list"), 5),
    "organisation page": (
        lambda data: reverse("organisations:organisation-detail", kwargs={"slug": "org-0"}),
        4,
    ),
}


def _build(*, organisations: int, goals: int) -> dict:
    action = ActionItemFactory()
    pillar = action.pillar
    municipalities = list(Municipality.objects.order_by("code"))
    kalundborg = next(m for m in municipalities if m.code == "326")
    HousingOrganisation.objects.bulk_create(
        HousingOrganisation(name=f"Organisation {n}", slug=f"org-{n}") for n in range(organisations)
    )
    orgs = list(HousingOrganisation.objects.order_by("pk"))
    Through = HousingOrganisation.municipalities.through
    Through.objects.bulk_create(
        Through(housingorganisation_id=org.pk, municipality_id=kalundborg.pk) for org in orgs
    )
    now = timezone.now()
    statuses = LocalGoal.Status.values
    LocalGoal.objects.bulk_create(
        LocalGoal(
            organisation=orgs[n % len(orgs)],
            pillar=pillar,
            action_item=action,
            text=f"Lokalt mål {n}",
            responsible_role="Driftschef",
            status=statuses[n % len(statuses)],
            progress=n % 101,
            is_published=True,
            published_at=now,
        )
        for n in range(goals)
    )
    GoalThrough = LocalGoal.municipalities.through
    goal_ids = list(LocalGoal.objects.values_list("pk", flat=True))
    GoalThrough.objects.bulk_create(
        GoalThrough(
            localgoal_id=goal_id,
            municipality_id=(kalundborg if n % 2 == 0 else municipalities[n % 98]).pk,
        )
        for n, goal_id in enumerate(goal_ids)
    )
    action_url = reverse(
        "goals:action-detail",
        kwargs={
            "programme_slug": pillar.programme.slug,
            "pillar_slug": pillar.slug,
            "pk": action.pk,
        },
    )
    goal = LocalGoal.objects.order_by("pk").first()
    return {"action_url": action_url, "goal_url": goal.get_absolute_url()}


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("size", [(1, 1), (500, 5000)], ids=["small", "500-orgs-5000-goals"])
def test_listings_run_a_constant_number_of_queries(
    db, client, django_assert_num_queries, call, size
):
    organisations, goals = size
    data = _build(organisations=organisations, goals=goals)
    url_for, queries = CALLS[call]
    with django_assert_num_queries(queries):
        response = client.get(url_for(data))
    assert response.status_code == 200
