"""Email through Celery: every email the portal sends outside a campaign goes out in a task
with retries, never inside a web request.

``email_send`` takes a built ``EmailMessage`` (or ``EmailMultiAlternatives``), turns it
into a JSON payload and enqueues ``almen.core.tasks.email_send_task`` after the current
transaction commits. The task sends it with ``EMAIL_TIMEOUT`` and retries temporary SMTP
errors (4xx replies, refused or lost connections) with exponential backoff for about a day
(``EMAIL_RETRY_BACKOFF_SECONDS``, doubled per retry, at most an hour);
a permanent error (5xx) is logged and dropped. With SMTP down the request that asked for the
email still succeeds and the email goes out once the server is back.

If the broker itself cannot be reached the email is sent at once in the request (bounded by
``EMAIL_TIMEOUT``), and an error there is logged rather than raised: the request's own work
is already committed.
"""

import base64
import logging
import smtplib
from email import message_from_bytes
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction

logger = logging.getLogger(__name__)

MAX_RETRY_DELAY_SECONDS = 60 * 60


def smtp_error_is_temporary(error: Exception) -> bool:
    """4xx replies and lost connections are worth retrying; 5xx replies are not."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(
        error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError | OSError
    )


def email_payload(*, message: EmailMessage) -> dict:
    """A JSON-safe description of ``message`` (attachments base64-encoded)."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):  # a ready-made part (e.g. a calendar file)
            encoded = base64.b64encode(attachment.as_bytes()).decode("ascii")
            attachments.append([None, encoded, "message/x-mime-part"])
            continue
        name, content, mimetype = attachment
        data = content.encode() if isinstance(content, str) else content
        attachments.append([name, base64.b64encode(data).decode("ascii"), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def email_from_payload(payload: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
        cc=payload["cc"],
        bcc=payload["bcc"],
        reply_to=payload["reply_to"],
        headers=payload["headers"],
    )
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, data, mimetype in payload["attachments"]:
        content = base64.b64decode(data)
        if mimetype == "message/x-mime-part":
            message.attach(_mime_part(content))
            continue
        if mimetype and mimetype.startswith("text/"):
            content = content.decode()
        message.attach(name, content, mimetype)
    return message


def _mime_part(data: bytes) -> MIMEBase:
    """A MIME part again from its bytes, headers and encoded payload as they were."""
    parsed = message_from_bytes(data)
    part = MIMEBase(parsed.get_content_maintype(), parsed.get_content_subtype())
    for header in list(part.keys()):
        del part[header]
    for header, value in parsed.items():
        part[header] = value
    part.set_payload(parsed.get_payload())
    return part


def email_send(*, message: EmailMessage) -> None:
    """Send ``message`` from a Celery task after the current transaction commits (at once
    outside a transaction). Never raises for SMTP or broker trouble; see the module doc."""
    payload = email_payload(message=message)
    transaction.on_commit(lambda: _email_enqueue(payload=payload))


def _email_enqueue(*, payload: dict) -> None:
    from almen.core.tasks import email_send_task

    try:
        email_send_task.delay(payload)
    except Exception as error:  # noqa: BLE001 - the broker is down: send it now instead
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise
        logger.warning("email to %s: broker unavailable (%s), sending now", payload["to"], error)
        try:
            email_from_payload(payload).send()
        except Exception:  # noqa: BLE001 - logged; the request's own work is committed
            logger.exception("email to %s could not be sent", payload["to"])


def email_retry_delay_seconds(*, retries: int) -> int:
    """``EMAIL_RETRY_BACKOFF_SECONDS`` (30 s), doubled per retry, at most an hour."""
    return min(settings.EMAIL_RETRY_BACKOFF_SECONDS * 2**retries, MAX_RETRY_DELAY_SECONDS)
