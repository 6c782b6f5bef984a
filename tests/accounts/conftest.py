import pytest
from allauth.account.models import EmailAddress

from almen.accounts.mfa import totp_activate
from almen.accounts.models import Membership
from tests.municipalities.factories import HousingOrganisationFactory

PASSWORD = "et-langt-kodeord-2026"
TOTP_SECRET = "KRUGS4ZANFZSAYJAONSWG4TFOQ2DCMZA"


def user_create(django_user_model, email: str, *, mfa: bool = False, **fields):
    user = django_user_model.objects.create_user(
        username=email.split("@")[0], email=email, password=PASSWORD, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if mfa:
        totp_activate(user=user, secret=TOTP_SECRET)
    return user


@pytest.fixture
def organisation(db):
    return HousingOrganisationFactory(name="Boligselskabet Vestsjælland", slug="vestsjaelland")


@pytest.fixture
def other_organisation(db):
    return HousingOrganisationFactory(name="Herning Boligforening", slug="herning-boligforening")


@pytest.fixture
def org_admin(django_user_model, organisation):
    user = user_create(django_user_model, "admin@vestsjaelland.dk", mfa=True)
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def org_editor(django_user_model, organisation):
    user = user_create(django_user_model, "redaktoer@vestsjaelland.dk")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def org_admin_client(client, org_admin):
    client.force_login(org_admin)
    return client


@pytest.fixture
def superuser_client(client, django_user_model):
    """A BL administrator (superuser, with an authenticator app): invitations to staff
    roles, memberships and the audit log are theirs in admin."""
    user = user_create(django_user_model, "it@bl.dk", mfa=True, is_staff=True, is_superuser=True)
    client.force_login(user)
    return client
