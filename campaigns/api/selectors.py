"""Reads for the partner API: public campaign metadata, and for staff the recipients with
their invitation and registrations (BL's own reporting)."""

from django.db.models import Count, Prefetch, Q, QuerySet

from campaigns.models import (
    Campaign,
    CampaignCase,
    CampaignTopic,
    Invitation,
    Recipient,
    Registration,
    WebinarSession,
    WebinarSpeaker,
)
from campaigns.selectors import campaign_published_queryset
from goals.models import Pillar, Theme
from goals.selectors import goals_published_q


def api_campaign_list() -> QuerySet[Campaign]:
    """Campaigns past the draft stage with their webinar, speakers and topics in campaign
    order, their goal pillars, themes and stories (6 queries). A draft is BL's work in
    progress and never public."""
    return (
        campaign_published_queryset()
        .select_related("webinar")
        .prefetch_related(
            Prefetch(
                "campaign_topics",
                queryset=CampaignTopic.objects.select_related("topic").order_by("order", "pk"),
            ),
            Prefetch("webinar__speakers", queryset=WebinarSpeaker.objects.order_by("order", "pk")),
            Prefetch(
                "pillars",
                queryset=Pillar.objects.filter(goals_published_q(model=Pillar))
                .select_related("programme")
                .order_by("programme__order", "number"),
            ),
            Prefetch("themes", queryset=Theme.objects.order_by("order", "name")),
            Prefetch("cases", queryset=CampaignCase.objects.order_by("order", "pk")),
        )
        .order_by("-period_start", "name", "slug")
    )


def api_session_list() -> QuerySet[WebinarSession]:
    """Webinar sessions with ``active_registration_count`` (for ``is_full``), one query."""
    return (
        WebinarSession.objects.select_related("webinar")
        .annotate(
            active_registration_count=Count(
                "registrations", filter=Q(registrations__cancelled_at__isnull=True)
            )
        )
        .order_by("webinar__slug", "order", "starts_at", "pk")
    )


def api_recipient_list(*, campaign: Campaign) -> QuerySet[Recipient]:
    """The campaign's recipients with municipality, invitation and registrations
    (2 queries)."""
    return (
        Recipient.objects.filter(campaign=campaign)
        .select_related("municipality", "invitation")
        .prefetch_related(
            Prefetch(
                "registrations",
                queryset=Registration.objects.select_related("session").order_by(
                    "session__order", "session__starts_at", "pk"
                ),
            )
        )
        .order_by("municipality__name", "name", "pk")
    )


def api_campaign_status(*, campaign: Campaign) -> dict:
    """Counts for BL's reporting: recipients, invitations by status, registrations per
    session (3 queries)."""
    recipients = Recipient.objects.filter(campaign=campaign).aggregate(
        total=Count("pk"),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
        erased=Count("pk", filter=Q(erased_at__isnull=False)),
        opened=Count("pk", filter=Q(invitation__opened_at__isnull=False)),
    )
    invitations = dict.fromkeys(Invitation.Status.values, 0)
    rows = (
        Invitation.objects.filter(recipient__campaign=campaign)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for status, count in rows:
        invitations[status] = count
    sessions = (
        WebinarSession.objects.filter(registrations__recipient__campaign=campaign)
        .annotate(
            active=Count("registrations", filter=Q(registrations__cancelled_at__isnull=True)),
            cancelled=Count("registrations", filter=Q(registrations__cancelled_at__isnull=False)),
        )
        .order_by("order", "starts_at", "pk")
    )
    return {
        "campaign": campaign.slug,
        "recipients": recipients,
        "invitations": invitations,
        "registrations": [
            {
                "session": session.key,
                "starts_at": session.starts_at,
                "active": session.active,
                "cancelled": session.cancelled,
            }
            for session in sessions
        ],
    }
