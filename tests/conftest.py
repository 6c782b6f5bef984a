import pytest
from django.core.cache import cache
from django.utils import translation

from almen.celery import app as celery_app
from almen.core.cache import PROCESS_TIER
from tests.reference_data import reference_data_ensure


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (on Redis too, where a page cached by an
    earlier test would hide the queries a test counts)."""
    cache.clear()
    PROCESS_TIER.clear()  # each process's copy of cached pages (almen/core/cache.py)
    yield
    cache.clear()
    PROCESS_TIER.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to an English page leaves English active in the thread; the next test
    starts in Danish again, whatever order the tests run in."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _celery_eager_unless_integration(request):
    """Unit tests run tasks in-process even when REDIS_URL points Celery at a broker; the
    integration tests (marker ``integration``) use real workers."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests start from (and leave) empty tables: give them the reference data
    the data migrations load in every real database."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if transactional or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        reference_data_ensure()
    yield


STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_authenticator(user):
    """BL staff must use two-factor authentication before admin opens (almen/accounts/mfa.py):
    give ``user`` an authenticator app, as every real staff account has."""
    from almen.accounts.mfa import totp_activate

    totp_activate(user=user, secret=STAFF_TOTP_SECRET)
    return user


@pytest.fixture
def admin_user(admin_user):
    """pytest-django's superuser, with the authenticator app staff need to open admin."""
    return with_authenticator(admin_user)


@pytest.fixture
def staff_user(db, django_user_model):
    from almen.accounts.roles import staff_groups_ensure

    user = django_user_model.objects.create_user(
        username="redaktor", email="redaktor@bl.dk", password="pw-redaktor-1", is_staff=True
    )
    user.groups.add(*staff_groups_ensure().values())
    return with_authenticator(user)


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
