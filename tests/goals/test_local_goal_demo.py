import pytest
from django.contrib.auth import authenticate
from django.test import Client

from almen.accounts.models import Membership
from goals.local_goal_demo import DEMO_ORGANISATION_PASSWORD, local_goals_demo_data_create
from goals.models import LocalGoal
from goals.services import goals_content_load
from municipalities.services import municipalities_demo_data_create


@pytest.mark.django_db
def test_demo_makes_logins_and_goals_of_the_demo_organisations_once():
    goals_content_load()
    municipalities_demo_data_create()
    lines = local_goals_demo_data_create()
    assert (
        "Demo Boligselskab Vest (demodata), redaktør: redaktoer.vest@demo.almen.local / "
        f"{DEMO_ORGANISATION_PASSWORD}"
    ) in lines
    assert len([line for line in lines if "@demo.almen.local" in line]) == 4
    roles = sorted(Membership.objects.values_list("organisation__slug", "user__email", "role"))
    assert roles == [
        ("demo-almene-boliger-midt", "admin.midt@demo.almen.local", "admin"),
        ("demo-almene-boliger-midt", "redaktoer.midt@demo.almen.local", "editor"),
        ("demo-boligselskab-vest", "admin.vest@demo.almen.local", "admin"),
        ("demo-boligselskab-vest", "redaktoer.vest@demo.almen.local", "editor"),
    ]
    assert authenticate(
        username="redaktoer.vest@demo.almen.local", password=DEMO_ORGANISATION_PASSWORD
    )
    goals = LocalGoal.objects.all()
    assert sorted(goals.values_list("status", flat=True)) == [
        "achieved",
        "in_progress",
        "paused",
        "planned",
    ]
    assert all(goal.organisation.is_demo for goal in goals)
    kalundborg = LocalGoal.objects.public().filter(municipalities__code="326")
    assert kalundborg.count() == 1
    page = Client().get("/kommuner/kalundborg/").content.decode()
    assert kalundborg.get().action_item.text in page
    assert '<span class="badge">demodata</span>' in page

    local_goals_demo_data_create()
    assert LocalGoal.objects.count() == 4
    assert Membership.objects.count() == 4
