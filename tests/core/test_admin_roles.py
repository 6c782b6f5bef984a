"""Editors who are not superusers see in admin only what their role needs: no periodic
tasks, sites, users or groups."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from almen.accounts.roles import CAMPAIGN_STAFF_GROUP, CONTENT_EDITORS_GROUP, staff_groups_ensure
from tests.conftest import with_authenticator

pytestmark = pytest.mark.django_db

EXPECTED_SECTIONS = {
    CONTENT_EDITORS_GROUP: {
        "Redaktionelt arbejde": {"Kladder"},
        "Målprogrammer": {
            "Målprogrammer",
            "Afsnit",
            "Pejlemærker/målsætninger",
            "Handlinger",
            "Historier fra boligområderne",
            "Temaer",
            "FN's verdensmål",
            "Lokale mål",
        },
        "Kommuner": {
            "Regioner",
            "Kommuner",
            "Indikatorer",
            "Tal",
            "Landsfakta",
            "Boligorganisationer",
            "Kommuneark",
            "Fælles afsnit i kommuneark",
        },
    },
    CAMPAIGN_STAFF_GROUP: {
        "Redaktionelt arbejde": {"Kladder"},
        "Kampagner": {
            "Kampagner",
            "Mærkesager",
            "Webinarer",
            "Modtagere",
            "Invitationer",
            "Tilmeldinger",
        },
    },
}
FORBIDDEN = [
    "admin:django_celery_beat_periodictask_changelist",
    "admin:django_celery_beat_crontabschedule_changelist",
    "admin:sites_site_changelist",
    "admin:auth_user_changelist",
    "admin:auth_group_changelist",
    "admin:accounts_auditevent_changelist",
    "admin:core_apikey_changelist",
]


def _client_of(client, group_name):
    user = get_user_model().objects.create_user(
        username=group_name, email="redaktoer@bl.dk", password="pw", is_staff=True
    )
    user.groups.add(staff_groups_ensure()[group_name])
    client.force_login(with_authenticator(user))
    return client


@pytest.mark.parametrize("group_name", [CONTENT_EDITORS_GROUP, CAMPAIGN_STAFF_GROUP])
def test_the_admin_index_of_an_editor_lists_only_the_sections_of_their_role(client, group_name):
    client = _client_of(client, group_name)
    response = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    sections = {
        str(app["name"]): {str(model["name"]) for model in app["models"]}
        for app in response.context["app_list"]
    }
    assert sections == EXPECTED_SECTIONS[group_name]


@pytest.mark.parametrize("group_name", [CONTENT_EDITORS_GROUP, CAMPAIGN_STAFF_GROUP])
@pytest.mark.parametrize("url_name", FORBIDDEN)
def test_an_editor_cannot_open_periodic_tasks_sites_users_or_groups(client, group_name, url_name):
    client = _client_of(client, group_name)
    assert client.get(reverse(url_name)).status_code == 403


def test_the_staff_groups_hold_no_permission_outside_their_apps():
    groups = staff_groups_ensure()
    apps_of = {
        name: set(group.permissions.values_list("content_type__app_label", flat=True))
        for name, group in groups.items()
    }
    assert apps_of[CONTENT_EDITORS_GROUP] == {"goals", "municipalities", "editorial"}
    assert apps_of[CAMPAIGN_STAFF_GROUP] == {"campaigns", "editorial"}
    for apps in apps_of.values():
        assert not apps & {
            "auth", "sites", "django_celery_beat", "core", "accounts", "admin", "contenttypes",
            "sessions", "mfa", "usersessions", "account",
        }  # fmt: skip
