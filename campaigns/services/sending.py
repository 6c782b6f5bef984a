"""Sending a campaign's invitations: exactly once per recipient.

``campaign_send`` is the one entry point (admin and ``send_invitations``). It creates one
``Invitation`` per recipient not yet invited (status queued, with a stable Message-ID) and,
after commit, enqueues one fan-out task, which enqueues one ``invitation_send`` task per
queued invitation.

``invitation_send`` records the send in the database before and after talking to SMTP:

1. In a short transaction it locks the invitation row, returns if it is already sent or
   failed, and marks it SENDING (``sending_started_at``, ``attempts`` + 1). The commit makes
   every other worker (a redelivered or duplicated task, a second "send" press) skip it.
2. It talks to SMTP outside any transaction.
3. It marks the invitation SENT (or records the error: back to QUEUED for a retry with
   exponential backoff, FAILED for a permanent error or after the last attempt).

The trade-off: a worker that dies between steps 1 and 3 leaves the row SENDING. A task that
finds a row SENDING for longer than ``settings.CAMPAIGN_SEND_LEASE_SECONDS`` (well above the
SMTP timeout, so the first worker can no longer be talking to the server) takes it over and
sends again. That is right when the worker died before the server's final 250 reply (the
SMTP transaction was not completed, so the server discarded the message); only if it died in
the instant between the server's 250 and our commit would the recipient get the message
twice, and then with the same Message-ID, which mail clients use to drop duplicates. The
alternative, never sending a SENDING row again, would silently lose those messages instead.

Time: an invitation offers only the sessions still open when it is sent (not started, not
cancelled), and carries no calendar file (the councillor gets one on registering). A
campaign with no open session cannot be sent (``campaign_send_block_reason``), and an
invitation still queued when the last session starts is not sent but marked failed with
that reason.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from almen.core.mail import portal_message_id
from campaigns.ics import CalendarMethod, session_calendar_part
from campaigns.models import Campaign, Invitation, Recipient, Registration, WebinarSession
from campaigns.selectors import campaign_invitation_sessions
from campaigns.tokens import recipient_token

logger = logging.getLogger(__name__)

MAX_RETRY_DELAY_SECONDS = 60 * 60


class SendOutcome(StrEnum):
    SENT = "sent"
    SKIPPED = "skipped"  # already sent or failed, or another worker holds the lease
    RETRY = "retry"
    FAILED = "failed"


@dataclass(frozen=True)
class InvitationSendResult:
    outcome: SendOutcome
    retry_in_seconds: int | None = None


@dataclass(frozen=True)
class CampaignSendPreview:
    to_invite: int  # recipients who get an invitation now
    already_invited: int  # recipients with an invitation (any status)
    excluded: int  # unsubscribed or erased, without an invitation
    failed: int  # invitations that failed permanently
    waiting: int  # invitations queued or being sent (a new send enqueues them again)


@dataclass(frozen=True)
class CampaignSendResult:
    created: int
    requeued: int
    already_invited: int
    excluded: int


@dataclass(frozen=True)
class CampaignProgress:
    recipients: int
    queued: int
    sending: int
    sent: int
    failed: int
    opened: int
    registered: int
    unsubscribed: int
    not_invited: int


class CampaignNotSendable(Exception):
    """The campaign cannot be sent (no webinar, or no session left to invite to); the
    message says why."""


NOT_SENT_SESSIONS_CLOSED = "Not sent: every webinar session had started or was cancelled."


# --- Reading --------------------------------------------------------------------------


def _sendable_recipients(*, campaign: Campaign):
    return Recipient.objects.filter(
        campaign=campaign, unsubscribed_at__isnull=True, erased_at__isnull=True
    )


def campaign_send_preview(*, campaign: Campaign, retry_failed: bool = False) -> CampaignSendPreview:
    """How many recipients ``campaign_send`` would invite now (one query)."""
    counts = Recipient.objects.filter(campaign=campaign).aggregate(
        to_invite=Count(
            "pk",
            filter=Q(invitation__isnull=True, unsubscribed_at__isnull=True, erased_at__isnull=True),
        ),
        already_invited=Count("pk", filter=Q(invitation__isnull=False)),
        excluded=Count(
            "pk",
            filter=Q(invitation__isnull=True)
            & (Q(unsubscribed_at__isnull=False) | Q(erased_at__isnull=False)),
        ),
        failed=Count("pk", filter=Q(invitation__status=Invitation.Status.FAILED)),
        waiting=Count(
            "pk",
            filter=Q(invitation__status__in=[Invitation.Status.QUEUED, Invitation.Status.SENDING]),
        ),
        retryable=Count(
            "pk",
            filter=Q(
                invitation__status=Invitation.Status.FAILED,
                unsubscribed_at__isnull=True,
                erased_at__isnull=True,
            ),
        ),
    )
    to_invite = counts["to_invite"] + (counts["retryable"] if retry_failed else 0)
    return CampaignSendPreview(
        to_invite=to_invite,
        already_invited=counts["already_invited"],
        excluded=counts["excluded"],
        failed=counts["failed"],
        waiting=counts["waiting"],
    )


def campaign_progress(*, campaign: Campaign) -> CampaignProgress:
    """Per-status counts of a campaign's invitations and what recipients did (two queries)."""
    status = Invitation.Status
    counts = Recipient.objects.filter(campaign=campaign).aggregate(
        recipients=Count("pk"),
        queued=Count("pk", filter=Q(invitation__status=status.QUEUED)),
        sending=Count("pk", filter=Q(invitation__status=status.SENDING)),
        sent=Count("pk", filter=Q(invitation__status=status.SENT)),
        failed=Count("pk", filter=Q(invitation__status=status.FAILED)),
        opened=Count("pk", filter=Q(invitation__opened_at__isnull=False)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
        not_invited=Count("pk", filter=Q(invitation__isnull=True)),
    )
    # Exists, not a join on registrations__cancelled_at: the outer join would also count
    # recipients with no registration at all (their cancelled_at reads as NULL).
    active_registration = Registration.objects.filter(
        recipient=OuterRef("pk"), cancelled_at__isnull=True
    )
    counts["registered"] = (
        Recipient.objects.filter(campaign=campaign).filter(Exists(active_registration)).count()
    )
    return CampaignProgress(**counts)


def campaign_failed_invitations(*, campaign: Campaign, limit: int = 500) -> list[Invitation]:
    """The permanently failed invitations with their reasons, for the progress page."""
    return list(
        Invitation.objects.filter(recipient__campaign=campaign, status=Invitation.Status.FAILED)
        .select_related("recipient__municipality")
        .order_by("recipient__name", "pk")[:limit]
    )


# --- Queueing -------------------------------------------------------------------------


def invitation_message_id(*, recipient: Recipient) -> str:
    """The Message-ID of a recipient's invitation: stable for every attempt, so a message
    that does arrive twice can be recognised as the same one."""
    return portal_message_id(local_part=f"invitation.{recipient.public_id.hex}")


def campaign_send_block_reason(*, campaign: Campaign) -> str | None:
    """Why ``campaign`` cannot be sent now (in the active language), or None when it can:
    it needs a webinar with at least one session still open (not started, not cancelled)."""
    if campaign.webinar_id is None:
        return _("The campaign has no webinar to invite to.")
    sessions = campaign_invitation_sessions(campaign=campaign)
    if sessions.open:
        return None
    if not sessions.closed:
        return _("The campaign's webinar has no sessions to invite to.")
    last = max(sessions.closed, key=lambda session: session.starts_at)
    return _(
        "Every webinar session of this campaign has taken place or been cancelled (the last "
        "one on %(date)s), so there is nothing left to invite to."
    ) % {"date": formats.date_format(timezone.localtime(last.starts_at), "DATE_FORMAT")}


def campaign_send(*, campaign: Campaign, retry_failed: bool = False) -> CampaignSendResult:
    """Queue an invitation for every recipient of ``campaign`` not yet invited (and not
    unsubscribed or erased) and start sending after commit.

    Idempotent: run it again (a late import, a second press of the button) and only the
    recipients without an invitation are added; invitations already queued are enqueued
    again, which is harmless as ``invitation_send`` sends each once. ``retry_failed`` also
    queues the permanently failed invitations again (e.g. after an address was corrected).
    Two concurrent calls are serialised by a row lock on the campaign. Sets the campaign's
    status to "sending". Raises ``CampaignNotSendable`` (and changes nothing) when there is
    no session left to invite to.
    """
    reason = campaign_send_block_reason(campaign=campaign)
    if reason is not None:
        raise CampaignNotSendable(reason)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        recipients = list(_sendable_recipients(campaign=campaign).filter(invitation__isnull=True))
        Invitation.objects.bulk_create(
            [
                Invitation(
                    recipient=recipient, message_id=invitation_message_id(recipient=recipient)
                )
                for recipient in recipients
            ],
            ignore_conflicts=True,
        )
        requeued = 0
        if retry_failed:
            requeued = Invitation.objects.filter(
                recipient__in=_sendable_recipients(campaign=campaign),
                status=Invitation.Status.FAILED,
            ).update(status=Invitation.Status.QUEUED, attempts=0, last_error="")
        already_invited = (
            Invitation.objects.filter(recipient__campaign=campaign).count()
            - len(recipients)
            - requeued
        )
        excluded = (
            Recipient.objects.filter(campaign=campaign, invitation__isnull=True)
            .exclude(unsubscribed_at__isnull=True, erased_at__isnull=True)
            .count()
        )
        if campaign.status != Campaign.Status.SENDING:
            campaign.status = Campaign.Status.SENDING
            campaign.save(update_fields=["status"])
        campaign_id = campaign.pk

        from campaigns.tasks import campaign_fan_out_task

        transaction.on_commit(lambda: campaign_fan_out_task.delay(campaign_id))
    logger.info(
        "campaign %s: %d invitations queued, %d re-queued", campaign.slug, len(recipients), requeued
    )
    return CampaignSendResult(
        created=len(recipients),
        requeued=requeued,
        already_invited=already_invited,
        excluded=excluded,
    )


def campaign_invitation_ids_to_send(*, campaign_id: int) -> list[int]:
    """The invitations a fan-out enqueues: queued ones and those whose sender's lease ran
    out (a dead worker)."""
    stale_before = timezone.now() - timedelta(seconds=settings.CAMPAIGN_SEND_LEASE_SECONDS)
    return list(
        Invitation.objects.filter(recipient__campaign_id=campaign_id)
        .filter(
            Q(status=Invitation.Status.QUEUED)
            | Q(status=Invitation.Status.SENDING, sending_started_at__lt=stale_before)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def campaign_finish_if_complete(*, campaign_id: int) -> bool:
    """Mark a sending campaign done when none of its invitations is queued or sending.
    Called after every invitation reaches a final state; the last one to commit sees all."""
    unfinished = Invitation.objects.filter(
        recipient__campaign_id=campaign_id,
        status__in=[Invitation.Status.QUEUED, Invitation.Status.SENDING],
    ).exists()
    if unfinished:
        return False
    return bool(
        Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.SENDING).update(
            status=Campaign.Status.DONE
        )
    )


# --- Sending one invitation -----------------------------------------------------------


def invitation_send(*, invitation_id: int) -> InvitationSendResult:
    """Send one invitation exactly once (see the module docstring for the protocol).

    Returns SENT, SKIPPED (already done, or another worker is sending it now: the caller
    retries after ``retry_in_seconds`` to check), RETRY (temporary SMTP error: the caller
    retries after ``retry_in_seconds``) or FAILED (permanent error, or the last attempt;
    the reason is in ``last_error``)."""
    now = timezone.now()
    lease = timedelta(seconds=settings.CAMPAIGN_SEND_LEASE_SECONDS)
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("recipient__campaign__webinar", "recipient__municipality")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or invitation.status in (
            Invitation.Status.SENT,
            Invitation.Status.FAILED,
        ):
            return InvitationSendResult(SendOutcome.SKIPPED)
        if invitation.status == Invitation.Status.SENDING:
            lease_ends = (invitation.sending_started_at or now - lease) + lease
            if lease_ends > now:
                wait = int((lease_ends - now).total_seconds()) + 1
                return InvitationSendResult(SendOutcome.SKIPPED, retry_in_seconds=wait)
            logger.warning("invitation %s: taking over after an expired lease", invitation_id)
        recipient = invitation.recipient
        if recipient.unsubscribed_at or recipient.erased_at:
            invitation.status = Invitation.Status.FAILED
            invitation.last_error = "Not sent: the recipient unsubscribed or was erased."
            invitation.save(update_fields=["status", "last_error"])
            campaign_id = recipient.campaign_id
            transaction.on_commit(lambda: campaign_finish_if_complete(campaign_id=campaign_id))
            return InvitationSendResult(SendOutcome.FAILED)
        if not _campaign_has_open_session(campaign=recipient.campaign, now=now):
            invitation.status = Invitation.Status.FAILED
            invitation.last_error = NOT_SENT_SESSIONS_CLOSED
            invitation.save(update_fields=["status", "last_error"])
            campaign_id = recipient.campaign_id
            transaction.on_commit(lambda: campaign_finish_if_complete(campaign_id=campaign_id))
            return InvitationSendResult(SendOutcome.FAILED)
        invitation.status = Invitation.Status.SENDING
        invitation.sending_started_at = now
        invitation.attempts += 1
        invitation.save(update_fields=["status", "sending_started_at", "attempts"])

    try:
        message = invitation_message(invitation=invitation)
        connection = get_connection(timeout=settings.CAMPAIGN_SMTP_TIMEOUT_SECONDS)
        message.connection = connection
        message.send(fail_silently=False)
    except Exception as error:  # noqa: BLE001 - every error is recorded on the invitation
        return _invitation_error_record(invitation=invitation, error=error)

    Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.SENDING).update(
        status=Invitation.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    campaign_finish_if_complete(campaign_id=invitation.recipient.campaign_id)
    return InvitationSendResult(SendOutcome.SENT)


def _campaign_has_open_session(*, campaign: Campaign, now) -> bool:
    return WebinarSession.objects.filter(
        webinar_id=campaign.webinar_id, is_cancelled=False, starts_at__gt=now
    ).exists()


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


def _error_text(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        parts = [
            f"{code} {message.decode(errors='replace') if isinstance(message, bytes) else message}"
            for code, message in error.recipients.values()
        ]
        return "; ".join(parts)
    if isinstance(error, smtplib.SMTPResponseException):
        message = error.smtp_error
        if isinstance(message, bytes):
            message = message.decode(errors="replace")
        return f"{error.smtp_code} {message}"
    return f"{type(error).__name__}: {error}"


def retry_delay_seconds(*, attempts: int) -> int:
    """Exponential backoff: the base delay, doubled per attempt made, at most an hour."""
    base = settings.CAMPAIGN_SEND_RETRY_BACKOFF_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), MAX_RETRY_DELAY_SECONDS)


def _invitation_error_record(*, invitation: Invitation, error: Exception) -> InvitationSendResult:
    text = _error_text(error)[:2000]
    temporary = smtp_error_is_temporary(error)
    last_attempt = invitation.attempts >= settings.CAMPAIGN_SEND_MAX_ATTEMPTS
    if temporary and not last_attempt:
        Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.SENDING).update(
            status=Invitation.Status.QUEUED, last_error=text
        )
        delay = retry_delay_seconds(attempts=invitation.attempts)
        logger.warning(
            "invitation %s: temporary error, retry in %ss: %s", invitation.pk, delay, text
        )
        return InvitationSendResult(SendOutcome.RETRY, retry_in_seconds=delay)
    if temporary:
        text = f"Gave up after {invitation.attempts} attempts: {text}"
    Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.SENDING).update(
        status=Invitation.Status.FAILED, last_error=text
    )
    logger.error("invitation %s failed: %s", invitation.pk, text)
    campaign_finish_if_complete(campaign_id=invitation.recipient.campaign_id)
    return InvitationSendResult(SendOutcome.FAILED)


# --- The message ----------------------------------------------------------------------


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL + path


def session_time_text(session: WebinarSession) -> dict[str, str]:
    """The parts of a session's date and time in Danish time, formatted for the active
    language: weekday, date, start and end time."""
    starts_at = timezone.localtime(session.starts_at)
    ends_at = timezone.localtime(session.ends_at)
    return {
        "weekday": formats.date_format(starts_at, "l"),
        "date": formats.date_format(starts_at, "DATE_FORMAT"),
        "start": formats.date_format(starts_at, "H.i"),
        "end": formats.date_format(ends_at, "H.i"),
    }


def campaign_email(
    *,
    recipient: Recipient,
    template: str,
    sessions: list[WebinarSession],
    context: dict,
    headers: dict[str, str] | None = None,
    calendar: CalendarMethod | None = None,
) -> EmailMultiAlternatives:
    """A campaign email in Danish from ``templates/campaigns/email/<template>{_subject.txt,
    .txt,.html}``: the personal link, the unsubscribe link and ``List-Unsubscribe`` headers
    (RFC 8058 one-click), a Message-ID on the portal's host (unless ``headers`` give one)
    and, with ``calendar`` (REQUEST or CANCEL, for a registered councillor), one .ics per
    session."""
    with translation.override("da"):
        token = recipient_token(recipient)
        unsubscribe_url = absolute_url(reverse("campaigns:unsubscribe", kwargs={"token": token}))
        context = {
            "recipient": recipient,
            "municipality": recipient.municipality,
            "sessions": [{"session": s, **session_time_text(s)} for s in sessions],
            "pack_url": absolute_url(reverse("campaigns:pack", kwargs={"token": token})),
            "unsubscribe_url": unsubscribe_url,
            **context,
        }
        subject = render_to_string(f"campaigns/email/{template}_subject.txt", context)
        text = render_to_string(f"campaigns/email/{template}.txt", context)
        html = render_to_string(f"campaigns/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={
            "Message-ID": portal_message_id(),
            **(headers or {}),
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    if calendar is not None:
        for session in sessions:
            message.attach(
                session_calendar_part(session=session, method=calendar, recipient=recipient)
            )
    return message


def invitation_message(*, invitation: Invitation) -> EmailMultiAlternatives:
    """The invitation email: greeting by name and municipality, the personal link, the
    sessions still open when it is sent (no calendar file: the councillor gets one on
    registering), unsubscribe link and headers, the stable Message-ID."""
    recipient = invitation.recipient
    campaign = recipient.campaign
    return campaign_email(
        recipient=recipient,
        template="invitation",
        sessions=campaign_invitation_sessions(campaign=campaign).open,
        context={
            "campaign": campaign,
            "sender": campaign.sender_for(recipient.municipality),
            "webinar": campaign.webinar,
        },
        headers={"Message-ID": invitation.message_id or invitation_message_id(recipient=recipient)},
    )
