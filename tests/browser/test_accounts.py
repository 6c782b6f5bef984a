"""Signing in as a person would: BL staff through allauth with an authenticator code into
admin, and a new organisation administrator made to set up two-factor authentication."""

import re

import pytest
from allauth.account.models import EmailAddress

from almen.accounts.mfa import totp_code
from almen.accounts.models import Membership
from tests.conftest import STAFF_TOTP_SECRET
from tests.municipalities.factories import HousingOrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, email, password):
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Log ind", exact=True).click()
    page.wait_for_load_state()


def test_staff_signs_in_with_an_authenticator_code_and_reaches_admin(
    live_server, page, axe, staff_user
):
    page.goto(live_server.url + "/admin/")
    assert page.url == live_server.url + "/konto/login/?next=%2Fadmin%2F"
    assert page.get_by_role("heading", level=1).inner_text() == "Log ind"
    assert page.get_by_role("link", name=re.compile("tilmeld", re.I)).count() == 0
    assert axe(page) == []

    _sign_in(page, "redaktor@bl.dk", "pw-redaktor-1")
    assert page.url == live_server.url + "/konto/2fa/authenticate/"
    page.locator("input[name=code]").fill(totp_code(secret=STAFF_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/admin/"
    assert page.locator("#site-name").inner_text() == "Almen – administration"


def test_a_new_organisation_administrator_must_set_up_an_authenticator_app(
    live_server, page, django_user_model
):
    password = "et-langt-kodeord-2026"
    user = django_user_model.objects.create_user(
        username="admin", email="admin@vestsjaelland.dk", password=password
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    organisation = HousingOrganisationFactory(name="Boligselskabet Vestsjælland", slug="vsj")
    Membership.objects.create(user=user, organisation=organisation, role="admin")

    page.goto(live_server.url + "/konto/login/")
    _sign_in(page, user.email, password)
    assert page.url == live_server.url + "/konto/2fa/"
    assert "Din rolle kræver totrinsgodkendelse" in page.locator(".messages").inner_text()
    page.goto(live_server.url + "/min-organisation/brugere/vsj/")
    assert page.url == live_server.url + "/konto/2fa/"

    page.goto(live_server.url + "/konto/2fa/totp/activate/")
    page.locator("input[name=password]").fill(password)  # allauth asks for the password again
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/konto/2fa/totp/activate/"
    secret = page.locator("#authenticator_secret").input_value()
    assert page.locator("img[alt]").first.is_visible()  # the QR code, served inline
    page.locator("input[name=code]").fill(totp_code(secret=secret))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(live_server.url + "/min-organisation/brugere/vsj/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Brugere i Boligselskabet Vestsjælland"
    )
