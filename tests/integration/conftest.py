"""Integration fixtures: an aiosmtpd SMTP sink that records every message, and real
``celery -A almen worker`` subprocesses against Redis and the pytest PostgreSQL database.

Run with ``-m integration`` and ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL`` set; see
``.ci/steps/campaigns-integration.sh``.
"""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from tests.integration.harness import RecordingHandler, Worker, free_port, wait_for

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def smtp_sink():
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log
    handler = RecordingHandler()
    # INTEGRATION_SMTP_PORT: a fixed port, for machines where each user has their own range.
    port = int(os.environ.get("INTEGRATION_SMTP_PORT") or free_port())
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    handler.port = controller.port
    yield handler
    handler.release()
    controller.stop()


# --- Celery workers -------------------------------------------------------------------


@pytest.fixture
def celery_workers(tmp_path, smtp_sink):
    """``start(name)`` runs a real Celery worker (prefork, 2 processes) on the test's
    Redis broker, the pytest PostgreSQL test database and the SMTP sink, and waits until
    it is ready. Every worker is stopped at the end, before the database is flushed."""
    if not (settings.USES_POSTGRES and settings.REDIS_URL):
        pytest.fail(
            "integration tests need DATABASE_URL (PostgreSQL) and REDIS_URL; "
            "run .ci/steps/campaigns-integration.sh"
        )
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CAMPAIGN_SEND_RATE_LIMIT": "200/s",
        # A killed worker's tasks come back quickly and its invitations' leases run out.
        "CELERY_VISIBILITY_TIMEOUT": "8",
        "CAMPAIGN_SEND_LEASE_SECONDS": "5",
        "CONN_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
    }
    workers: list[Worker] = []

    def start(name: str) -> Worker:
        log_path = tmp_path / f"worker-{name}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(  # noqa: S603 - fixed argument list
                [
                    sys.executable, "-m", "celery", "-A", "almen", "worker",
                    "--loglevel=INFO", "--pool=prefork", "--concurrency=2",
                    "--without-gossip", "--without-mingle", "--without-heartbeat",
                    "--hostname", f"{name}@%h",
                ],
                cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        worker = Worker(process, log_path)
        workers.append(worker)
        wait_for(
            lambda: "ready." in worker.log() or process.poll() is not None,
            timeout=90,
            what=f"worker {name} to start",
        )
        assert process.poll() is None, worker.log()
        return worker

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def clean_broker():
    """An empty Redis database: no task left over from an earlier run."""
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()
