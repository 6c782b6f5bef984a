"""Sending a campaign's invitations: exactly once per recipient.

``campaign_send`` is the one entry point (admin and ``send_invitations``). It creates one
``Invitation`` per recipient not yet invited (status queued, with a stable Message-ID) and,
after commit, enqueues one fan-out task, which enqueues one ``invitation_send`` task per
queued invitation.

``invitation_send`` records the send in the database before and after talking to SMTP:

1. In a short transaction it locks the invitation row, returns if it is already sent or
   failed, and marks it SENDING (``sending_started_at``, ``attempts`` + 1). The commit makes
   every other worker (a redelivered or duplicated task, a second "send" press) skip it.
2. It talks to SMTP outside any transaction, over the connection this worker keeps open
   (``campaigns/services/smtp.py``).
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

Tasks can be lost without the database knowing: the broker was down when the send was
committed, or a killed worker had reserved them (Redis hands those back only after its
visibility timeout, an hour). So every enqueued invitation carries ``task_expected_by``, the
time its task should have run by (its place in the queue at the send rate, or its retry
delay, plus the lease), and ``campaign_sweep_task`` (Celery beat, every
``CAMPAIGN_SWEEP_SECONDS``) enqueues again the queued invitations past that time or with no
task at all, and the SENDING ones whose lease has run out. Claiming sets a new
``task_expected_by`` under a row lock, so one sweep (or fan-out) enqueues each invitation
once; a task that still arrives twice is skipped by step 1.

The send rate (``CAMPAIGN_SEND_RATE_LIMIT``) holds across all workers together: each send
takes a token from a bucket in Redis between steps 1 and 2
(``campaigns/services/rate_limit.py``), so a duplicate task, which stops at step 1, spends
none. The wait for a token is short beside the lease.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from almen.core.dates import date_in_language
from almen.core.email import smtp_error_is_temporary
from almen.core.mail import portal_message_id
from campaigns.ics import CalendarMethod, session_calendar_part
from campaigns.models import Campaign, Invitation, Recipient, Registration, WebinarSession
from campaigns.selectors import campaign_invitation_sessions
from campaigns.services.rate_limit import rate_per_second, send_token_take
from campaigns.services.smtp import campaign_message_send
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


@dataclass
class CampaignSendResult:
    created: int
    requeued: int
    already_invited: int
    excluded: int
    # Whether the sending task reached the broker (None: not known yet, the caller's
    # transaction has not committed). False: the invitations are saved and the sweeper
    # enqueues them when the broker is back.
    enqueued: bool | None = None


@dataclass(frozen=True)
class CampaignProgress:
    recipients: int
    queued: int
    overdue: int  # queued or sending, but no task is known to be on its way: the sweeper's
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
    now = timezone.now()
    counts = Recipient.objects.filter(campaign=campaign).aggregate(
        recipients=Count("pk"),
        queued=Count("pk", filter=Q(invitation__status=status.QUEUED)),
        overdue=Count(
            "pk",
            filter=Q(invitation__status__in=[status.QUEUED, status.SENDING])
            & (
                Q(invitation__task_expected_by__isnull=True)
                | Q(invitation__task_expected_by__lt=now)
            ),
        ),
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
    ) % {"date": date_in_language(timezone.localtime(last.starts_at), kind="full_date")}


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
            ).update(
                status=Invitation.Status.QUEUED, attempts=0, last_error="", task_expected_by=None
            )
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
        result = CampaignSendResult(
            created=len(recipients),
            requeued=requeued,
            already_invited=already_invited,
            excluded=excluded,
        )
        transaction.on_commit(lambda: _campaign_fan_out_enqueue(result=result, campaign=campaign))
    logger.info(
        "campaign %s: %d invitations queued, %d re-queued", campaign.slug, len(recipients), requeued
    )
    return result


def _campaign_fan_out_enqueue(*, result: CampaignSendResult, campaign: Campaign) -> None:
    from campaigns.tasks import campaign_fan_out_task

    try:
        campaign_fan_out_task.delay(campaign.pk)
    except Exception as error:  # noqa: BLE001 - committed: the sweeper enqueues them later
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise
        logger.error(
            "campaign %s: broker unavailable, the sweeper sends later: %s", campaign.slug, error
        )
        result.enqueued = False
        return
    result.enqueued = True


def invitations_due_claim(*, campaign_id: int | None = None, limit: int = 10_000) -> list[int]:
    """Claim the invitations that need a task now and return their ids in order; the
    caller enqueues one ``invitation_send_task`` each. Due: queued with no task expected
    (never enqueued, or its task is overdue: lost by the broker or a killed worker), and
    sending with an expired lease and no task expected. Each claimed row gets the time its
    task should have run by: its place in the queue at the send rate plus the lease. Rows
    locked by a concurrent claim are skipped, so each is claimed once."""
    now = timezone.now()
    lease = timedelta(seconds=settings.CAMPAIGN_SEND_LEASE_SECONDS)
    no_task = Q(task_expected_by__isnull=True) | Q(task_expected_by__lt=now)
    due = Invitation.objects.filter(no_task).filter(
        Q(status=Invitation.Status.QUEUED)
        | Q(status=Invitation.Status.SENDING, sending_started_at__lt=now - lease)
    )
    if campaign_id is not None:
        due = due.filter(recipient__campaign_id=campaign_id)
    rate = rate_per_second(settings.CAMPAIGN_SEND_RATE_LIMIT)
    with transaction.atomic():
        ids = list(
            due.select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            queue_seconds = (start + len(chunk)) / rate if rate else 0
            Invitation.objects.filter(pk__in=chunk).update(
                task_expected_by=now + lease + timedelta(seconds=queue_seconds)
            )
    return ids


def campaigns_sending_unfinished_ids() -> list[int]:
    """Campaigns marked sending: the sweeper finishes those with nothing left to send."""
    return list(
        Campaign.objects.filter(status=Campaign.Status.SENDING).values_list("pk", flat=True)
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
        sessions = campaign_invitation_sessions(campaign=recipient.campaign).open
        if not sessions:
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

    send_token_take()  # only for a message about to go out: a duplicate task spends none
    try:
        message = invitation_message(invitation=invitation, sessions=sessions)
        campaign_message_send(message)
    except Exception as error:  # noqa: BLE001 - every error is recorded on the invitation
        return _invitation_error_record(invitation=invitation, error=error)

    Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.SENDING).update(
        status=Invitation.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    campaign_finish_if_complete(campaign_id=invitation.recipient.campaign_id)
    return InvitationSendResult(SendOutcome.SENT)


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
        delay = retry_delay_seconds(attempts=invitation.attempts)
        expected_by = timezone.now() + timedelta(
            seconds=delay + settings.CAMPAIGN_SEND_LEASE_SECONDS
        )
        Invitation.objects.filter(pk=invitation.pk, status=Invitation.Status.SENDING).update(
            status=Invitation.Status.QUEUED, last_error=text, task_expected_by=expected_by
        )
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
        # “10. marts 2026” in sentences (DATE_FORMAT is admin's short 10.03.2026)
        "date": date_in_language(starts_at, kind="full_date"),
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


def invitation_message(
    *, invitation: Invitation, sessions: list[WebinarSession]
) -> EmailMultiAlternatives:
    """The invitation email: greeting by name and municipality, the personal link, the
    sessions still open when it is sent (no calendar file: the councillor gets one on
    registering), unsubscribe link and headers, the stable Message-ID."""
    recipient = invitation.recipient
    campaign = recipient.campaign
    return campaign_email(
        recipient=recipient,
        template="invitation",
        sessions=sessions,
        context={
            "campaign": campaign,
            "sender": campaign.sender_for(recipient.municipality),
            "webinar": campaign.webinar,
        },
        headers={"Message-ID": invitation.message_id or invitation_message_id(recipient=recipient)},
    )
