"""Celery tasks of the municipalities app: they take ids and call the services."""

from celery import shared_task

from municipalities.imports import observations_import_run


@shared_task(ignore_result=True)
def observations_import_task(upload_id: str) -> None:
    """Run a confirmed admin import of figures (safe to run twice: the upload is claimed
    once)."""
    observations_import_run(upload_id=upload_id)
