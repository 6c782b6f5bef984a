"""Celery tasks of the core app."""

from celery import shared_task

from almen.core.uploads import import_uploads_stale_delete


@shared_task(ignore_result=True)
def import_uploads_cleanup_task() -> int:
    """Run by Celery beat: delete stale admin import uploads."""
    return import_uploads_stale_delete()
