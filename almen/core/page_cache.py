"""The page cache middleware: anonymous GETs of public pages and API reads answered from the
cache before sessions, locale, authentication and the view run.

Which requests: GET or HEAD with no session cookie and no ``Authorization`` header, to a
URL whose view carries a ``PageCachePolicy`` (``almen.core.cache``). The URL is resolved
once per path and process (an LRU of the answers).

The key: host, path, language (from the path for pages, from ``Accept-Language`` for the
API), for the API the kind of ``Accept`` (only "any" or JSON are cached), and only the
query parameters the view declares, sorted. A miss renders with exactly those parameters
(the others are dropped from the request), so a response never depends on what the key
leaves out, and random parameters neither reach the view nor add entries.

The entry: one per key, holding the content versions it was rendered with, the status,
the headers and the body. It is fresh when its versions are the current ones; one
``get_many`` fetches the versions and the entry together.

Most hits need no round trip at all: ``almen.core.cache.ProcessTier`` keeps the versions
for ``PAGE_CACHE_LOCAL_SECONDS`` (1 s) and recent entries in each process.

A miss or a stale entry: the first request takes a short lock (``cache.add``) and renders;
the others meanwhile get the previous version if there is one, or wait for the renderer
(polling, at most ``LOCK_WAIT_SECONDS``; then they render themselves). So after a publish
each page is rendered once, and nobody waits. With the cache unavailable every request
renders (``ResilientRedisCache``).

Stored: 200 responses to requests still anonymous after the view, without cookies and not
marked private or no-store. The API's ``ETag``/``Last-Modified`` are replayed and
conditional requests get their 304; the anonymous API throttle still counts every request.
"""

import hashlib
import time
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, get_resolver
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from almen.core.cache import (
    PROCESS_TIER,
    PageCachePolicy,
    all_content_changed,
    content_versions,
)
from almen.core.middleware import has_nul_byte

LOCK_SECONDS = 30
LOCK_WAIT_SECONDS = 5.0
POLL_SECONDS = 0.01
ANY_OR_JSON = frozenset({"", "*/*", "application/*", "application/json"})
# Never replayed: cookies; CORS headers are set per request by CorsMiddleware outside.
HEADERS_NOT_STORED = frozenset({"set-cookie"})


@lru_cache(maxsize=4096)
def _path_policy(path: str) -> tuple[str, PageCachePolicy | None]:
    """The language of a path (its prefix, or the default) and the cache policy of the view
    it resolves to, if any. Both depend on the path alone, so they are worked out once per
    path and process (the language lookup alone cost more than a hit's own work)."""
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = get_resolver().resolve(path)
        except Resolver404:
            return language, None
    view = match.func
    policy = getattr(view, "page_cache_policy", None)
    if policy is not None:
        return language, policy
    view_class = getattr(view, "cls", None)
    api_policy = getattr(view_class, "api_page_cache_policy", None)
    if api_policy is not None:
        return language, api_policy(actions=getattr(view, "actions", None) or {})
    return language, None


def _accept_is_json(request: HttpRequest) -> bool:
    accept = request.META.get("HTTP_ACCEPT", "")
    kinds = {part.split(";", 1)[0].strip().lower() for part in accept.split(",")}
    return kinds <= ANY_OR_JSON


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
            or has_nul_byte(request)  # refused further in (reject_nul_bytes)
        ):
            return self.get_response(request)
        path = request.path_info
        page_language, policy = _path_policy(path)
        if policy is None:
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # the usual 400
        if policy.api:
            if not _accept_is_json(request):
                return self.get_response(request)
            language = translation.get_language_from_request(request, check_path=False)
        else:
            language = page_language
        query = urlencode(sorted((name, value) for name in policy.params
                                 for value in request.GET.getlist(name)))  # fmt: skip
        if query != request.META.get("QUERY_STRING", ""):
            request.META["QUERY_STRING"] = query
            request.__dict__.pop("GET", None)  # WSGIRequest.GET is a cached property
        raw = f"{request.scheme}://{host}{path}?{query}|{language}|{policy.api}"
        key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
        return self._serve(request, policy=policy, key=key)

    def _serve(self, request: HttpRequest, *, policy: PageCachePolicy, key: str) -> HttpResponse:
        if getattr(cache, "outage_ended", lambda: False)():
            all_content_changed()
        # Only in front of a shared cache (Redis) that answers; locmem is local already.
        local = settings.PAGE_CACHE_LOCAL_SECONDS > 0 and getattr(cache, "available", False)
        versions = PROCESS_TIER.versions_get(policy.areas) if local else None
        if versions is not None:
            entry = PROCESS_TIER.entry_get(key)
            if entry is None or entry[0] != versions:
                entry = cache.get(key)
        else:
            version_keys = [f"content-version:{area}" for area in policy.areas]
            found = cache.get_many([*version_keys, key])
            if not getattr(cache, "available", True):
                return self.get_response(request)
            versions = content_versions(areas=policy.areas, found=found)
            if local:
                PROCESS_TIER.versions_put(policy.areas, versions)
            entry = found.get(key)
        if entry is not None and entry[0] == versions:
            if local:
                PROCESS_TIER.entry_put(key, entry)
            return self._replay(request, entry, policy=policy)
        lock_key = "lock:" + key
        if cache.add(lock_key, 1, timeout=LOCK_SECONDS):
            try:
                return self._render(request, key=key, versions=versions)
            finally:
                cache.delete(lock_key)
        if entry is not None:  # another worker renders the new version: serve the previous
            return self._replay(request, entry, policy=policy)
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            entry = cache.get(key)
            if entry is not None and entry[0] == versions:
                return self._replay(request, entry, policy=policy)
            if not cache.has_key(lock_key):  # the renderer stored nothing (an error page)
                break
        return self.get_response(request)

    def _render(self, request: HttpRequest, *, key: str, versions: tuple) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        cache_control = response.get("Cache-Control", "")
        if (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (user is not None and user.is_authenticated)
            and "private" not in cache_control
            and "no-store" not in cache_control
        ):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in HEADERS_NOT_STORED
                and not name.lower().startswith("access-control-")
            ]
            entry = (versions, response.status_code, headers, response.content)
            cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
            if settings.PAGE_CACHE_LOCAL_SECONDS > 0 and getattr(cache, "available", False):
                PROCESS_TIER.entry_put(key, entry)
        return response

    def _replay(self, request: HttpRequest, entry: tuple, *, policy: PageCachePolicy):
        _versions, status, headers, content = entry
        if policy.api and not _anonymous_throttle_allows(request):
            return self.get_response(request)  # the view answers with its 429
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        conditional = {"HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"} & request.META.keys()
        if policy.api and conditional and "ETag" in response:
            return get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        return response


def _anonymous_throttle_allows(request: HttpRequest) -> bool:
    """The API's anonymous throttle, counting in the same place as the view's (the request
    has no session and no key, so it is anonymous)."""
    if not settings.API_ANON_RATE:
        return True
    from almen.core.api.throttling import AnonymousRateThrottle

    class CachedReadThrottle(AnonymousRateThrottle):
        def get_cache_key(self, request, view):
            return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    return CachedReadThrottle().allow_request(request, view=None)
