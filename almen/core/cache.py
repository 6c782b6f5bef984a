"""Caching of public pages and public API reads for anonymous visitors.

Public pages are read far more often than content is published. Each content area
(``goals``, ``municipalities`` …) has a version number in the cache; publishing content
bumps it (``content_changed``), which makes every cached response that depends on that area
stale at once, without having to know which URLs it appeared on.

A view opts in with ``@cached_public_page(*areas, params=(...))`` (API viewsets through
``ConditionalReadMixin``): it only marks the view with a ``PageCachePolicy``. The work is
done by ``almen.core.page_cache.PublicPageCacheMiddleware``, which sits before the session,
locale and authentication middleware and answers a hit with the stored bytes and headers;
see that module for the key, the stampede lock and when a response is stored.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "content-version:{area}"

# Every area a cached view depends on, so an end of a Redis outage can invalidate them all.
KNOWN_AREAS: set[str] = set()


@dataclass(frozen=True)
class PageCachePolicy:
    areas: tuple[str, ...]  # content areas whose versions the response depends on
    params: tuple[str, ...] = ()  # the query parameters the view reads; all others are dropped
    api: bool = False  # an API read: keyed by Accept and Accept-Language too


class ProcessTier:
    """A small copy of the shared cache inside each process, so that most hits need no
    round trip to Redis: the content versions are remembered for
    ``PAGE_CACHE_LOCAL_SECONDS`` (so another process's publish shows here within that
    time; this process's own at once) and the most recently used entries up to
    ``PAGE_CACHE_LOCAL_MAX_BYTES``. An entry is only served while its versions are the
    remembered current ones."""

    def __init__(self) -> None:
        self._versions: dict[tuple[str, ...], tuple[float, tuple[int, ...]]] = {}
        self._entries: OrderedDict[str, tuple] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def versions_get(self, areas: tuple[str, ...]) -> tuple[int, ...] | None:
        remembered = self._versions.get(areas)
        if remembered is None or remembered[0] < time.monotonic():
            return None
        return remembered[1]

    def versions_put(self, areas: tuple[str, ...], versions: tuple[int, ...]) -> None:
        self._versions[areas] = (time.monotonic() + settings.PAGE_CACHE_LOCAL_SECONDS, versions)

    def entry_get(self, key: str) -> tuple | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def entry_put(self, key: str, entry: tuple) -> None:
        size = len(entry[3])
        if size > settings.PAGE_CACHE_LOCAL_MAX_BYTES // 4:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._bytes -= len(previous[3])
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > settings.PAGE_CACHE_LOCAL_MAX_BYTES:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped[3])

    def versions_forget(self) -> None:
        self._versions.clear()

    def clear(self) -> None:
        with self._lock:
            self._versions.clear()
            self._entries.clear()
            self._bytes = 0


PROCESS_TIER = ProcessTier()


def content_version(*, area: str) -> int:
    version = cache.get(VERSION_KEY.format(area=area))
    if version is None:
        version = 1
        cache.add(VERSION_KEY.format(area=area), version, timeout=None)
    return version


def content_versions(*, areas: tuple[str, ...], found: dict) -> tuple[int, ...]:
    """The versions of ``areas`` from a ``get_many`` result ``found`` (missing: 1)."""
    return tuple(found.get(VERSION_KEY.format(area=area)) or 1 for area in areas)


def _version_bump(area: str) -> None:
    PROCESS_TIER.versions_forget()
    key = VERSION_KEY.format(area=area)
    try:
        if cache.incr(key) is not None:
            return
    except ValueError:  # no version yet
        pass
    # The key was missing (or the cache is unavailable, when this does nothing either).
    if not cache.add(key, 2, timeout=None):
        cache.incr(key)


def content_changed(*, area: str) -> None:
    """Invalidate every cached response that depends on ``area``: now, and again when the
    current transaction commits, so a page rendered in between from the old rows is not
    kept as if it were current."""
    _version_bump(area)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _version_bump(area))


def all_content_changed() -> None:
    for area in sorted(KNOWN_AREAS):
        _version_bump(area)


def cached_public_page(*areas: str, params: tuple[str, ...] = ()) -> Callable:
    """Serve anonymous GET requests of a view from the cache until ``areas`` change.

    ``params`` names the query parameters the view reads (``("q",)`` for a search); the
    cache key and the view see only those, so random parameters neither add cache entries
    nor reach the view. Signed-in users (staff previewing drafts) always get a fresh page.
    """
    KNOWN_AREAS.update(areas)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def marked(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        marked.page_cache_policy = PageCachePolicy(areas=areas, params=params)
        return marked

    return decorator
