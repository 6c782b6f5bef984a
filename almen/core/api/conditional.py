"""Conditional GET for the public API: ``ETag``, ``Last-Modified`` and ``Cache-Control``.

The ETag is a hash of the response body, so it changes exactly when the data a client sees
changes. Last-Modified is the time the client could first have seen the current version
of the content areas the endpoint reads (``almen.core.cache`` bumps an area's version when
content is published or edited), so it needs no query either.
"""

import hashlib
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag
from rest_framework.renderers import JSONRenderer

from almen.core.cache import KNOWN_AREAS, PageCachePolicy, content_version

LAST_MODIFIED_KEY = "api-last-modified:{area}:{version}"


def content_last_modified(*, areas: tuple[str, ...]) -> datetime:
    """When the current version of ``areas`` was first served (to the second)."""
    now = int(datetime.now(tz=UTC).timestamp())
    newest = 0
    for area in areas:
        key = LAST_MODIFIED_KEY.format(area=area, version=content_version(area=area))
        cache.add(key, now, timeout=None)
        newest = max(newest, cache.get(key) or now)
    return datetime.fromtimestamp(newest or now, tz=UTC)


class ConditionalReadMixin:
    """For viewsets of public data: successful GETs get ``ETag``, ``Last-Modified`` and
    ``Cache-Control: public, max-age=…``, and a matching ``If-None-Match`` or
    ``If-Modified-Since`` gets ``304 Not Modified``. Errors (and OPTIONS) are always JSON,
    also when the client asked for CSV. Views set ``content_areas`` (the cache areas they read) and
    ``private_actions`` for staff-only data, which is never cached."""

    content_areas: tuple[str, ...] = ()
    private_actions: tuple[str, ...] = ()
    # Query parameters a viewset reads without a filterset (its filters are its own).
    query_params: tuple[str, ...] = ()

    @classmethod
    def api_page_cache_policy(cls, *, actions: dict[str, str]) -> PageCachePolicy | None:
        """How ``almen.core.page_cache`` caches anonymous reads of this viewset: keyed by
        the filters, pagination and ``format``; never for the private actions."""
        action = actions.get("get")
        if action is None or action in cls.private_actions:
            return None
        params = {"page", "page_size", "format", *cls.query_params}
        filterset_class = getattr(cls, "filterset_class", None)
        if filterset_class is not None:
            params.update(filterset_class.base_filters)
        areas = cls.content_areas or ("api",)
        KNOWN_AREAS.update(areas)
        return PageCachePolicy(areas=areas, params=tuple(sorted(params)), api=True)

    def initialize_request(self, request, *args, **kwargs):
        # /api/ is outside i18n_patterns, where LocaleMiddleware would always pick Danish:
        # the API follows the client's Accept-Language (Danish by default).
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        return super().initialize_request(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        not_data = getattr(response, "exception", False) or request.method not in ("GET", "HEAD")
        if not_data and renderer and renderer.format == "csv":
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Accept", "Accept-Language"))
        if getattr(self, "action", None) in self.private_actions:
            patch_cache_control(response, private=True, no_store=True)
            return response
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
        last_modified = content_last_modified(areas=self.content_areas or ("api",))
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified.timestamp())
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
        return get_conditional_response(
            request,
            etag=etag,
            last_modified=int(last_modified.timestamp()),
            response=response,
        )
