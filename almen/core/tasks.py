"""Celery tasks shared by every app: email sending, cleanup of admin import uploads."""

import logging

from celery import shared_task

from almen.core.email import email_from_payload, email_retry_delay_seconds, smtp_error_is_temporary
from almen.core.uploads import import_uploads_stale_delete

logger = logging.getLogger(__name__)

# 30 s doubling to an hour: 30 retries reach a little over a day.
EMAIL_MAX_RETRIES = 30


@shared_task(bind=True, ignore_result=True, max_retries=EMAIL_MAX_RETRIES)
def email_send_task(self, payload: dict) -> bool:
    """Send one email built by ``almen.core.email.email_send``; retry temporary SMTP errors
    with backoff, drop (and log) permanent ones. Enqueue it with ``email_send``, not
    directly."""
    message = email_from_payload(payload)
    try:
        message.send(fail_silently=False)
    except Exception as error:
        if not smtp_error_is_temporary(error) or self.request.retries >= self.max_retries:
            logger.error("email to %s not sent: %s", payload["to"], error)
            return False
        delay = email_retry_delay_seconds(retries=self.request.retries)
        logger.warning("email to %s: retry in %ss: %s", payload["to"], delay, error)
        if self.request.is_eager:  # in-process (embedded default): no broker to retry later
            return False
        raise self.retry(countdown=delay) from error
    return True


@shared_task(ignore_result=True)
def import_uploads_cleanup_task() -> int:
    """Run by Celery beat: delete stale admin import uploads."""
    return import_uploads_stale_delete()
