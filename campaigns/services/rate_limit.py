"""The campaign send rate, across all workers together: a token bucket in Redis.

``CAMPAIGN_SEND_RATE_LIMIT`` ("10/s", "600/m", "30/m") is the most messages per unit of
time the portal hands to the SMTP relay, whatever the number of workers and processes.
(Celery's own ``rate_limit`` is a bucket per worker process that also holds back the
worker's other tasks: with it the campaign went out far below the setting.)

Each send takes one token first (``send_token_take``), sleeping until one is free. The
bucket holds at most a tenth of a second's worth (at least one token), so no second sees
much more than the rate. The bucket lives in Redis (the broker's), updated atomically by a
Lua script, so every worker shares it. Without Redis (the embedded default) nothing is
limited; if Redis fails, this process alone keeps to the rate.
"""

import logging
import time
from functools import cache

from django.conf import settings

logger = logging.getLogger(__name__)

BUCKET_KEY = "almen:campaign-send-bucket"
UNITS = {"s": 1, "m": 60, "h": 3600}
# KEYS[1]: the bucket; ARGV: rate per second, capacity, now (s). Returns seconds to wait
# (0: a token was taken).
TAKE_SCRIPT = """
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('EXPIRE', KEYS[1], 3600)
return tostring(wait)
"""


def rate_per_second(rate: str | None) -> float | None:
    """ "100/s" → 100.0, "600/m" → 10.0; empty or None: no limit."""
    if not rate:
        return None
    count, _, unit = rate.partition("/")
    return float(count) / UNITS[(unit or "s")[0]]


@cache
def _redis_client():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


def send_token_take() -> None:
    """Block until the shared bucket gives this process a token for one message."""
    rate = rate_per_second(settings.CAMPAIGN_SEND_RATE_LIMIT)
    if rate is None or not settings.REDIS_URL or settings.CELERY_TASK_ALWAYS_EAGER:
        return
    capacity = max(1.0, rate / 10)
    client = _redis_client()
    while True:
        try:
            # Redis's clock for every worker, so their clocks need not agree.
            seconds, microseconds = client.time()
            wait = float(
                client.eval(
                    TAKE_SCRIPT, 1, BUCKET_KEY, rate, capacity, seconds + microseconds / 1e6
                )
            )
        except Exception as error:  # noqa: BLE001 - keep to the rate in this process alone
            logger.warning("send rate bucket unavailable, limiting locally: %s", error)
            time.sleep(1 / rate)
            return
        if wait <= 0:
            return
        time.sleep(wait)
