"""Caching of public pages.

Public pages are read far more often than content is published, so an anonymous GET is
served from the cache. Each content area (``goals``, ``municipalities`` …) has a version
number in the cache; publishing content bumps it, which makes every cached page that
depends on that area stale at once, without having to know which URLs it appeared on.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "content-version:{area}"


def content_version(*, area: str) -> int:
    version = cache.get(VERSION_KEY.format(area=area))
    if version is None:
        version = 1
        cache.add(VERSION_KEY.format(area=area), version, timeout=None)
    return version


def content_changed(*, area: str) -> None:
    """Invalidate every cached public page that depends on ``area``."""
    key = VERSION_KEY.format(area=area)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def _page_key(request: HttpRequest, areas: tuple[str, ...]) -> str:
    versions = ".".join(str(content_version(area=area)) for area in areas)
    return f"page:{versions}:{request.LANGUAGE_CODE}:{request.get_full_path()}"


def cached_public_page(*areas: str) -> Callable:
    """Serve anonymous GET requests of a view from the cache until ``areas`` change.

    Signed-in users (staff previewing drafts) always get a fresh page.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            key = _page_key(request, areas)
            cached = cache.get(key)
            if cached is not None:
                content, content_type = cached
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.cookies:
                cache.set(
                    key,
                    (response.content, response["Content-Type"]),
                    settings.PUBLIC_PAGE_CACHE_SECONDS,
                )
            return response

        return wrapper

    return decorator
