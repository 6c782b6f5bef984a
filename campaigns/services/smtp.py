"""Campaign mail over one SMTP connection per worker, reused from message to message.

Opening a connection (TCP, EHLO, STARTTLS, AUTH) costs several round trips, more than a
message itself; a worker sending thousands of invitations keeps one open instead. The
connection is dropped, and the next message opens a fresh one:

- after any error, so a broken connection is never used twice (the message's own error
  handling decides whether to try it again);
- when it has been idle for ``CAMPAIGN_SMTP_IDLE_SECONDS`` (servers close idle connections
  after a minute or more; a connection they may have closed is not trusted);
- after ``CAMPAIGN_SMTP_MESSAGES_PER_CONNECTION`` messages (relays limit messages per
  connection);
- when the email settings changed (tests switch backends).

Each thread (and each prefork child, which opens its own after the fork) has its own.
"""

import contextlib
import threading
import time

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

_local = threading.local()


def _settings_key() -> tuple:
    return (
        settings.EMAIL_BACKEND,
        settings.EMAIL_HOST,
        settings.EMAIL_PORT,
        settings.EMAIL_HOST_USER,
        settings.EMAIL_USE_TLS,
        settings.EMAIL_USE_SSL,
    )


def smtp_connection_close() -> None:
    connection = getattr(_local, "connection", None)
    _local.connection = None
    if connection is not None:
        # A connection being dropped may already be broken; closing it cannot fail a send.
        with contextlib.suppress(Exception):
            connection.close()


def _connection_get():
    now = time.monotonic()
    usable = (
        getattr(_local, "connection", None) is not None
        and _local.key == _settings_key()
        and now - _local.last_used < settings.CAMPAIGN_SMTP_IDLE_SECONDS
        and _local.sent < settings.CAMPAIGN_SMTP_MESSAGES_PER_CONNECTION
    )
    if not usable:
        smtp_connection_close()
        connection = get_connection(timeout=settings.CAMPAIGN_SMTP_TIMEOUT_SECONDS)
        connection.open()
        _local.connection, _local.key, _local.sent = connection, _settings_key(), 0
        _local.last_used = now
    return _local.connection


def campaign_message_send(message: EmailMessage) -> None:
    """Send ``message`` over this worker's connection; raises what SMTP raised."""
    try:
        message.connection = _connection_get()
        message.send(fail_silently=False)
    except Exception:
        smtp_connection_close()
        raise
    finally:
        message.connection = None  # the message keeps no reference to the shared socket
    _local.sent += 1
    _local.last_used = time.monotonic()
