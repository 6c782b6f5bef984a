"""``manage.py beat_health``: the health check of the beat container. Exits 1 unless beat
recorded a run of the invitation sweeper recently (django-celery-beat writes ``last_run_at``
to the database every few minutes)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

SWEEPER = "campaigns-invitation-sweeper"
# django-celery-beat saves last_run_at at most every three minutes.
SAVE_INTERVAL_SECONDS = 3 * 60


class Command(BaseCommand):
    help = "Exit 0 when Celery beat has scheduled the invitation sweeper recently."

    def handle(self, *args, **options):
        allowed = timedelta(seconds=3 * settings.CAMPAIGN_SWEEP_SECONDS + SAVE_INTERVAL_SECONDS)
        last_run = (
            PeriodicTask.objects.filter(name=SWEEPER).values_list("last_run_at", flat=True).first()
        )
        if last_run is None or timezone.now() - last_run > allowed:
            raise CommandError(f"beat has not run {SWEEPER} since {last_run}")
        self.stdout.write(f"beat ran {SWEEPER} at {last_run.isoformat()}")
