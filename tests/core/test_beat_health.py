"""``manage.py beat_health``, the beat container's health check."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

pytestmark = pytest.mark.django_db


def sweeper_ran(ago: timedelta) -> None:
    every, _ = IntervalSchedule.objects.get_or_create(every=60, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.update_or_create(
        name="campaigns-invitation-sweeper",
        defaults={
            "task": "campaigns.tasks.campaign_sweep_task",
            "interval": every,
            "last_run_at": timezone.now() - ago,
        },
    )


def test_healthy_when_beat_ran_the_sweeper_recently(capsys):
    sweeper_ran(timedelta(minutes=2))
    call_command("beat_health")
    assert "beat ran campaigns-invitation-sweeper" in capsys.readouterr().out


def test_unhealthy_when_beat_stopped():
    sweeper_ran(timedelta(minutes=30))
    with pytest.raises(CommandError, match="beat has not run"):
        call_command("beat_health")


def test_unhealthy_before_beat_ever_ran():
    with pytest.raises(CommandError):
        call_command("beat_health")
