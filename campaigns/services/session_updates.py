"""When staff move a webinar session or cancel it, everyone registered gets one email whose
calendar file moves the event (METHOD:REQUEST) or removes it (METHOD:CANCEL).

Exactly once per change, and safe to run twice:

1. ``webinar_session_save`` (the admin's save) compares the session with its stored row
   under a row lock. When the start, the end or the cancellation changed, it raises the
   session's ``sequence`` (the iCalendar SEQUENCE) by one and, after commit, enqueues
   ``session_updates_send_task``. A save that changes nothing of that (the join address,
   the recording, the capacity) keeps the sequence and sends nothing.
2. The task enqueues one ``registration_update_send_task`` per active registration whose
   ``calendar_sequence`` (the version its last email carried) is below the session's.
3. ``registration_update_send`` locks the registration, checks that again, sends the email
   with the session as it is now and records the version sent, in the same transaction. A
   second run (a duplicated task, a second fan-out) finds it up to date and sends nothing.
   Two changes in quick succession may give one email with the latest version, which is
   all a calendar needs.

The trade-off is the reminders': the row stays locked while SMTP is talked to, and should
the commit fail after the server accepted the message, the next run sends it again, with
the same Message-ID, UID and SEQUENCE, so mail clients drop it and calendars do not change.
Unsubscribed and erased councillors get nothing (as with reminders), nor does anyone once
the session has ended.
"""

import logging

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from almen.core.mail import portal_message_id
from campaigns.ics import CalendarMethod
from campaigns.models import Registration, WebinarSession
from campaigns.services.sending import campaign_email
from campaigns.services.smtp import campaign_message_send

logger = logging.getLogger(__name__)


def webinar_session_save(*, session: WebinarSession) -> bool:
    """Save ``session`` as staff edited it (validated already, e.g. by the admin form).
    When its start, end or cancellation changed, raise its ``sequence`` and email an
    update to those registered after commit. Returns whether the sequence was raised."""
    with transaction.atomic():
        if session.pk is None:
            session.save()
            return False
        stored = WebinarSession.objects.select_for_update().get(pk=session.pk)
        changed = (stored.starts_at, stored.ends_at, stored.is_cancelled) != (
            session.starts_at,
            session.ends_at,
            session.is_cancelled,
        )
        session.sequence = stored.sequence + 1 if changed else stored.sequence
        session.save()
        if changed:
            session_id = session.pk
            from campaigns.tasks import session_updates_send_task

            transaction.on_commit(lambda: session_updates_send_task.delay(session_id))
    if changed:
        logger.info("session %s changed: calendar version %s", session.pk, session.sequence)
    return changed


def session_time_changed_elsewhere(*, session_id: int) -> None:
    """The session's time was changed outside admin (``load_content`` with an edited content
    file): raise its ``sequence`` and email those registered after commit, as
    ``webinar_session_save`` does."""
    WebinarSession.objects.filter(pk=session_id).update(sequence=F("sequence") + 1)
    from campaigns.tasks import session_updates_send_task

    transaction.on_commit(lambda: session_updates_send_task.delay(session_id))
    logger.info("session %s moved by a content load", session_id)


def _registrations_behind():
    """Active registrations of councillors still emailed whose last calendar is older than
    their session's, for sessions that have not ended."""
    return Registration.objects.filter(
        cancelled_at__isnull=True,
        recipient__unsubscribed_at__isnull=True,
        recipient__erased_at__isnull=True,
        calendar_sequence__lt=F("session__sequence"),
        session__ends_at__gt=timezone.now(),
    )


def session_update_registration_ids(*, session_id: int) -> list[int]:
    """The registrations of a session that still need the update."""
    return list(
        _registrations_behind()
        .filter(session_id=session_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def registration_update_send(*, registration_id: int) -> bool:
    """Email one registration the session's current version, once (see the module
    docstring). Returns whether a mail was sent; an SMTP error propagates and leaves the
    registration behind, for the task's retry."""
    with transaction.atomic():
        registration = (
            _registrations_behind()
            .select_for_update(of=("self",))
            .select_related("session__webinar", "recipient__municipality", "recipient__campaign")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None:
            return False
        message = session_update_message(registration=registration)
        campaign_message_send(message)
        registration.calendar_sequence = registration.session.sequence
        registration.save(update_fields=["calendar_sequence"])
    return True


def session_update_message(*, registration: Registration) -> EmailMultiAlternatives:
    """The update: the new time with METHOD:REQUEST, or the cancellation with
    METHOD:CANCEL, at the session's current SEQUENCE; the personal link (to choose another
    date or cancel) and the unsubscribe link and headers. Its Message-ID names the session's
    version, so a duplicate is recognised as one."""
    session = registration.session
    recipient = registration.recipient
    cancelled = session.is_cancelled
    message_id = portal_message_id(
        local_part=f"session-update.{session.pk}.{session.sequence}.{recipient.public_id.hex}"
    )
    return campaign_email(
        recipient=recipient,
        template="session_cancelled" if cancelled else "session_update",
        sessions=[session],
        context={"webinar": session.webinar, "session": session},
        headers={"Message-ID": message_id},
        calendar=CalendarMethod.CANCEL if cancelled else CalendarMethod.REQUEST,
    )
