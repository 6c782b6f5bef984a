"""ResilientRedisCache: with Redis unreachable the portal serves pages and the API from the
database, and admin works."""

import pytest
from django.core.cache import cache
from django.urls import reverse

DEAD_REDIS = {
    "default": {
        "BACKEND": "almen.core.cache_backends.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:8799/0",  # nothing listens here
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = DEAD_REDIS
    yield cache
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_operations_answer_as_misses(redis_down):
    assert redis_down.get("x", "default") == "default"
    assert redis_down.add("x", 1) is True  # a lock nobody can hold: the caller goes ahead
    assert redis_down.set("x", 1) is None
    assert redis_down.get_many(["x"]) == {}
    assert redis_down.incr("x") is None
    assert redis_down.available is False


def test_outage_end_is_reported_once(redis_down):
    redis_down.get("x")
    redis_down._down_until = 0  # the retry pause is over and Redis answers again
    assert redis_down.outage_ended() is True
    assert redis_down.outage_ended() is False


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/", "/maal/", "/kommuner/", "/kommuner/?q=k", "/api/v1/regions/", "/api/v1/"],
)
def test_public_pages_and_api_without_redis(client, redis_down, url):
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_admin_works_without_redis(client, redis_down, staff_user):
    from almen.accounts.mfa import totp_code
    from tests.conftest import STAFF_TOTP_SECRET

    staff_user.set_password("a-long-enough-password")
    staff_user.save()
    # Sign-in goes through allauth (its rate limits use the cache) and the second factor.
    login = client.post(
        "/konto/login/?next=/admin/",
        {"login": staff_user.email, "password": "a-long-enough-password"},
    )
    assert login.status_code == 302
    assert login.url == reverse("mfa_authenticate")
    second = client.post(login.url, {"code": totp_code(secret=STAFF_TOTP_SECRET)})
    assert second.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
