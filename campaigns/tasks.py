"""Celery tasks of the campaigns app: they take ids and call the services, which hold the
logic and record every send in the database; each task is safe to run twice."""

import smtplib

from celery import shared_task
from django.conf import settings

from campaigns.services.rate_limit import send_token_take
from campaigns.services.recipients import councillors_import_run, recipients_past_retention_erase
from campaigns.services.reminders import registration_reminder_send, reminders_due_ids
from campaigns.services.sending import (
    SendOutcome,
    campaign_finish_if_complete,
    campaigns_sending_unfinished_ids,
    invitation_send,
    invitations_due_claim,
)
from campaigns.services.session_updates import (
    registration_update_send,
    session_update_registration_ids,
)


@shared_task(ignore_result=True)
def campaign_fan_out_task(campaign_id: int) -> int:
    """Enqueue one ``invitation_send_task`` per invitation waiting to be sent."""
    invitation_ids = invitations_due_claim(campaign_id=campaign_id)
    for invitation_id in invitation_ids:
        invitation_send_task.delay(invitation_id)
    if not invitation_ids:  # a send with nobody new: nothing will finish the campaign
        campaign_finish_if_complete(campaign_id=campaign_id)
    return len(invitation_ids)


@shared_task(bind=True, ignore_result=True)
def invitation_send_task(self, invitation_id: int) -> str:
    """Send one invitation; retried with backoff after a temporary SMTP error, and checked
    again later when another worker holds it (its lease decides who sends)."""
    result = invitation_send(invitation_id=invitation_id)
    if self.request.is_eager:
        # In-process (the embedded default, tests) there is no broker to hold a countdown
        # and no other worker whose lease could run out: retry temporary errors at once
        # (bounded by CAMPAIGN_SEND_MAX_ATTEMPTS).
        while result.outcome == SendOutcome.RETRY:
            result = invitation_send(invitation_id=invitation_id)
        return str(result.outcome)
    if result.retry_in_seconds is not None:
        raise self.retry(countdown=result.retry_in_seconds, max_retries=None)
    return str(result.outcome)


@shared_task(ignore_result=True)
def campaign_sweep_task() -> int:
    """Run by Celery beat every ``CAMPAIGN_SWEEP_SECONDS``: enqueue the invitations whose
    task never reached the broker or was lost with a worker, and finish campaigns with
    nothing left to send (see campaigns/services/sending.py)."""
    invitation_ids = invitations_due_claim()
    for invitation_id in invitation_ids:
        invitation_send_task.delay(invitation_id)
    for campaign_id in campaigns_sending_unfinished_ids():
        campaign_finish_if_complete(campaign_id=campaign_id)
    return len(invitation_ids)


@shared_task(ignore_result=True)
def reminders_send_due_task() -> int:
    """Run by Celery beat (settings.CELERY_BEAT_SCHEDULE): enqueue a reminder for every
    active registration whose session is tomorrow, Danish time."""
    registration_ids = reminders_due_ids()
    for registration_id in registration_ids:
        reminder_send_task.delay(registration_id)
    return len(registration_ids)


@shared_task(ignore_result=True)
def reminder_send_task(registration_id: int) -> bool:
    send_token_take()
    return registration_reminder_send(registration_id=registration_id)


# --- Session updates (a session moved or cancelled by staff) ---------------------------


@shared_task(ignore_result=True)
def session_updates_send_task(session_id: int) -> int:
    """Enqueue one update per registration of the session still holding an older calendar
    version (``campaigns.services.session_updates``)."""
    registration_ids = session_update_registration_ids(session_id=session_id)
    for registration_id in registration_ids:
        registration_update_send_task.delay(registration_id)
    return len(registration_ids)


@shared_task(
    ignore_result=True,
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=settings.CAMPAIGN_SEND_RETRY_BACKOFF_SECONDS,
    retry_backoff_max=60 * 60,
    max_retries=settings.CAMPAIGN_SEND_MAX_ATTEMPTS,
)
def registration_update_send_task(registration_id: int) -> bool:
    """Send one update; an SMTP error retries with backoff (the service sends once)."""
    send_token_take()
    return registration_update_send(registration_id=registration_id)


@shared_task(ignore_result=True)
def councillors_import_task(upload_id: str) -> None:
    """Run a confirmed admin import of councillors (safe to run twice: the upload is
    claimed once)."""
    councillors_import_run(upload_id=upload_id)


@shared_task(ignore_result=True)
def recipients_retention_task() -> int:
    """Run by Celery beat every night: erase councillors' data a year after the invitation,
    as the privacy notice promises."""
    return recipients_past_retention_erase()
