"""Webinar registrations: register, cancel, and the confirmation email."""

import logging
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from almen.core.mail import portal_message_id
from campaigns.ics import CalendarMethod, session_calendar_part
from campaigns.models import Recipient, Registration, WebinarSession
from campaigns.tokens import recipient_token

logger = logging.getLogger(__name__)


class RegistrationOutcome(StrEnum):
    REGISTERED = "registered"
    ALREADY_REGISTERED = "already_registered"
    FULL = "full"
    CLOSED = "closed"  # the session has started or was cancelled


@dataclass(frozen=True)
class RegistrationResult:
    outcome: RegistrationOutcome
    registration: Registration | None


def registration_create(*, recipient: Recipient, session: WebinarSession) -> RegistrationResult:
    """Register ``recipient`` for ``session``.

    Locks the session row (``select_for_update``) so its capacity holds when many register
    at once. Registering again while registered changes nothing and sends nothing; after a
    cancellation it re-activates the registration. A full session registers nobody, nor
    does one that has started or was cancelled (CLOSED). On a new (or renewed)
    registration a confirmation email with an .ics is sent after commit; the registration
    remembers the calendar version it carries (``calendar_sequence``).
    """
    with transaction.atomic():
        locked = WebinarSession.objects.select_for_update().get(pk=session.pk)
        registration = Registration.objects.filter(recipient=recipient, session=locked).first()
        if not locked.is_open:
            return RegistrationResult(RegistrationOutcome.CLOSED, None)
        if registration is not None and registration.is_active:
            return RegistrationResult(RegistrationOutcome.ALREADY_REGISTERED, registration)
        if locked.capacity is not None:
            taken = locked.registrations.filter(cancelled_at__isnull=True).count()
            if taken >= locked.capacity:
                return RegistrationResult(RegistrationOutcome.FULL, None)
        if registration is None:
            registration = Registration.objects.create(
                recipient=recipient, session=locked, calendar_sequence=locked.sequence
            )
        else:
            registration.cancelled_at = None
            registration.reminder_sent_at = None
            registration.calendar_sequence = locked.sequence
            registration.save(
                update_fields=["cancelled_at", "reminder_sent_at", "calendar_sequence"]
            )
        registration_id = registration.pk
        transaction.on_commit(
            lambda: registration_confirmation_send(registration_id=registration_id)
        )
    return RegistrationResult(RegistrationOutcome.REGISTERED, registration)


def registration_cancel(*, recipient: Recipient, session: WebinarSession) -> bool:
    """Cancel ``recipient``'s registration for ``session``; True when one was active.
    Once the session has started (or was cancelled) nothing changes: the registration
    stays as the record of who signed up."""
    if not session.is_open:
        return False
    updated = Registration.objects.filter(
        recipient=recipient, session=session, cancelled_at__isnull=True
    ).update(cancelled_at=timezone.now())
    return bool(updated)


def registration_confirmation_send(*, registration_id: int) -> None:
    """Email the confirmation of a registration (Danish, plain text and HTML) with the
    session as an .ics (METHOD:REQUEST, the councillor as attendee) and a Message-ID on
    the portal's host. Nothing is sent to an erased recipient."""
    registration = (
        Registration.objects.select_related(
            "recipient__municipality", "recipient__campaign", "session__webinar"
        )
        .filter(pk=registration_id, cancelled_at__isnull=True, recipient__erased_at__isnull=True)
        .first()
    )
    if registration is None:
        return
    recipient = registration.recipient
    session = registration.session
    token = recipient_token(recipient)
    context = {
        "recipient": recipient,
        "session": session,
        "webinar": session.webinar,
        "sender": recipient.campaign.sender_for(recipient.municipality),
        "pack_url": settings.PORTAL_BASE_URL + reverse("campaigns:pack", kwargs={"token": token}),
    }
    with translation.override("da"), timezone.override("Europe/Copenhagen"):
        subject = render_to_string(
            "campaigns/email/registration_confirmation_subject.txt", context
        ).strip()
        text = render_to_string("campaigns/email/registration_confirmation.txt", context)
        html = render_to_string("campaigns/email/registration_confirmation.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[recipient.email],
        from_email=None,
        headers={"Message-ID": portal_message_id()},
    )
    message.attach_alternative(html, "text/html")
    message.attach(
        session_calendar_part(session=session, method=CalendarMethod.REQUEST, recipient=recipient)
    )
    message.send()
    logger.info("Registration confirmation sent for registration %s", registration_id)
