"""The cast of the local-goal tests: two organisations A and B (A in Kalundborg, B in
Herning), an editor and an administrator of A, an editor of B, a plain signed-in user
and a BL staff member, with one published and one draft goal for each organisation."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from almen.accounts.models import Membership
from goals.models import LocalGoal, ProgressUpdate
from municipalities.models import HousingOrganisation, Municipality
from tests.conftest import with_authenticator
from tests.goals.factories import ActionItemFactory, LocalGoalFactory
from tests.municipalities.factories import HousingOrganisationFactory


@dataclass
class Cast:
    org_a: HousingOrganisation
    org_b: HousingOrganisation
    kalundborg: Municipality
    herning: Municipality
    editor_a: object
    admin_a: object
    editor_b: object
    plain: object
    staff: object
    published_a: LocalGoal
    draft_a: LocalGoal
    published_b: LocalGoal
    draft_b: LocalGoal
    update_b: ProgressUpdate
    draft_update_b: ProgressUpdate


def user_create(email: str, **fields):
    return get_user_model().objects.create_user(
        username=email, email=email, password="pw-test-1234", **fields
    )


def cast_create() -> Cast:
    kalundborg = Municipality.objects.get(code="326")
    herning = Municipality.objects.get(code="657")
    org_a = HousingOrganisationFactory(name="Organisation A", slug="organisation-a")
    org_a.municipalities.set([kalundborg])
    org_b = HousingOrganisationFactory(name="Organisation B", slug="organisation-b")
    org_b.municipalities.set([herning])
    editor_a = user_create("editor.a@example.org")
    admin_a = user_create("admin.a@example.org")
    editor_b = user_create("editor.b@example.org")
    Membership.objects.create(user=editor_a, organisation=org_a, role=Membership.Role.EDITOR)
    Membership.objects.create(user=admin_a, organisation=org_a, role=Membership.Role.ADMIN)
    with_authenticator(admin_a)  # administrators must use two-factor authentication
    Membership.objects.create(user=editor_b, organisation=org_b, role=Membership.Role.EDITOR)
    action = ActionItemFactory(text="styrke biodiversiteten i boligområderne")
    goals = {}
    for name, organisation, municipality, published in [
        ("published_a", org_a, kalundborg, True),
        ("draft_a", org_a, kalundborg, False),
        ("published_b", org_b, herning, True),
        ("draft_b", org_b, herning, False),
    ]:
        goal = LocalGoalFactory(
            organisation=organisation,
            action_item=action,
            text=f"Mål {name}",
            is_published=published,
            published_at=timezone.now() if published else None,
        )
        goal.municipalities.set([municipality])
        goals[name] = goal
    update_b = ProgressUpdate.objects.create(
        goal=goals["published_b"],
        date=timezone.localdate(),
        text="B's update",
        status="in_progress",
        progress=30,
    )
    draft_update_b = ProgressUpdate.objects.create(
        goal=goals["draft_b"],
        date=timezone.localdate(),
        text="B's draft update",
        status="planned",
        progress=0,
    )
    return Cast(
        org_a=org_a,
        org_b=org_b,
        kalundborg=kalundborg,
        herning=herning,
        editor_a=editor_a,
        admin_a=admin_a,
        editor_b=editor_b,
        plain=user_create("plain@example.org"),
        staff=with_authenticator(user_create("staff@bl.dk", is_staff=True)),
        update_b=update_b,
        draft_update_b=draft_update_b,
        **goals,
    )
