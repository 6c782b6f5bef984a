"""almen.core.page_cache: anonymous pages and API reads from the cache, keyed by what the
view reads, invalidated by content versions, one render per key, the previous version
meanwhile, and the API's throttle and conditional requests kept."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from almen.core import cache as cache_module
from almen.core import page_cache
from almen.core.cache import PROCESS_TIER, ProcessTier, content_changed
from municipalities.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _danish():
    """``reverse`` follows the active language, which an earlier test may have left."""
    with translation.override("da"):
        yield


def page_keys() -> set[str]:
    """The page entries in the cache (locmem, or Redis when REDIS_URL is set)."""
    if isinstance(cache._cache, dict):
        return {key for key in cache._cache if ":page:" in key}
    return {key.decode() for key in cache._cache.get_client().keys("*:page:*")}


def test_random_parameters_neither_add_entries_nor_reach_the_view(client):
    url = reverse("municipalities:municipality-list")
    first = client.get(url)
    assert len(page_keys()) == 1
    for number in range(20):
        response = client.get(f"{url}?utm_source={number}&x={number}")
        assert response.content == first.content
    assert len(page_keys()) == 1


def test_the_parameters_a_page_reads_are_keyed(client, django_assert_num_queries):
    url = reverse("municipalities:municipality-list")
    everyone = client.get(url)
    found = client.get(url, {"q": "Kalundborg"})
    assert found.content != everyone.content
    assert len(page_keys()) == 2
    with django_assert_num_queries(0):
        again = client.get(url, {"q": "Kalundborg", "junk": "1"})
    assert again.content == found.content


def test_a_cached_page_keeps_its_headers(client):
    url = reverse("goals:programme-list")
    first = client.get(url)
    second = client.get(url)
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == first["Content-Language"] == "da"
    assert second["X-Frame-Options"] == "DENY"
    english = client.get("/en" + url)
    assert english["Content-Language"] == "en"


def test_a_hit_replays_the_stored_security_policies_without_building_them(client):
    url = reverse("goals:programme-list")
    first = client.get(url)
    with mock.patch("csp.middleware.build_policy") as build_policy:
        second = client.get(url)
    build_policy.assert_not_called()
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"] == first["Permissions-Policy"]
    assert "default-src 'self'" in second["Content-Security-Policy"]


def test_a_nul_byte_in_a_parameter_the_page_ignores_is_still_refused(client):
    url = reverse("goals:programme-list")
    assert client.get(url).status_code == 200
    response = client.get(url, QUERY_STRING="utm_source=%00")
    assert response.status_code == 400
    assert "Content-Security-Policy" in response


def test_signed_in_users_are_not_served_from_the_page_cache(client, staff_client):
    url = reverse("municipalities:municipality-list")
    client.get(url)
    with mock.patch.object(page_cache.PublicPageCacheMiddleware, "_replay") as replay:
        assert staff_client.get(url).status_code == 200
    replay.assert_not_called()


def test_api_reads_are_cached_until_content_changes(client, django_assert_num_queries):
    Region.objects.filter(code=1084).update(name="Region Hovedstaden")
    url = reverse("region-list")
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url, {"ignored": "1"})
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    Region.objects.filter(code=1084).update(name="Region H")
    content_changed(area="municipalities")
    third = client.get(url)
    assert b'Region H"' in third.content
    assert third["ETag"] != first["ETag"]


def test_api_cache_is_keyed_by_language_and_answers_conditional_requests(client):
    url = reverse("region-list")
    danish = client.get(url)
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en" and danish["Content-Language"] == "da"
    cached = client.get(url, HTTP_IF_NONE_MATCH=danish["ETag"])
    assert cached.status_code == 304


def test_the_api_throttle_counts_cached_reads(client, settings):
    settings.API_ANON_RATE = "5/min"
    url = reverse("region-list")
    statuses = [client.get(url).status_code for _ in range(7)]
    assert statuses == [200] * 5 + [429] * 2


def test_html_accept_is_not_cached_for_the_api(client):
    url = reverse("region-list")
    client.get(url, HTTP_ACCEPT="text/html")
    assert page_keys() == set()


def test_while_another_worker_renders_the_previous_version_is_served(
    client, django_assert_num_queries
):
    url = reverse("municipalities:municipality-list")
    old = client.get(url)
    content_changed(area="municipalities")
    real_add = cache.add

    def lock_taken(key, *args, **kwargs):
        return False if key.startswith("lock:") else real_add(key, *args, **kwargs)

    with mock.patch.object(cache, "add", side_effect=lock_taken), django_assert_num_queries(0):
        stale = client.get(url)
    assert stale.content == old.content


def test_without_any_copy_waiters_render_once_the_lock_is_free(client, monkeypatch):
    monkeypatch.setattr(page_cache, "LOCK_WAIT_SECONDS", 0.05)
    url = reverse("municipalities:municipality-list")
    real_add = cache.add

    def lock_taken(key, *args, **kwargs):
        return False if key.startswith("lock:") else real_add(key, *args, **kwargs)

    with mock.patch.object(cache, "add", side_effect=lock_taken):
        response = client.get(url)
    assert response.status_code == 200


def test_cookies_and_errors_are_not_stored(client):
    assert client.get("/kommuner/findes-ikke/").status_code == 404
    assert page_keys() == set()


def test_the_process_tier_serves_without_the_shared_cache_until_versions_expire(
    client, monkeypatch, django_assert_num_queries
):
    if not hasattr(cache, "available"):  # locmem: behave as the Redis backend does
        monkeypatch.setattr(cache, "available", True, raising=False)
    url = reverse("municipalities:municipality-list")
    first = client.get(url)
    cache.set("content-version:municipalities", 7, None)  # another process published
    with mock.patch.object(cache, "get_many") as get_many, django_assert_num_queries(0):
        remembered = client.get(url)
    get_many.assert_not_called()
    assert remembered.content == first.content
    PROCESS_TIER.versions_forget()  # PAGE_CACHE_LOCAL_SECONDS later
    with CaptureQueriesContext(connection) as rendered:
        client.get(url)
    assert len(rendered) > 0


def test_the_process_tier_keeps_to_its_size(settings):
    settings.PAGE_CACHE_LOCAL_MAX_BYTES = 4000
    tier = ProcessTier()
    for number in range(10):
        tier.entry_put(f"k{number}", ((1,), 200, [], b"x" * 900))
    assert tier.entry_get("k0") is None
    assert tier.entry_get("k9") is not None
    kept = [tier.entry_get(f"k{number}") for number in range(10)]
    assert sum(len(entry[3]) for entry in kept if entry) <= 4000
    tier.entry_put("big", ((1,), 200, [], b"x" * 2000))  # over a quarter: not kept
    assert tier.entry_get("big") is None


def test_the_process_tier_forgets_versions_after_its_time(settings, monkeypatch):
    settings.PAGE_CACHE_LOCAL_SECONDS = 1.0
    tier = ProcessTier()
    tier.versions_put(("goals",), (3,))
    assert tier.versions_get(("goals",)) == (3,)
    later = cache_module.time.monotonic() + 1.5
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: later)
    assert tier.versions_get(("goals",)) is None
