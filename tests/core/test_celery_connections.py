"""almen/celery.py: a worker keeps its database connection from one task to the next and
recycles it as Django does around a request; a task run eagerly leaves the caller's
connection alone."""

from types import SimpleNamespace
from unittest import mock

from almen import celery
from almen.celery import app, database_connections_recycle


def task(*, is_eager: bool):
    return SimpleNamespace(request=SimpleNamespace(is_eager=is_eager))


def test_a_worker_task_recycles_old_connections_as_a_request_does():
    with mock.patch.object(celery, "close_old_connections") as close_old_connections:
        database_connections_recycle(task=task(is_eager=False))
    close_old_connections.assert_called_once_with()


def test_an_eager_task_leaves_the_callers_connection_alone():
    with mock.patch.object(celery, "close_old_connections") as close_old_connections:
        database_connections_recycle(task=task(is_eager=True))
    close_old_connections.assert_not_called()


def test_celerys_fixup_does_not_close_the_connection_after_every_task():
    assert app.conf.get("CELERY_DB_REUSE_MAX") == 1000
