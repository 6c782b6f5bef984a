"""almen.core.email and email_send_task: emails go through Celery, survive SMTP trouble."""

import json
import smtplib
from email import message_from_bytes
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse

from almen.core.email import email_from_payload, email_payload, email_send
from almen.core.tasks import email_send_task


def message_build() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Bekræftelse",
        body="Tak for din tilmelding.",
        from_email="almen@bl.dk",
        to=["byraad@example.org"],
        headers={"X-Almen": "1"},
    )
    message.attach_alternative("<p>Tak for din tilmelding.</p>", "text/html")
    message.attach("webinar.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.attach("data.bin", b"\x00\x01\xff", "application/octet-stream")
    return message


def test_payload_round_trip_keeps_every_part():
    restored = email_from_payload(email_payload(message=message_build()))
    assert restored.subject == "Bekræftelse"
    assert restored.to == ["byraad@example.org"]
    assert restored.extra_headers == {"X-Almen": "1"}
    assert restored.alternatives[0][1] == "text/html"
    assert restored.attachments[0] == (
        "webinar.ics",
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
        "text/calendar",
    )
    assert restored.attachments[1] == ("data.bin", b"\x00\x01\xff", "application/octet-stream")


@pytest.mark.django_db(transaction=True)
def test_email_send_waits_for_commit():
    with transaction.atomic():
        email_send(message=message_build())
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Bekræftelse"


@pytest.mark.django_db(transaction=True)
def test_email_send_is_not_sent_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        email_send(message=message_build())
        raise RuntimeError
    assert mail.outbox == []


def test_task_retries_a_temporary_error_later():
    payload = email_payload(message=message_build())
    refused = ConnectionRefusedError("SMTP down")
    with (
        mock.patch.object(EmailMultiAlternatives, "send", side_effect=refused),
        mock.patch.object(email_send_task, "retry", side_effect=RuntimeError("retry")) as retry,
        pytest.raises(RuntimeError, match="retry"),
    ):
        email_send_task.run(payload)
    assert retry.call_args.kwargs["countdown"] == 30


def test_task_drops_a_permanent_error():
    payload = email_payload(message=message_build())
    rejected = smtplib.SMTPRecipientsRefused({"byraad@example.org": (550, b"No such user")})
    with (
        mock.patch.object(EmailMultiAlternatives, "send", side_effect=rejected),
        mock.patch.object(email_send_task, "retry") as retry,
    ):
        assert email_send_task.run(payload) is False
    retry.assert_not_called()


@pytest.mark.django_db(transaction=True)
def test_broker_down_sends_in_the_request(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch.object(email_send_task, "delay", side_effect=OSError("broker down")):
        email_send(message=message_build())
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_broker_and_smtp_down_do_not_raise(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with (
        mock.patch.object(email_send_task, "delay", side_effect=OSError("broker down")),
        mock.patch.object(EmailMultiAlternatives, "send", side_effect=OSError("SMTP down")),
    ):
        email_send(message=message_build())
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_account_emails_go_through_the_email_task(client, staff_user):
    with mock.patch.object(email_send_task, "delay", wraps=email_send_task.delay) as delay:
        response = client.post(reverse("account_reset_password"), {"email": staff_user.email})
    assert response.status_code == 302
    assert delay.call_count == 1
    assert [message.to for message in mail.outbox] == [[staff_user.email]]


def test_a_ready_made_mime_part_survives_the_queue():
    from email.mime.text import MIMEText

    message = message_build()
    part = MIMEText("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n", "calendar", "utf-8")
    part.set_param("method", "REQUEST")
    part.add_header("Content-Disposition", "attachment", filename="webinar-23-marts.ics")
    message.attach(part)
    restored = email_from_payload(json.loads(json.dumps(email_payload(message=message))))
    (calendar,) = [
        sent
        for sent in message_from_bytes(restored.message().as_bytes()).walk()
        if sent.get_filename() == "webinar-23-marts.ics"
    ]
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_filename() == "webinar-23-marts.ics"
    assert b"METHOD:REQUEST" in calendar.get_payload(decode=True)
