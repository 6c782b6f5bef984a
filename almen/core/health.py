"""Health checks for docker-compose, load balancers and operators.

``/healthz`` is the cheap liveness check: the process answers and the database does.
``/healthz/services`` reports the database, the cache and the Celery broker separately
(``ok``, ``unavailable`` or ``not used``); it answers 503 only when the database is down,
as the portal serves pages without the cache and accepts sends without the broker (the
sweeper enqueues them later).

Both answer in a middleware placed first, before host validation and the HTTPS redirect:
the container's health check calls ``http://127.0.0.1:8000/healthz`` over plain HTTP,
which production settings would otherwise refuse (400) or redirect to https.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

OK, UNAVAILABLE, NOT_USED = "ok", "unavailable", "not used"


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - reported, not raised
        logger.warning("health: database unavailable: %s", error)
        return UNAVAILABLE
    return OK


def cache_status() -> str:
    probe = uuid.uuid4().hex
    cache.set("health-probe", probe, timeout=30)
    return OK if cache.get("health-probe") == probe else UNAVAILABLE


def broker_status() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return NOT_USED
    from almen.celery import app

    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001 - reported, not raised
        logger.warning("health: broker unavailable: %s", error)
        return UNAVAILABLE
    return OK


def liveness() -> JsonResponse:
    status = database_status()
    return JsonResponse({"status": status}, status=200 if status == OK else 503)


def services() -> JsonResponse:
    report = {"database": database_status(), "cache": cache_status(), "broker": broker_status()}
    if report["database"] != OK:
        overall = "down"
    elif UNAVAILABLE in report.values():
        overall = "degraded"
    else:
        overall = OK
    response = JsonResponse({"status": overall, **report}, status=503 if overall == "down" else 200)
    response["Cache-Control"] = "no-store"
    return response


HEALTH_CHECKS = {"/healthz": liveness, "/healthz/services": services}


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        check = HEALTH_CHECKS.get(request.path_info)
        if check is not None and request.method in ("GET", "HEAD"):
            return check()
        return self.get_response(request)
