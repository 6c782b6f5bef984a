import pytest
from django.core import mail
from django.urls import reverse

from almen.accounts.models import AuditEvent, Invitation, Membership
from tests.accounts.conftest import user_create

pytestmark = pytest.mark.django_db

USERS = "/min-organisation/brugere/vestsjaelland/"


def test_an_administrator_with_one_organisation_goes_straight_to_its_users(org_admin_client):
    response = org_admin_client.get("/min-organisation/brugere/")
    assert response.status_code == 302
    assert response.url == USERS


def test_the_users_page_lists_members_and_open_invitations(
    org_admin_client, org_admin, org_editor, django_assert_num_queries, django_user_model
):
    Invitation.objects.create(
        email="venter@vestsjaelland.dk",
        organisation=org_admin.memberships.get().organisation,
        role="editor",
        token_hash="x" * 64,
        expires_at="2099-01-01T00:00Z",
    )
    org_admin_client.get(USERS)  # warm the session
    # session, user, organisation, members, invitations: the same for any number of them.
    with django_assert_num_queries(5):
        response = org_admin_client.get(USERS)
    organisation = org_admin.memberships.get().organisation
    for number in range(5):
        extra = user_create(django_user_model, f"ekstra{number}@vestsjaelland.dk")
        Membership.objects.create(user=extra, organisation=organisation, role="editor")
    with django_assert_num_queries(5):
        org_admin_client.get(USERS)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Brugere i Boligselskabet Vestsjælland" in page
    assert "admin@vestsjaelland.dk (dig)" in page
    assert "redaktoer@vestsjaelland.dk" in page
    assert "venter@vestsjaelland.dk" in page


def test_an_administrator_invites_a_user_from_the_page(
    org_admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = org_admin_client.post(USERS, {"email": "ny@vestsjaelland.dk", "role": "editor"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("ny@vestsjaelland.dk", "editor")
    assert mail.outbox[0].to == ["ny@vestsjaelland.dk"]
    assert AuditEvent.objects.filter(action="invitation_sent").count() == 1
    again = org_admin_client.post(USERS, {"email": "ny@vestsjaelland.dk", "role": "admin"})
    assert again.status_code == 400
    assert "allerede inviteret" in again.content.decode()
    bad = org_admin_client.post(USERS, {"email": "ikke-en-adresse", "role": "chef"})
    assert bad.status_code == 400
    assert Invitation.objects.count() == 1


def test_an_administrator_changes_a_role_and_it_is_audited(org_admin_client, org_admin, org_editor):
    membership = org_editor.memberships.get()
    url = reverse("accounts:membership-role", args=["vestsjaelland", membership.pk])
    response = org_admin_client.post(url, {"role": "admin"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "admin"
    event = AuditEvent.objects.get(action=AuditEvent.Action.ROLE_CHANGED)
    assert (event.user, event.actor) == (org_editor, org_admin)
    assert event.details["role_before"] == "editor"
    assert event.details["role_after"] == "admin"


def test_the_last_administrator_can_be_neither_demoted_nor_removed(org_admin_client, org_admin):
    membership = org_admin.memberships.get()
    org_admin_client.post(
        reverse("accounts:membership-role", args=["vestsjaelland", membership.pk]),
        {"role": "editor"},
    )
    remove_url = reverse("accounts:membership-remove", args=["vestsjaelland", membership.pk])
    org_admin_client.post(remove_url)
    membership.refresh_from_db()
    assert membership.role == "admin"
    page = org_admin_client.get(USERS).content.decode()
    assert "Organisationen skal have mindst én administrator." in page
    assert not AuditEvent.objects.filter(action__in=["role_changed", "membership_removed"]).exists()


def test_an_administrator_removes_a_user_and_withdraws_an_invitation(
    org_admin_client, org_admin, org_editor, organisation
):
    membership = org_editor.memberships.get()
    response = org_admin_client.post(
        reverse("accounts:membership-remove", args=["vestsjaelland", membership.pk])
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    org_editor.refresh_from_db()  # the account stays
    assert AuditEvent.objects.get(action="membership_removed").user == org_editor

    invitation = Invitation.objects.create(
        email="x@vestsjaelland.dk",
        organisation=organisation,
        role="editor",
        token_hash="y" * 64,
        expires_at="2099-01-01T00:00Z",
    )
    revoke_url = reverse("accounts:invitation-revoke", args=["vestsjaelland", invitation.pk])
    org_admin_client.post(revoke_url)
    assert not Invitation.objects.exists()
    assert AuditEvent.objects.filter(action="invitation_revoked").count() == 1


def test_nobody_reaches_another_organisations_users_whatever_the_url_says(
    client, org_admin_client, org_admin, organisation, other_organisation, django_user_model
):
    stranger = user_create(django_user_model, "x@herning.dk")
    theirs = Membership.objects.create(
        user=stranger, organisation=other_organisation, role="editor"
    )
    other_invitation = Invitation.objects.create(
        email="y@herning.dk",
        organisation=other_organisation,
        role="editor",
        token_hash="z" * 64,
        expires_at="2099-01-01T00:00Z",
    )
    other = "/min-organisation/brugere/herning-boligforening/"
    assert org_admin_client.get(other).status_code == 404
    assert org_admin_client.post(other, {"email": "a@b.dk", "role": "admin"}).status_code == 404
    # Their membership through our organisation's URL, and through theirs.
    for slug in ["vestsjaelland", "herning-boligforening"]:
        assert (
            org_admin_client.post(
                reverse("accounts:membership-role", args=[slug, theirs.pk]), {"role": "admin"}
            ).status_code
            == 404
        )
        assert (
            org_admin_client.post(
                reverse("accounts:membership-remove", args=[slug, theirs.pk])
            ).status_code
            == 404
        )
        assert (
            org_admin_client.post(
                reverse("accounts:invitation-revoke", args=[slug, other_invitation.pk])
            ).status_code
            == 404
        )
    theirs.refresh_from_db()
    assert theirs.role == "editor"
    assert Invitation.objects.filter(pk=other_invitation.pk).exists()


def test_an_editor_cannot_manage_users(client, org_editor, org_admin):
    client.force_login(org_editor)
    assert client.get(USERS).status_code == 404
    assert client.post(USERS, {"email": "a@b.dk", "role": "admin"}).status_code == 404
    membership = org_admin.memberships.get()
    url = reverse("accounts:membership-remove", args=["vestsjaelland", membership.pk])
    assert client.post(url).status_code == 404
    page = client.get("/min-organisation/brugere/").content.decode()
    assert "Du er ikke administrator for nogen boligorganisation" in page


def test_anonymous_visitors_are_sent_to_sign_in(client, organisation):
    response = client.get(USERS)
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/?next=")
    assert not Membership.objects.exists()


def test_role_changes_need_post(org_admin_client, org_editor):
    membership = org_editor.memberships.get()
    url = reverse("accounts:membership-role", args=["vestsjaelland", membership.pk])
    assert org_admin_client.get(url).status_code == 405


def test_the_invitation_email_is_in_the_language_of_the_page_it_was_sent_from(
    org_admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        org_admin_client.post(USERS, {"email": "da@vestsjaelland.dk", "role": "editor"})
        org_admin_client.post(f"/en{USERS}", {"email": "en@vestsjaelland.dk", "role": "admin"})
    danish, english = mail.outbox
    assert danish.subject == "Din invitation til Almen"
    assert "som organisationsredaktør for Boligselskabet Vestsjælland" in danish.body
    assert english.subject == "Your invitation to Almen"
    assert "as organisation administrator for Boligselskabet Vestsjælland" in english.body
    assert "/en/konto/invitation/" in english.body
