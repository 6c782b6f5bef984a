"""Reads of the campaigns app: the welcome pack of one recipient and session counts."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from campaigns.models import (
    Campaign,
    Invitation,
    PriorityTopic,
    Recipient,
    Registration,
    Webinar,
    WebinarSession,
)
from municipalities.models import HousingOrganisation, Municipality


def session_list_with_counts(*, webinar: Webinar) -> QuerySet[WebinarSession]:
    """The sessions of ``webinar`` in order, each annotated with
    ``active_registration_count`` (so ``is_full`` needs no further query)."""
    return (
        WebinarSession.objects.filter(webinar=webinar)
        .select_related("webinar")
        .annotate(
            active_registration_count=Count(
                "registrations", filter=Q(registrations__cancelled_at__isnull=True)
            )
        )
        .order_by("order", "starts_at")
    )


def campaign_topic_list(*, campaign: Campaign) -> list[PriorityTopic]:
    """The campaign's topics in the campaign's order, with their goal pillars and the
    pillars' programmes (two queries)."""
    return list(
        PriorityTopic.objects.filter(campaign_topics__campaign=campaign)
        .order_by("campaign_topics__order", "order")
        .prefetch_related(
            Prefetch(
                "pillars",
                queryset=_pillar_queryset(),
            )
        )
    )


def _pillar_queryset():
    from goals.models import Pillar

    return Pillar.objects.select_related("programme").order_by("programme__order", "number")


@dataclass
class PackSession:
    session: WebinarSession
    registration: Registration | None

    @property
    def is_registered(self) -> bool:
        return self.registration is not None and self.registration.is_active


@dataclass
class Pack:
    """Everything the welcome pack of one recipient shows."""

    recipient: Recipient
    campaign: Campaign
    topics: list[PriorityTopic]
    webinar: Webinar | None
    sessions: list[PackSession] = field(default_factory=list)
    housing_organisations: list[HousingOrganisation] = field(default_factory=list)
    profile: object | None = None

    @property
    def sender(self) -> str:
        return self.campaign.sender_for(self.recipient.municipality)

    @property
    def registered_sessions(self) -> list[PackSession]:
        return [item for item in self.sessions if item.is_registered]

    @property
    def open_sessions(self) -> list[PackSession]:
        return [item for item in self.sessions if not item.session.is_full]


def recipient_pack(*, recipient: Recipient, with_profile: bool = True) -> Pack:
    """The welcome pack of ``recipient`` (whose ``campaign`` and ``municipality`` are
    loaded): topics with pillars, webinar with speakers and sessions (with counts and the
    recipient's registrations), the local housing organisations and the kommuneark. A
    constant number of queries whatever the sizes."""
    campaign = recipient.campaign
    webinar = None
    sessions: list[PackSession] = []
    if campaign.webinar_id:
        webinar = Webinar.objects.prefetch_related("speakers").get(pk=campaign.webinar_id)
        registrations = {
            registration.session_id: registration
            for registration in Registration.objects.filter(
                recipient=recipient, session__webinar=webinar
            )
        }
        sessions = [
            PackSession(session=session, registration=registrations.get(session.pk))
            for session in session_list_with_counts(webinar=webinar)
        ]
    profile = None
    if with_profile:
        from municipalities.selectors import municipality_profile

        profile = municipality_profile(municipality=recipient.municipality)
    return Pack(
        recipient=recipient,
        campaign=campaign,
        topics=campaign_topic_list(campaign=campaign),
        webinar=webinar,
        sessions=sessions,
        housing_organisations=list(
            HousingOrganisation.objects.filter(municipalities=recipient.municipality).order_by(
                "name"
            )
        ),
        profile=profile,
    )


def invitation_status_counts(*, campaign: Campaign) -> dict[str, int]:
    """How many invitations of ``campaign`` have each status (one query)."""
    counts = dict.fromkeys(Invitation.Status.values, 0)
    rows = (
        Invitation.objects.filter(recipient__campaign=campaign)
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    for status, count in rows:
        counts[status] = count
    return counts


def pack_greeting(*, municipality: Municipality) -> str:
    """“Tillykke med din plads i Kalundborgs byråd” (English: “… on Kalundborg’s city
    council”), in the active language."""
    return _("Congratulations on your seat on {genitive} city council").format(
        genitive=municipality_genitive(name=municipality.name)
    )


def municipality_genitive(*, name: str) -> str:
    """The genitive of a municipality's name in the active language. Danish: Kalundborgs,
    but Aarhus' (a name ending in s, x or z takes an apostrophe); English: Kalundborg’s."""
    if (get_language() or "da").startswith("da"):
        return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"
    return f"{name}’s"


def campaign_current_or_latest(*, today: date) -> Campaign | None:
    """The public campaign running on ``today`` (its period contains it), else the one that
    started last; never a draft. With its webinar and sessions (2 queries)."""
    campaigns = list(
        Campaign.objects.exclude(status=Campaign.Status.DRAFT)
        .select_related("webinar")
        .prefetch_related(
            Prefetch("webinar__sessions", queryset=WebinarSession.objects.order_by("starts_at"))
        )
        .order_by(F("period_start").desc(nulls_last=True), "name")
    )
    for campaign in campaigns:
        starts, ends = campaign.period_start, campaign.period_end
        if starts and starts <= today and (ends is None or today <= ends):
            return campaign
    return campaigns[0] if campaigns else None
