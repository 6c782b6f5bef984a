"""A Redis cache that is optional: when Redis cannot be reached the portal runs on without it.

Every operation that fails with a connection error or a time-out is logged and answered as
a miss (``get`` returns the default, writes do nothing), so pages and the API are rendered
from the database instead of failing with 500. ``add`` answers True: it is how callers take
a lock (allauth's rate limits, the page cache's render lock), and with nothing stored there
is nothing to guard, so the caller goes ahead as if it held it; answering False would refuse
every sign-in with 429 while Redis is down. The client's socket time-outs
are short (``OPTIONS`` in settings), and after a failure this process leaves Redis alone for
``RETRY_AFTER_SECONDS`` instead of paying the time-out on every request.

``available`` tells callers (the page cache's stampede lock) whether Redis answered last.
When Redis comes back, ``outage_ended()`` is True once: content versions may have been
bumped while it was away, so the page cache invalidates everything it holds.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    RETRY_AFTER_SECONDS = 2.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._outage_seen = False
        self._lock = threading.Lock()

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def outage_ended(self) -> bool:
        """True once after Redis answered again following an outage seen by this process."""
        with self._lock:
            if self._outage_seen and self.available:
                self._outage_seen = False
                return True
            return False

    def _call(self, name: str, fallback, *args, **kwargs):
        if not self.available:
            return fallback
        try:
            return getattr(super(), name)(*args, **kwargs)
        except UNAVAILABLE as error:
            with self._lock:
                if not self._outage_seen:
                    logger.warning("cache unavailable, serving without it: %s", error)
                self._outage_seen = True
                self._down_until = time.monotonic() + self.RETRY_AFTER_SECONDS
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        # A missing key still raises ValueError, as callers expect; an outage returns None.
        return self._call("incr", None, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
