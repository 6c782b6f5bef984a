"""Reminders the day before a webinar session, to those actively registered, once each.

"The day before" is counted in Danish time (Europe/Copenhagen): a session on Monday 30 March
2026 at 00:30 (summer time, 29 March 22:30 UTC) is reminded on Sunday 29 March, not on
Saturday as a UTC date would have it. Celery beat runs ``reminders_send_due_task`` every 15
minutes (``settings.CELERY_BEAT_SCHEDULE``); reminders go out from
``settings.CAMPAIGN_REMINDER_FROM_HOUR`` o'clock on that day.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from campaigns.ics import CalendarMethod
from campaigns.models import Registration
from campaigns.services.sending import campaign_email
from campaigns.services.smtp import campaign_message_send

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def reminder_window(*, now: datetime) -> tuple[datetime, datetime] | None:
    """The start and end of tomorrow in Danish time, or None before the hour reminders go
    out. Midnight is built from the local date, so the window is 23 or 25 hours long on
    the days the clocks change."""
    local_now = timezone.localtime(now, COPENHAGEN)
    if local_now.hour < settings.CAMPAIGN_REMINDER_FROM_HOUR:
        return None
    tomorrow = local_now.date() + timedelta(days=1)
    starts = datetime.combine(tomorrow, time.min, tzinfo=COPENHAGEN)
    ends = datetime.combine(tomorrow + timedelta(days=1), time.min, tzinfo=COPENHAGEN)
    return starts, ends


def _active_registrations():
    return Registration.objects.filter(
        cancelled_at__isnull=True,
        reminder_sent_at__isnull=True,
        recipient__unsubscribed_at__isnull=True,
        recipient__erased_at__isnull=True,
        session__is_cancelled=False,
    )


def reminders_due_ids(*, now: datetime | None = None) -> list[int]:
    """Active registrations not yet reminded whose session is tomorrow (Danish time) and
    not cancelled."""
    window = reminder_window(now=now or timezone.now())
    if window is None:
        return []
    starts, ends = window
    return list(
        _active_registrations()
        .filter(session__starts_at__gte=starts, session__starts_at__lt=ends)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def registration_reminder_send(*, registration_id: int, now: datetime | None = None) -> bool:
    """Email the reminder for one registration, once: the row is locked while the mail is
    sent and ``reminder_sent_at`` is set in the same transaction, so a second run waits and
    then finds it sent. Nothing is sent for a cancelled registration, an unsubscribed or
    erased recipient, or a session that has started or was cancelled. Returns whether a
    mail was sent; an SMTP error propagates and leaves the registration to the next run."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            _active_registrations()
            .select_for_update(of=("self",))
            .select_related("session__webinar", "recipient__municipality", "recipient__campaign")
            .filter(pk=registration_id, session__starts_at__gt=now)
            .first()
        )
        if registration is None:
            return False
        message = reminder_message(registration=registration)
        campaign_message_send(message)
        registration.reminder_sent_at = now
        registration.calendar_sequence = registration.session.sequence
        registration.save(update_fields=["reminder_sent_at", "calendar_sequence"])
    return True


def reminder_message(*, registration: Registration) -> EmailMultiAlternatives:
    """The reminder: the session's time and join link, its .ics (METHOD:REQUEST, the
    session's current SEQUENCE), the personal link (to cancel) and the unsubscribe link
    and headers."""
    session = registration.session
    return campaign_email(
        recipient=registration.recipient,
        template="reminder",
        sessions=[session],
        context={"webinar": session.webinar, "session": session},
        calendar=CalendarMethod.REQUEST,
    )
