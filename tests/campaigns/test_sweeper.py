"""Invitations whose task was lost (broker down at send, a killed worker) are enqueued again
by the sweeper, each once; the shared send rate; staff are told what is pending."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Invitation
from campaigns.services import rate_limit
from campaigns.services.rate_limit import rate_per_second
from campaigns.services.sending import (
    campaign_progress,
    campaign_send,
    invitation_send,
    invitations_due_claim,
)
from campaigns.tasks import campaign_fan_out_task, campaign_sweep_task
from tests.campaigns import test_sending

campaign = test_sending.campaign
recipients = test_sending.recipients

pytestmark = pytest.mark.usefixtures("before_the_webinars")


@pytest.fixture
def broker_down(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch.object(campaign_fan_out_task, "delay", side_effect=OSError("refused")):
        yield


def test_a_send_with_the_broker_down_is_saved_and_reported(
    campaign, recipients, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = campaign_send(campaign=campaign)
    assert result.enqueued is False
    assert result.created == 2
    assert set(Invitation.objects.values_list("status", "task_expected_by")) == {
        (Invitation.Status.QUEUED, None)
    }
    assert campaign_progress(campaign=campaign).overdue == 2


def test_the_sweeper_enqueues_each_lost_invitation_once(
    campaign, recipients, broker_down, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        campaign_send(campaign=campaign)
    settings.CELERY_TASK_ALWAYS_EAGER = True
    first = invitations_due_claim()
    assert len(first) == 2
    assert invitations_due_claim() == []  # claimed: a second sweep enqueues nothing
    assert campaign_progress(campaign=campaign).overdue == 0
    Invitation.objects.update(task_expected_by=timezone.now() - timedelta(seconds=1))
    assert invitations_due_claim() == first  # overdue (a killed worker): enqueued again


def test_the_sweeper_task_sends_them_once_the_broker_is_back(
    campaign, recipients, broker_down, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        campaign_send(campaign=campaign)
    assert mail.outbox == []
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert campaign_sweep_task.delay().get() == 2
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anne@example.org",
        "bo@example.org",
    ]
    assert campaign_sweep_task.delay().get() == 0
    assert len(mail.outbox) == 2
    campaign.refresh_from_db()
    assert campaign.status == campaign.Status.DONE


def test_an_expired_lease_is_claimed_a_live_one_is_not(campaign, recipients, settings):
    now = timezone.now()
    for recipient, started in zip(recipients, [now, now - timedelta(hours=1)], strict=True):
        Invitation.objects.create(
            recipient=recipient, status=Invitation.Status.SENDING, sending_started_at=started
        )
    claimed = invitations_due_claim()
    assert claimed == [recipients[1].invitation.pk]


def test_a_temporary_error_waits_for_its_retry(campaign, recipients, settings):
    invitation = Invitation.objects.create(recipient=recipients[0])
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError):
        result = invitation_send(invitation_id=invitation.pk)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.QUEUED
    expected = timezone.now() + timedelta(
        seconds=result.retry_in_seconds + settings.CAMPAIGN_SEND_LEASE_SECONDS
    )
    assert abs((invitation.task_expected_by - expected).total_seconds()) < 5
    assert invitations_due_claim() == []  # the retry is on its way: no second task


@pytest.mark.django_db(transaction=True)
def test_admin_tells_staff_when_the_broker_is_down(admin_client, campaign, recipients, broker_down):
    url = reverse("admin:campaigns_campaign_send", args=[campaign.pk])
    response = admin_client.post(url, follow=True)
    page = response.content.decode()
    assert "2 invitationer er gemt, men opgavekøen kan ikke nås lige nu." in page
    assert "2 invitationer venter på opgavekøen eller en worker" in page


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("100/s", 100.0), ("600/m", 10.0), ("30/m", 0.5), ("7200/h", 2.0), ("", None), (None, None)],
)
def test_rate_per_second(setting, expected):
    assert rate_per_second(setting) == expected


def test_without_redis_the_bucket_does_not_wait(settings):
    settings.REDIS_URL = ""
    with mock.patch.object(rate_limit.time, "sleep") as sleep:
        rate_limit.send_token_take()
    sleep.assert_not_called()
