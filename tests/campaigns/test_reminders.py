"""Reminders the day before a session (Danish time), once, to those actively registered;
across the daylight-saving switches of 29 March and 25 October 2026."""

from datetime import datetime, timedelta
from email import message_from_bytes
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from almen.celery import app as celery_app
from campaigns.models import Campaign, Recipient, Registration, Webinar, WebinarSession
from campaigns.services.reminders import registration_reminder_send, reminders_due_ids
from campaigns.tasks import reminders_send_due_task
from municipalities.models import Municipality

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def webinar(db):
    return Webinar.objects.create(
        slug="webinar-almene-boligsektor", title="Webinar om mulighederne i den almene boligsektor"
    )


@pytest.fixture
def recipient(webinar):
    campaign = Campaign.objects.create(slug="kv25-test", name="KV25 test", webinar=webinar)
    return Recipient.objects.create(
        campaign=campaign,
        name="Anne Jensen",
        email="anne@example.org",
        municipality=Municipality.objects.get(code="326"),
    )


def registration_at(webinar, recipient, starts_at: datetime, **fields) -> Registration:
    session = WebinarSession.objects.create(
        webinar=webinar,
        key=f"s{starts_at:%m%d%H%M}",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        join_url="https://example.org/join",
    )
    return Registration.objects.create(recipient=recipient, session=session, **fields)


def due_at(local: datetime) -> list[int]:
    return reminders_due_ids(now=local)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=CPH)


# --- Timing ---------------------------------------------------------------------------


def test_a_session_just_after_midnight_in_summer_time_is_reminded_the_local_day_before(
    webinar, recipient
):
    # Monday 30 March 2026 00:30 CEST is Sunday 29 March 22:30 UTC: "the day before" is
    # Sunday 29 March in Denmark, not Saturday as the UTC date would have it.
    registration = registration_at(webinar, recipient, local(2026, 3, 30, 0, 30))

    assert due_at(local(2026, 3, 28, 23, 59)) == []
    assert due_at(local(2026, 3, 29, 8, 59)) == []  # before the reminder hour
    assert due_at(local(2026, 3, 29, 9, 0)) == [registration.pk]
    assert due_at(local(2026, 3, 29, 23, 59)) == [registration.pk]
    assert due_at(local(2026, 3, 30, 0, 10)) == []  # the day itself: too late


def test_a_session_on_the_day_the_clocks_go_forward(webinar, recipient):
    # 29 March 2026 has only 23 hours; a session at 03:30 (just after 02:00 became 03:00)
    # is reminded on Saturday 28 March.
    registration = registration_at(webinar, recipient, local(2026, 3, 29, 3, 30))

    assert local(2026, 3, 29, 3, 30).utcoffset().total_seconds() == 2 * 3600
    assert due_at(local(2026, 3, 27, 12, 0)) == []
    assert due_at(local(2026, 3, 28, 9, 0)) == [registration.pk]
    assert due_at(local(2026, 3, 29, 9, 0)) == []


def test_sessions_around_the_day_the_clocks_go_back(webinar, recipient):
    # 25 October 2026 has 25 hours. A session late that evening (23:30 CET = 22:30 UTC)
    # and one just after the following midnight (00:30 CET on 26 October = 23:30 UTC on
    # the 25th) are reminded on the 24th and the 25th respectively.
    late_evening = registration_at(webinar, recipient, local(2026, 10, 25, 23, 30))
    after_midnight = registration_at(webinar, recipient, local(2026, 10, 26, 0, 30))

    assert due_at(local(2026, 10, 24, 9, 0)) == [late_evening.pk]
    assert due_at(local(2026, 10, 25, 9, 0)) == [after_midnight.pk]
    # The 25th lasts 25 hours; at 23:59 it is still the 25th in Denmark (22:59 UTC).
    assert due_at(local(2026, 10, 25, 23, 59)) == [after_midnight.pk]
    assert due_at(local(2026, 10, 26, 0, 1)) == []


# --- Sending --------------------------------------------------------------------------


def test_the_beat_task_sends_one_reminder_once_across_the_dst_switch(webinar, recipient):
    registration = registration_at(webinar, recipient, local(2026, 3, 30, 0, 30))

    with time_machine.travel(local(2026, 3, 29, 9, 15), tick=False):
        assert reminders_send_due_task.delay().get() == 1
        reminders_send_due_task.delay()  # beat runs again 15 minutes later
        assert registration_reminder_send(registration_id=registration.pk) is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anne@example.org"]
    assert message.subject == (
        "Påmindelse: »Webinar om mulighederne i den almene boligsektor« i morgen kl. 00.30"
    )
    assert message.body.startswith("Kære Anne Jensen,\n")
    assert "mandag den 30. marts 2026 kl. 00.30–01.30" in message.body
    assert "Deltag i webinaret her: https://example.org/join" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    parsed = message_from_bytes(message.message().as_bytes())
    (part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    (event,) = icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    assert event.decoded("DTSTART") == local(2026, 3, 30, 0, 30)
    registration.refresh_from_db()
    assert registration.reminder_sent_at == local(2026, 3, 29, 9, 15)


def test_no_reminder_for_cancelled_registrations_or_unsubscribed_recipients(webinar, recipient):
    registration_at(webinar, recipient, local(2026, 3, 10, 12, 0), cancelled_at=timezone.now())
    registration_at(webinar, recipient, local(2026, 3, 10, 17, 0))
    Recipient.objects.filter(pk=recipient.pk).update(unsubscribed_at=timezone.now())

    with time_machine.travel(local(2026, 3, 9, 10, 0), tick=False):
        assert reminders_send_due_task.delay().get() == 0

    assert mail.outbox == []


def test_no_reminder_once_the_session_has_started(webinar, recipient):
    registration = registration_at(webinar, recipient, local(2026, 3, 10, 12, 0))

    sent = registration_reminder_send(
        registration_id=registration.pk, now=local(2026, 3, 10, 12, 5)
    )

    assert sent is False and mail.outbox == []


@pytest.mark.django_db(transaction=True)  # the scheduler closes connections left in a transaction
def test_the_reminder_task_is_scheduled_every_quarter_of_an_hour_by_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["campaigns-webinar-reminders"]
    assert entry == {"task": "campaigns.tasks.reminders_send_due_task", "schedule": 15 * 60}
    assert entry["task"] in celery_app.tasks

    DatabaseScheduler(app=celery_app)  # what `celery beat` starts with: syncs the schedule

    task = PeriodicTask.objects.get(name="campaigns-webinar-reminders")
    assert task.task == "campaigns.tasks.reminders_send_due_task"
    assert (task.interval.every, task.interval.period) == (900, "seconds")
    assert task.enabled


def test_reminders_go_only_to_registrations_for_a_future_session_not_cancelled(webinar, recipient):
    held = registration_at(webinar, recipient, local(2026, 3, 10, 12, 0))
    cancelled = registration_at(webinar, recipient, local(2026, 3, 23, 12, 0))
    WebinarSession.objects.filter(pk=cancelled.session_id).update(is_cancelled=True)
    coming = registration_at(webinar, recipient, local(2026, 3, 23, 17, 0))

    with time_machine.travel(local(2026, 3, 22, 9, 15), tick=False):
        assert reminders_due_ids() == [coming.pk]
        assert reminders_send_due_task.delay().get() == 1
        assert registration_reminder_send(registration_id=held.pk) is False
        assert registration_reminder_send(registration_id=cancelled.pk) is False

    (message,) = mail.outbox
    assert "mandag den 23. marts 2026 kl. 17.00–18.00" in message.body
