"""Reads of the campaigns app: the welcome pack of one recipient and session counts."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
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
    """“Tillykke med din plads i Kalundborg Byråd” (“… i Borgerrepræsentationen”), with
    the council's name as the municipality uses it, in the active language."""
    return _("Congratulations on your seat in {council}").format(council=municipality.council)
