"""Celery application, configured from Django's ``CELERY_``-prefixed settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almen.settings")

app = Celery("almen")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
