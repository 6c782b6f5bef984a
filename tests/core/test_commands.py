from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from almen.accounts.mfa import totp_code
from almen.core.services import (
    DEMO_STAFF_EMAIL,
    DEMO_STAFF_PASSWORD,
    DEMO_STAFF_TOTP_SECRET,
    DEMO_STAFF_USERNAME,
)


@pytest.mark.django_db
def test_demo_prepares_everything_prints_the_login_and_a_second_run_reuses_it(settings):
    settings.DEBUG = True  # pytest-django turns it off; the demo needs it on
    # The demo points PORTAL_BASE_URL at its port; the fixture restores it afterwards.
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    printed = out.getvalue()
    assert f"{DEMO_STAFF_EMAIL} / {DEMO_STAFF_PASSWORD}" in printed
    assert f"add the key {DEMO_STAFF_TOTP_SECRET} to an authenticator app" in printed
    assert f"uv run manage.py mfa_code {DEMO_STAFF_EMAIL}" in printed
    assert "http://127.0.0.1:8000/" in printed
    user = get_user_model().objects.get(username=DEMO_STAFF_USERNAME)
    assert user.is_staff and user.is_superuser
    assert user.check_password(DEMO_STAFF_PASSWORD)

    code = StringIO()
    call_command("mfa_code", DEMO_STAFF_EMAIL, stdout=code)
    assert code.getvalue().strip() == totp_code(secret=DEMO_STAFF_TOTP_SECRET)

    second = StringIO()
    call_command("demo", "--no-serve", "--port", "8123", stdout=second)
    assert get_user_model().objects.filter(username=DEMO_STAFF_USERNAME).count() == 1
    # The personal links it prints point at the server it starts.
    assert "Velkomstpakke (Kalundborg): http://127.0.0.1:8123/velkommen/" in second.getvalue()


@pytest.mark.django_db
def test_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("demo", "--no-serve", stdout=StringIO())


@pytest.mark.django_db
def test_health_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_demo_serves_with_debug_off_and_static_files_from_the_sources(settings, monkeypatch):
    from almen.core.management.commands import demo

    settings.DEBUG = True
    seen = {}

    def runserver(name, address, **options):
        seen.update(name=name, address=address, debug=settings.DEBUG)
        seen["finders"] = settings.WHITENOISE_USE_FINDERS

    monkeypatch.setattr(demo, "call_command", runserver)
    demo.serve_like_production(port=8123)
    assert seen == {
        "name": "runserver",
        "address": "127.0.0.1:8123",
        "debug": False,
        "finders": True,
    }


@pytest.mark.django_db
def test_with_the_demo_settings_visitors_get_the_portal_404_and_static_files(settings):
    from django.test import Client

    # What serve_like_production sets; a new client loads the middleware with it.
    settings.DEBUG = False
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "<h1>Siden findes ikke</h1>" in response.content.decode()
    assert "Technical details" not in response.content.decode()
    stylesheet = client.get("/static/css/almen.css")
    assert stylesheet.status_code == 200
    assert b".action-list > li" in b"".join(stylesheet.streaming_content)


@pytest.mark.django_db
def test_the_printed_demo_staff_login_reaches_admin_with_its_authenticator(settings, client):
    settings.DEBUG = True
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"
    call_command("demo", "--no-serve", stdout=StringIO())
    response = client.post(
        "/konto/login/?next=/admin/", {"login": DEMO_STAFF_EMAIL, "password": DEMO_STAFF_PASSWORD}
    )
    assert response.url == "/konto/2fa/authenticate/"
    response = client.post(response.url, {"code": totp_code(secret=DEMO_STAFF_TOTP_SECRET)})
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_mfa_code_refuses_with_debug_off_and_for_users_without_an_app(settings, staff_user):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG on"):
        call_command("mfa_code", staff_user.email, stdout=StringIO())
    settings.DEBUG = True
    with pytest.raises(CommandError, match="No user"):
        call_command("mfa_code", "nobody@example.org", stdout=StringIO())
