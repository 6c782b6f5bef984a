import pytest
from django.contrib.sites.models import Site
from django.urls import reverse


@pytest.mark.django_db
def test_sign_in_page_uses_the_portal_layout_in_danish(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gå til indholdet" in html
    assert '<html lang="da">' in html


@pytest.mark.django_db
def test_there_is_no_public_sign_up(client, django_user_model):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "someone@example.org",
            "password1": "a-long-Password-123",
            "password2": "a-long-Password-123",
        },
    )
    assert response.status_code == 200
    assert not django_user_model.objects.filter(email="someone@example.org").exists()


@pytest.mark.django_db
def test_staff_signs_in_with_email_password_and_authenticator_and_reaches_admin(client, staff_user):
    from almen.accounts.mfa import totp_code
    from tests.conftest import STAFF_TOTP_SECRET

    response = client.post(
        reverse("account_login"), {"login": "redaktor@bl.dk", "password": "pw-redaktor-1"}
    )
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    response = client.post(response.url, {"code": totp_code(secret=STAFF_TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_site_is_named_almen():
    assert Site.objects.get(pk=1).name == "Almen"
