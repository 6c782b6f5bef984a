"""almen.core.health: liveness and the per-service report, answered before host checks and
the HTTPS redirect."""

import json
from unittest import mock

import pytest

from almen.core import health

pytestmark = pytest.mark.django_db


def test_liveness_answers_any_host_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["almen.bl.dk"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_services_reports_each_service(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # no broker in use (the embedded default)
    response = client.get("/healthz/services")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "not used",
    }


def test_services_reports_a_degraded_cache_and_broker(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with (
        mock.patch.object(health, "cache_status", return_value=health.UNAVAILABLE),
        mock.patch("almen.celery.app.connection_for_write", side_effect=OSError("refused")),
    ):
        response = client.get("/healthz/services")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
        "broker": "unavailable",
    }


def test_services_is_503_without_the_database(client):
    with mock.patch.object(health, "database_status", return_value=health.UNAVAILABLE):
        response = client.get("/healthz/services")
    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "down"
