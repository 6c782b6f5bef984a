import pytest
from django.urls import reverse

from almen.accounts.audit import audit_event_record
from almen.accounts.models import AuditEvent
from almen.accounts.roles import CAMPAIGN_STAFF_GROUP, CONTENT_EDITORS_GROUP, staff_groups_ensure
from tests.accounts.conftest import user_create

pytestmark = pytest.mark.django_db


def test_the_audit_log_is_read_only_in_admin(superuser_client, org_editor):
    event = audit_event_record(action=AuditEvent.Action.LOGIN, user=org_editor)
    changelist = superuser_client.get(reverse("admin:accounts_auditevent_changelist"))
    assert changelist.status_code == 200
    assert "logget ind" in changelist.content.decode()
    assert org_editor.username in changelist.content.decode()
    assert superuser_client.get(reverse("admin:accounts_auditevent_add")).status_code == 403
    change_url = reverse("admin:accounts_auditevent_change", args=[event.pk])
    assert superuser_client.get(change_url).status_code == 200  # view only
    assert superuser_client.post(change_url, {"action": "logout"}).status_code == 403
    delete_url = reverse("admin:accounts_auditevent_delete", args=[event.pk])
    assert superuser_client.post(delete_url, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "login"


def test_a_staff_role_change_in_admin_is_audited_with_its_actor(
    superuser_client, django_user_model
):
    groups = staff_groups_ensure()
    colleague = user_create(django_user_model, "kollega@bl.dk", is_staff=True)
    colleague.groups.add(groups[CONTENT_EDITORS_GROUP])
    url = reverse("admin:auth_user_change", args=[colleague.pk])
    form = superuser_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in {"groups", "user_permissions", "password"}
    }
    data |= {
        "is_active": "on",
        "is_staff": "on",
        "groups": [groups[CAMPAIGN_STAFF_GROUP].pk],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-11-30",
        "date_joined_1": "12:00:00",
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_CHANGED)
    assert event.user == colleague
    assert event.actor.email == "it@bl.dk"
    assert event.details["before"]["groups"] == [CONTENT_EDITORS_GROUP]
    assert event.details["after"]["groups"] == [CAMPAIGN_STAFF_GROUP]


def test_a_membership_role_change_in_admin_is_audited(superuser_client, org_editor):
    membership = org_editor.memberships.get()
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    response = superuser_client.post(
        url,
        {"user": org_editor.pk, "organisation": membership.organisation_id, "role": "admin"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_CHANGED)
    assert (event.user, event.details["role_before"], event.details["role_after"]) == (
        org_editor,
        "editor",
        "admin",
    )


def test_a_sign_out_is_audited(client, org_editor):
    client.force_login(org_editor)
    client.post(reverse("account_logout"))
    assert AuditEvent.objects.filter(action="logout", user=org_editor).count() == 1
