"""Celery tasks of the editorial workflow; each is safe to run twice (and at once)."""

from celery import shared_task

from almen.editorial.scheduling import schedule_run


@shared_task(ignore_result=True)
def schedule_run_task() -> int:
    """Run by Celery beat every minute: carry out the scheduled publications and
    withdrawals whose time has come (almen/editorial/scheduling.py)."""
    return schedule_run()
