import pytest
from django.core.cache import cache

from almen.celery import app as celery_app


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (on Redis too, where a page cached by an
    earlier test would hide the queries a test counts)."""
    cache.clear()
    yield
    cache.clear()


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


@pytest.fixture
def staff_user(db, django_user_model):
    from almen.core.services import content_editors_group_ensure

    user = django_user_model.objects.create_user(
        username="redaktor", email="redaktor@bl.dk", password="pw-redaktor-1", is_staff=True
    )
    user.groups.add(content_editors_group_ensure())
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
