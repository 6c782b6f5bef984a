"""Emails to housing organisations about their local goals.

- When BL hides a goal or an update, every member of the organisation is told why.
- Once a week each member gets a digest of the organisation's goals whose target date has
  passed without a progress update since, unless they unsubscribed (one click, RFC 8058).

Exactly once per week per user: before sending, the digest claims the week by inserting an
``OverdueDigestSent`` row, which a unique constraint on (user, week) allows only once, so
a second run or a second worker finds the claim and sends nothing. If sending fails, the
claim is removed again so the next run retries; a worker that dies between sending and
recording ``sent_at`` leaves the claim in place, so the trade-off is at most one digest
lost in a crash, never two sent.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from almen.accounts.models import Membership
from goals.models import LocalGoal, NotificationOptOut, OverdueDigestSent, ProgressUpdate

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "goals.digest-unsubscribe"
CLOSED_STATUSES = (LocalGoal.Status.ACHIEVED, LocalGoal.Status.ABANDONED)


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL + path


def _member_emails(*, organisation_id: int) -> list[str]:
    return sorted(
        {
            email
            for email in Membership.objects.filter(
                organisation_id=organisation_id, user__is_active=True
            ).values_list("user__email", flat=True)
            if email
        }
    )


def _message(*, template: str, context: dict, to: list[str], headers: dict | None = None):
    with translation.override("da"):
        subject = render_to_string(f"goals/email/{template}_subject.txt", context)
        text = render_to_string(f"goals/email/{template}.txt", context)
    return EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
    )


def hidden_notice_send(*, goal_id: int, update_id: int | None = None) -> int:
    """Tell the organisation's members that BL hid its goal (or one update) and why; one
    email per member. Returns how many were sent; nothing when it is visible again."""
    goal = LocalGoal.objects.select_related("organisation").filter(pk=goal_id).first()
    if goal is None:
        return 0
    update = None
    if update_id is not None:
        update = ProgressUpdate.objects.filter(pk=update_id, goal=goal).first()
        if update is None or update.hidden_at is None:
            return 0
    elif goal.hidden_at is None:
        return 0
    context = {
        "goal": goal,
        "update": update,
        "reason": update.hidden_reason if update else goal.hidden_reason,
        "manage_url": _absolute(reverse("members:goal-manage", kwargs={"pk": goal.pk})),
    }
    sent = 0
    for email in _member_emails(organisation_id=goal.organisation_id):
        _message(template="hidden", context=context, to=[email]).send()
        sent += 1
    return sent


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def overdue_goals(*, organisation_ids: list[int], today: date) -> list[LocalGoal]:
    """Open goals (not achieved or abandoned, not deleted) whose target date has passed
    with no progress update dated on or after it (one query)."""
    return list(
        LocalGoal.objects.filter(
            organisation_id__in=organisation_ids,
            deleted_at__isnull=True,
            target_date__lt=today,
        )
        .exclude(status__in=CLOSED_STATUSES)
        .annotate(last_update=Max("updates__date"))
        .filter(Q(last_update__isnull=True) | Q(last_update__lt=F("target_date")))
        .select_related("organisation", "action_item")
        .order_by("organisation__name", "target_date", "pk")
    )


def unsubscribe_token(*, user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token: str):
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


def digest_unsubscribe(*, user) -> None:
    NotificationOptOut.objects.get_or_create(user=user)


def overdue_digest_send(*, user, today: date) -> bool:
    """Send ``user`` the digest of the week of ``today`` unless it was sent (or claimed)
    already, the user unsubscribed, or nothing is overdue. True when an email went out."""
    if not user.is_active or not user.email:
        return False
    if NotificationOptOut.objects.filter(user=user).exists():
        return False
    organisation_ids = list(
        Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
    )
    goals = overdue_goals(organisation_ids=organisation_ids, today=today)
    if not goals:
        return False
    week = week_start(today)
    try:
        with transaction.atomic():
            claim = OverdueDigestSent.objects.create(user=user, week=week, goal_count=len(goals))
    except IntegrityError:
        return False  # already sent (or being sent) this week
    unsubscribe_url = _absolute(
        reverse("members:digest-unsubscribe", kwargs={"token": unsubscribe_token(user=user)})
    )
    message = _message(
        template="overdue_digest",
        context={
            "goals": goals,
            "manage_url": _absolute(reverse("members:dashboard")),
            "unsubscribe_url": unsubscribe_url,
        },
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    try:
        message.send()
    except Exception:
        claim.delete()  # let the next run try again
        raise
    claim.sent_at = timezone.now()
    claim.save(update_fields=["sent_at"])
    return True


def overdue_digest_user_ids() -> list[int]:
    """Members of any organisation with an email address who did not unsubscribe."""
    return list(
        get_user_model()
        .objects.filter(memberships__isnull=False, is_active=True)
        .exclude(email="")
        .exclude(local_goal_opt_out__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
