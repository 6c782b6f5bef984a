"""Celery application, configured from Django's ``CELERY_``-prefixed settings."""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun
from django.db import close_old_connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almen.settings")

app = Celery("almen")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
@task_postrun.connect
def database_connections_recycle(task=None, **_kwargs) -> None:
    """Around each task in a worker, what Django does around each request: close a
    connection that is broken, in a failed transaction or older than ``CONN_MAX_AGE``, and
    keep the others for the next task (``CELERY_DB_REUSE_MAX``). Not for a task run eagerly,
    inside the caller's own work and transaction."""
    if task is not None and getattr(task.request, "is_eager", False):
        return
    close_old_connections()
