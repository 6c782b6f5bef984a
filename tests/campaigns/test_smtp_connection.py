"""A worker reuses one SMTP connection for many messages (campaigns/services/smtp.py)."""

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

from campaigns.services.smtp import campaign_message_send, smtp_connection_close


class CountingBackend(LocmemBackend):
    """Counts the connections opened; fails the sends listed in ``failures``."""

    opened = 0
    failures: list[Exception] = []

    def open(self):
        CountingBackend.opened += 1
        return True

    def send_messages(self, messages):
        if CountingBackend.failures:
            raise CountingBackend.failures.pop(0)
        return super().send_messages(messages)


@pytest.fixture(autouse=True)
def counting_backend(settings):
    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"
    CountingBackend.opened = 0
    CountingBackend.failures = []
    smtp_connection_close()
    yield
    smtp_connection_close()


def _send(count: int) -> None:
    for number in range(count):
        campaign_message_send(EmailMessage(f"Besked {number}", "Tekst", to=["a@example.org"]))


def test_messages_share_one_connection():
    _send(3)
    assert CountingBackend.opened == 1
    assert [message.subject for message in mail.outbox] == ["Besked 0", "Besked 1", "Besked 2"]


def test_an_error_drops_the_connection_and_the_next_message_opens_a_new_one():
    _send(1)
    CountingBackend.failures = [smtplib.SMTPServerDisconnected("Connection unexpectedly closed")]
    with pytest.raises(smtplib.SMTPServerDisconnected):
        _send(1)
    _send(1)
    assert CountingBackend.opened == 2
    assert len(mail.outbox) == 2


def test_a_connection_carries_at_most_the_configured_number_of_messages(settings):
    settings.CAMPAIGN_SMTP_MESSAGES_PER_CONNECTION = 2
    _send(5)
    assert CountingBackend.opened == 3


def test_an_idle_connection_is_not_trusted(settings):
    settings.CAMPAIGN_SMTP_IDLE_SECONDS = 0
    _send(2)
    assert CountingBackend.opened == 2


def test_changed_email_settings_open_a_new_connection(settings):
    _send(1)
    settings.EMAIL_HOST = "smtp.example.org"
    _send(1)
    assert CountingBackend.opened == 2
