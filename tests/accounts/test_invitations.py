import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from almen.accounts.invitations import invitation_accept, invitation_create
from almen.accounts.models import AuditEvent, Invitation, Membership
from almen.accounts.roles import CAMPAIGN_STAFF_GROUP, staff_groups_ensure
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "mit-nye-kodeord-2026"


def _link_path(message) -> str:
    url = re.search(r"http://\S+/konto/invitation/\S+/", message.body).group(0)
    return url.split("127.0.0.1:8000", 1)[1]


def _invite(organisation, org_admin, capture, email="ny@vestsjaelland.dk", role="editor"):
    with capture(execute=True):
        invitation, token = invitation_create(
            email=email, organisation=organisation, role=role, invited_by=org_admin
        )
    return invitation, token


def test_an_invitation_email_links_to_a_page_where_the_invitee_sets_a_password(
    client, organisation, org_admin, django_user_model, django_capture_on_commit_callbacks
):
    invitation, token = _invite(organisation, org_admin, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ny@vestsjaelland.dk"]
    assert message.subject == "Din invitation til Almen"
    assert "organisationsredaktør for Boligselskabet Vestsjælland" in message.body
    path = _link_path(message)
    assert path == f"/konto/invitation/{token}/"
    assert token not in Invitation.objects.values_list("token_hash", flat=True)[0]

    page = client.get(path)
    assert page.status_code == 200
    assert "Vælg en adgangskode" in page.content.decode()

    short = client.post(path, {"password1": "kort-kode-1", "password2": "kort-kode-1"})
    assert short.status_code == 200
    assert "mindst 12 tegn" in short.content.decode()
    assert not django_user_model.objects.filter(email="ny@vestsjaelland.dk").exists()

    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user = django_user_model.objects.get(email="ny@vestsjaelland.dk")
    assert user.check_password(NEW_PASSWORD)
    assert not user.is_staff
    assert Membership.objects.get(user=user).role == Membership.Role.EDITOR
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.emailaddress_set.get().verified
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["invitation_sent", "invitation_accepted", "login"]


def test_a_used_invitation_link_says_so_and_creates_nothing(
    client, organisation, org_admin, django_user_model, django_capture_on_commit_callbacks
):
    _invitation, token = _invite(organisation, org_admin, django_capture_on_commit_callbacks)
    path = f"/konto/invitation/{token}/"
    client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.post(reverse("account_logout"))
    users = django_user_model.objects.count()
    memberships = Membership.objects.count()

    page = client.get(path)
    assert page.status_code == 410
    assert "Invitationen er allerede taget imod" in page.content.decode()
    again = client.post(
        path, {"password1": "et-andet-kodeord-99", "password2": "et-andet-kodeord-99"}
    )
    assert again.status_code == 410
    assert (django_user_model.objects.count(), Membership.objects.count()) == (users, memberships)
    assert django_user_model.objects.get(email="ny@vestsjaelland.dk").check_password(NEW_PASSWORD)


def test_an_expired_invitation_link_says_so_and_creates_nothing(
    client, organisation, org_admin, django_user_model, django_capture_on_commit_callbacks
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _invitation, token = _invite(organisation, org_admin, django_capture_on_commit_callbacks)
    path = f"/konto/invitation/{token}/"
    with time_machine.travel(start + timedelta(days=7) - timedelta(minutes=1), tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(start + timedelta(days=7, minutes=1), tick=False):
        page = client.get(path)
        assert page.status_code == 410
        assert "Invitationen er udløbet" in page.content.decode()
        response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert response.status_code == 410
    assert not django_user_model.objects.filter(email="ny@vestsjaelland.dk").exists()
    assert not AuditEvent.objects.filter(action="invitation_accepted").exists()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token[:10],
        lambda token: token + "x",
        lambda token: "ikke-en-invitation",
    ],
)
def test_a_tampered_invitation_link_says_so_and_creates_nothing(
    client, organisation, org_admin, django_user_model, django_capture_on_commit_callbacks, tamper
):
    _invitation, token = _invite(organisation, org_admin, django_capture_on_commit_callbacks)
    path = f"/konto/invitation/{tamper(token)}/"
    page = client.get(path)
    assert page.status_code == 404
    assert "Linket er ikke gyldigt" in page.content.decode()
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 404
    assert not django_user_model.objects.filter(email="ny@vestsjaelland.dk").exists()
    assert Invitation.objects.get().accepted_at is None


def test_the_service_refuses_a_second_acceptance(organisation, org_admin, django_user_model):
    from almen.accounts.invitations import InvitationError

    _invitation, token = invitation_create(
        email="ny@vestsjaelland.dk", organisation=organisation, role="editor", invited_by=org_admin
    )
    invitation_accept(token=token, password=NEW_PASSWORD)
    with pytest.raises(InvitationError) as error:
        invitation_accept(token=token, password=NEW_PASSWORD)
    assert error.value.code == "used"
    assert django_user_model.objects.filter(email="ny@vestsjaelland.dk").count() == 1


def test_someone_with_an_account_signs_in_and_joins_a_second_organisation(
    client,
    organisation,
    other_organisation,
    org_editor,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    other_admin = django_user_model.objects.create_user(username="herning", email="a@herning.dk")
    Membership.objects.create(user=other_admin, organisation=other_organisation, role="admin")
    _invitation, token = _invite(
        other_organisation,
        other_admin,
        django_capture_on_commit_callbacks,
        email=org_editor.email,
        role="admin",
    )
    path = f"/konto/invitation/{token}/"
    page = client.get(path).content.decode()
    assert "Du har allerede en konto" in page
    assert (
        client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 200
    )
    assert not org_editor.memberships.filter(organisation=other_organisation).exists()

    client.post("/konto/login/", {"login": org_editor.email, "password": PASSWORD})
    response = client.post(path)
    assert response.status_code == 302
    roles = dict(org_editor.memberships.values_list("organisation__slug", "role"))
    assert roles == {"vestsjaelland": "editor", "herning-boligforening": "admin"}
    # Now an administrator, the person must set up two-factor authentication.
    assert client.get("/").url == reverse("mfa_index")


def test_a_signed_in_other_person_cannot_take_the_invitation(
    client, organisation, org_admin, org_editor, django_capture_on_commit_callbacks
):
    _invitation, token = _invite(
        organisation, org_admin, django_capture_on_commit_callbacks, email="ny@vestsjaelland.dk"
    )
    client.force_login(org_editor)
    # A new address has no account: the form is for whoever opens it, but it creates the
    # account of the invited address, never a role for the signed-in person.
    client.post(
        f"/konto/invitation/{token}/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert org_editor.memberships.count() == 1


def test_inviting_someone_twice_or_a_member_is_refused(organisation, org_admin, org_editor):
    from django.core.exceptions import ValidationError

    invitation_create(
        email="ny@example.org", organisation=organisation, role="editor", invited_by=org_admin
    )
    with pytest.raises(ValidationError):
        invitation_create(
            email="NY@example.org", organisation=organisation, role="admin", invited_by=org_admin
        )
    with pytest.raises(ValidationError):
        invitation_create(
            email=org_editor.email, organisation=organisation, role="admin", invited_by=org_admin
        )
    assert Invitation.objects.count() == 1


def test_bl_staff_invite_a_colleague_to_a_staff_role_in_admin(
    superuser_client, django_user_model, django_capture_on_commit_callbacks
):
    group = staff_groups_ensure()[CAMPAIGN_STAFF_GROUP]
    staff_client = superuser_client
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:accounts_invitation_add"),
            {"email": "kollega@bl.dk", "staff_group": group.pk, "role": ""},
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["kollega@bl.dk"]
    assert "BL-medarbejder (BL-kampagne)" in mail.outbox[0].body
    path = _link_path(mail.outbox[0])
    staff_client.post(reverse("account_logout"))
    response = staff_client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    colleague = django_user_model.objects.get(email="kollega@bl.dk")
    assert colleague.is_staff and not colleague.is_superuser
    assert list(colleague.groups.values_list("name", flat=True)) == [CAMPAIGN_STAFF_GROUP]
    # Staff must set up two-factor authentication before admin opens.
    assert staff_client.get("/admin/").url == reverse("mfa_index")


def test_the_admin_invitation_form_needs_exactly_one_kind_of_role(superuser_client, organisation):
    group = staff_groups_ensure()[CAMPAIGN_STAFF_GROUP]
    for data in [
        {"email": "x@bl.dk"},
        {
            "email": "x@bl.dk",
            "staff_group": group.pk,
            "organisation": organisation.pk,
            "role": "admin",
        },
        {"email": "x@bl.dk", "organisation": organisation.pk},
    ]:
        response = superuser_client.post(reverse("admin:accounts_invitation_add"), data)
        assert response.status_code == 200, data
        assert response.context["adminform"].form.errors
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_content_and_campaign_staff_cannot_invite_or_read_the_audit_log(staff_client):
    assert staff_client.get(reverse("admin:accounts_invitation_add")).status_code == 403
    assert staff_client.get(reverse("admin:accounts_auditevent_changelist")).status_code == 403
