import logging
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.contrib.staticfiles import finders
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from almen.accounts.mfa import totp_code
from almen.accounts.models import AuditEvent
from tests.accounts.conftest import PASSWORD, user_create
from tests.conftest import STAFF_TOTP_SECRET

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"


def _sign_in(client, email, password=PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def test_editor_signs_in_with_email_and_password_and_it_is_audited(client, org_editor):
    response = _sign_in(client, "Redaktoer@Vestsjaelland.dk")
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/").context["user"] == org_editor
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert (event.user, event.actor, event.ip_address) == (org_editor, org_editor, "127.0.0.1")


def test_a_username_is_not_a_login(client, org_editor):
    response = _sign_in(client, org_editor.username)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_staff_signs_in_with_password_and_authenticator_code_and_reaches_admin(client, staff_user):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == "/admin/login/?next=/admin/"
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url == "/konto/login/?next=%2Fadmin%2F"

    response = client.post(response.url, {"login": "redaktor@bl.dk", "password": "pw-redaktor-1"})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302  # not signed in before the second step

    response = client.post(response.url, {"code": "000000"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(
        reverse("mfa_authenticate"), {"code": totp_code(secret=STAFF_TOTP_SECRET)}
    )
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    actions = list(AuditEvent.objects.order_by("id").values_list("action", "details__method"))
    assert actions == [(AuditEvent.Action.LOGIN_FAILED, "mfa"), (AuditEvent.Action.LOGIN, None)]


def test_admin_login_url_sends_to_allauth_and_keeps_only_a_local_next(client):
    response = client.get("/admin/login/?next=/admin/goals/programme/")
    assert response.url == "/konto/login/?next=%2Fadmin%2Fgoals%2Fprogramme%2F"
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response.url == "/konto/login/?next=%2Fadmin%2F"
    # Django's own admin login form is gone: posting to it signs nobody in.
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 302


@pytest.mark.parametrize("role", ["staff", "organisation_admin"])
def test_staff_and_organisation_admins_without_mfa_are_sent_to_set_it_up(
    client, django_user_model, organisation, role, django_capture_on_commit_callbacks
):
    from almen.accounts.models import Membership

    user = user_create(django_user_model, "ny@bl.dk", is_staff=role == "staff")
    if role == "organisation_admin":
        Membership.objects.create(user=user, organisation=organisation, role="admin")
    response = _sign_in(client, "ny@bl.dk")
    assert response.status_code == 302
    for url in ["/", "/admin/", "/maal/", "/min-organisation/brugere/", "/en/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("mfa_index"), url
    assert client.get(reverse("mfa_index")).status_code == 200

    # Setting up an authenticator app (allauth's page, after confirming the password)
    # lifts the block at once.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    client.post(response.url, {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret=secret)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    if role == "staff":
        assert client.get("/admin/").status_code == 200
    events = AuditEvent.objects.filter(action=AuditEvent.Action.MFA_ADDED, user=user)
    assert sorted(event.details["type"] for event in events) == ["recovery_codes", "totp"]


def test_staff_with_a_session_but_without_mfa_is_refused_admin(client, django_user_model):
    user = user_create(django_user_model, "ansat@bl.dk", is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.get("/admin/goals/programme/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_index")


def test_an_editor_is_offered_mfa_but_not_forced(client, org_editor):
    _sign_in(client, org_editor.email)
    assert client.get("/").status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_ten_wrong_passwords_in_a_row_are_rate_limited_and_logged(client, org_editor, caplog):
    caplog.set_level(logging.WARNING, logger="almen.accounts.audit")
    responses = [_sign_in(client, org_editor.email, "forkert-kodeord-123") for _ in range(10)]
    assert all(response.status_code == 200 for response in responses)
    limited = "for mange mislykkede logonforsøg"
    assert limited not in responses[4].content.decode()
    assert all(limited in response.content.decode() for response in responses[5:])
    # The right password is refused too while the limit lasts.
    response = _sign_in(client, org_editor.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    failed = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED)
    blocked = AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_BLOCKED)
    assert failed.count() == 5
    assert blocked.count() == 6
    assert set(failed.values_list("user", flat=True)) == {org_editor.pk}
    assert failed.first().details == {"method": "password", "login": org_editor.email}
    assert sum("login_failed" in record.message for record in caplog.records) == 5
    # Five minutes later the account may try again.
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert _sign_in(client, org_editor.email).status_code == 302


def test_failed_sign_in_of_an_unknown_address_is_logged_without_a_user(client):
    _sign_in(client, "ukendt@example.org", "forkert-kodeord-123")
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.user is None
    assert event.details["login"] == "ukendt@example.org"


def test_sign_in_by_one_time_code_from_email(
    client, org_editor, django_capture_on_commit_callbacks
):
    # Account emails leave through a Celery task once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_request_login_code"), {"email": org_editor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.M).group(1)
    assert mail.outbox[0].to == [org_editor.email]
    assert mail.outbox[0].subject == "Almen: Login-kode"
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(org_editor.pk)


def test_sign_in_by_code_still_asks_staff_for_their_authenticator(
    client, staff_user, django_capture_on_commit_callbacks
):
    staff_user.emailaddress_set.create(email=staff_user.email, verified=True, primary=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": staff_user.email})
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.M).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client, org_editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": org_editor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/konto/password/reset/key/\S+/", mail.outbox[0].body).group(0)
    response = client.get(link.split("testserver", 1)[-1].replace("http://127.0.0.1:8000", ""))
    assert response.status_code == 302  # allauth moves the key into the session
    form_url = response.url
    response = client.post(form_url, {"password1": "kort-123", "password2": "kort-123"})
    assert response.status_code == 200
    assert "mindst 12 tegn" in response.content.decode()
    new_password = "helt-nyt-kodeord-2026"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    org_editor.refresh_from_db()
    assert org_editor.check_password(new_password)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.PASSWORD_RESET, user=org_editor
    ).exists()


def test_passwords_need_twelve_characters(org_editor):
    with pytest.raises(ValidationError):
        validate_password("kort-kode-1", org_editor)
    validate_password("tolv-tegn-ok", org_editor)


def test_the_login_page_offers_no_sign_up_but_a_code_and_a_password_reset(client):
    # (That signing up itself is closed: tests/core/test_accounts.py.)
    page = client.get(LOGIN).content.decode()
    assert "/konto/signup/" not in page
    assert 'href="/konto/login/code/"' in page
    assert 'href="/konto/password/reset/"' in page


def test_a_session_ends_after_thirty_idle_minutes(client, org_editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _sign_in(client, org_editor.email)
    # Active every 20 minutes: still signed in after an hour.
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/").context["user"] == org_editor
    with time_machine.travel(start + timedelta(minutes=60 + 31), tick=False):
        assert not client.get("/").context["user"].is_authenticated


def test_a_user_sees_and_ends_their_other_sessions(client, org_editor, django_user_model):
    from django.test import Client

    other = Client()
    _sign_in(other, org_editor.email)
    _sign_in(client, org_editor.email)
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 200
    assert len(response.context["sessions"]) == 2
    response = client.post(reverse("usersessions_list"))
    assert response.status_code == 302
    assert not other.get("/").context["user"].is_authenticated
    assert client.get("/").context["user"] == org_editor


def test_a_superuser_made_by_createsuperuser_can_set_up_mfa(
    client, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_superuser("it", "it@bl.dk", PASSWORD)  # no allauth address
    _sign_in(client, "it@bl.dk")
    assert client.get("/admin/").url == reverse("mfa_index")
    response = client.get(reverse("mfa_activate_totp"))
    client.post(response.url, {"password": PASSWORD})
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret=secret)})
    assert client.get("/admin/").status_code == 200


def test_a_security_key_can_be_added_with_allauths_own_script_served_by_the_portal(
    client, org_editor
):
    _sign_in(client, org_editor.email)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<script src="/static/mfa/js/webauthn.js"></script>' in page
    assert finders.find("mfa/js/webauthn.js")  # collected with the portal's static files
    # Every script either loads a file from /static/ or is JSON data, never inline code.
    scripts = re.findall(r"<script([^>]*)>", page)
    assert len(scripts) >= 4
    for attributes in scripts:
        assert 'src="/static/' in attributes or 'type="application/json"' in attributes
