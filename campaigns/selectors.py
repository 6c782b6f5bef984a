"""Reads of the campaigns app: the welcome pack of one recipient, session counts, and where
a campaign stands in time (upcoming, open, closed)."""

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.models import (
    Campaign,
    CampaignCase,
    CampaignSection,
    CampaignTopic,
    Invitation,
    PriorityTopic,
    Recipient,
    Registration,
    Webinar,
    WebinarSession,
    WebinarSpeaker,
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


# --- A campaign in time ---------------------------------------------------------------


class CampaignState(models.TextChoices):
    """Where a campaign stands in time, for staff (admin) and councillors (the pack)."""

    UPCOMING = "upcoming", gettext_lazy("Upcoming")
    OPEN = "open", gettext_lazy("Open")
    CLOSED = "closed", gettext_lazy("Closed")


def campaign_state_of(
    *,
    has_sessions: bool,
    has_open_session: bool,
    period_start: date | None,
    period_end: date | None,
    today: date,
) -> CampaignState:
    """The rule, from plain facts. A campaign with webinar sessions is closed once none is
    open any more (all started or cancelled); one without sessions once its period has
    ended. Otherwise it is upcoming until its period starts, then open. Registration and
    sending follow the sessions alone: an upcoming campaign can be sent ahead of time."""
    if has_sessions:
        if not has_open_session:
            return CampaignState.CLOSED
    elif period_end is not None and period_end < today:
        return CampaignState.CLOSED
    if period_start is not None and period_start > today:
        return CampaignState.UPCOMING
    return CampaignState.OPEN


def campaign_state(*, campaign: Campaign, sessions: list[WebinarSession]) -> CampaignState:
    """The state of ``campaign`` whose webinar has ``sessions`` (no query)."""
    return campaign_state_of(
        has_sessions=bool(sessions),
        has_open_session=any(session.is_open for session in sessions),
        period_start=campaign.period_start,
        period_end=campaign.period_end,
        today=timezone.localdate(),
    )


def campaign_list_with_state(queryset: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """``queryset`` annotated with ``has_sessions`` and ``has_open_session`` (subqueries,
    not joins, so other annotations' counts stay right); ``campaign_state_annotated``
    reads them."""
    sessions = WebinarSession.objects.filter(webinar=OuterRef("webinar"))
    return queryset.annotate(
        has_sessions=Exists(sessions),
        has_open_session=Exists(sessions.filter(is_cancelled=False, starts_at__gt=timezone.now())),
    )


def campaign_state_annotated(campaign: Campaign) -> CampaignState:
    """The state of a campaign from ``campaign_list_with_state``."""
    return campaign_state_of(
        has_sessions=campaign.has_sessions,
        has_open_session=campaign.has_open_session,
        period_start=campaign.period_start,
        period_end=campaign.period_end,
        today=timezone.localdate(),
    )


@dataclass(frozen=True)
class InvitationSessions:
    """A campaign's sessions split by whether an invitation may still offer them."""

    open: list[WebinarSession]
    closed: list[WebinarSession]  # started or cancelled


def campaign_invitation_sessions(*, campaign: Campaign) -> InvitationSessions:
    """The sessions of the campaign's webinar in order, open and closed (one query)."""
    if campaign.webinar_id is None:
        return InvitationSessions(open=[], closed=[])
    sessions = list(
        WebinarSession.objects.filter(webinar_id=campaign.webinar_id)
        .select_related("webinar")
        .order_by("order", "starts_at")
    )
    return InvitationSessions(
        open=[session for session in sessions if session.is_open],
        closed=[session for session in sessions if not session.is_open],
    )


# --- The welcome pack -----------------------------------------------------------------


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
    """The public pillars (a draft pillar or one of a draft programme is never shown)."""
    from goals.models import Pillar
    from goals.selectors import goals_published_q

    return (
        Pillar.objects.filter(goals_published_q(model=Pillar))
        .select_related("programme")
        .order_by("programme__order", "number")
    )


@dataclass
class PackSession:
    session: WebinarSession
    registration: Registration | None

    @property
    def is_registered(self) -> bool:
        return self.registration is not None and self.registration.is_active

    @property
    def can_register(self) -> bool:
        return self.session.is_open and not self.session.is_full and not self.is_registered


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
    # The pack's other texts by placement ("introduction", "topics", "profile", "webinar").
    sections: dict[str, list[CampaignSection]] = field(default_factory=dict)
    state: CampaignState = CampaignState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == CampaignState.CLOSED

    @property
    def sender(self) -> str:
        return self.campaign.sender_for(self.recipient.municipality)

    @property
    def registered_sessions(self) -> list[PackSession]:
        return [item for item in self.sessions if item.is_registered]

    @property
    def open_sessions(self) -> list[PackSession]:
        """The sessions one can still register for: open (not started or cancelled) and
        not full."""
        return [item for item in self.sessions if item.session.is_open and not item.session.is_full]


def recipient_pack(*, recipient: Recipient, with_profile: bool = True) -> Pack:
    """The welcome pack of ``recipient`` (whose ``campaign`` and ``municipality`` are
    loaded): topics with pillars, webinar with speakers and sessions (with counts and the
    recipient's registrations), the local housing organisations, the kommuneark and the
    pack's other sections. A
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
        sections=campaign_section_map(campaign=campaign),
        state=campaign_state(campaign=campaign, sessions=[item.session for item in sessions]),
    )


def campaign_section_map(*, campaign: Campaign) -> dict[str, list[CampaignSection]]:
    """The campaign's pack sections in order, by placement; every placement is a key
    (one query)."""
    sections: dict[str, list[CampaignSection]] = {
        placement: [] for placement in CampaignSection.Placement.values
    }
    for section in CampaignSection.objects.filter(campaign=campaign).order_by("order", "pk"):
        sections[section.placement].append(section)
    return sections


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
    """“Tillykke med din plads i Kalundborgs Byråd” (“… i Borgerrepræsentationen”), with
    the council's name as the municipality uses it, in the active language."""
    return _("Congratulations on your seat in {council}").format(council=municipality.council)


# --- The public campaign pages (/kampagner/) ----------------------------------------------


def campaign_published_queryset(*, include_drafts: bool = False) -> QuerySet[Campaign]:
    """Campaigns past the draft stage: a draft is BL's work in progress and never public
    (staff previewing may include drafts)."""
    if include_drafts:
        return Campaign.objects.all()
    return Campaign.objects.exclude(status=Campaign.Status.DRAFT)


def _public_prefetches() -> list:
    from goals.models import Theme

    return [
        Prefetch("pillars", queryset=_pillar_queryset()),
        Prefetch("themes", queryset=Theme.objects.order_by("order", "name")),
        Prefetch("cases", queryset=CampaignCase.objects.order_by("order", "pk")),
    ]


@dataclass
class CampaignOverview:
    current: list[Campaign]
    earlier: list[Campaign]


def campaign_overview(*, today: date, include_drafts: bool = False) -> CampaignOverview:
    """The published campaigns with their pillars (and programmes), themes and stories
    (4 queries): first those not yet over on ``today``, the latest first, then the earlier
    ones, the most recent first."""
    campaigns = list(
        campaign_published_queryset(include_drafts=include_drafts).prefetch_related(
            *_public_prefetches()
        )
    )

    def latest_first(campaign: Campaign) -> tuple:
        return (campaign.period_end or date.max, campaign.period_start or date.max)

    campaigns.sort(key=lambda campaign: campaign.name)
    campaigns.sort(key=latest_first, reverse=True)
    return CampaignOverview(
        current=[c for c in campaigns if c.period_end is None or c.period_end >= today],
        earlier=[c for c in campaigns if c.period_end is not None and c.period_end < today],
    )


def campaign_public_detail(*, slug: str, include_drafts: bool = False) -> Campaign | None:
    """One published campaign for its public page: pillars, themes, stories, topics, and
    the webinar with speakers and sessions (7 queries). Never anything personal."""
    return (
        campaign_published_queryset(include_drafts=include_drafts)
        .select_related("webinar")
        .prefetch_related(
            *_public_prefetches(),
            Prefetch(
                "campaign_topics",
                queryset=CampaignTopic.objects.select_related("topic").order_by("order", "pk"),
            ),
            Prefetch("webinar__speakers", queryset=WebinarSpeaker.objects.order_by("order", "pk")),
            Prefetch(
                "webinar__sessions", queryset=WebinarSession.objects.order_by("order", "starts_at")
            ),
        )
        .filter(slug=slug)
        .first()
    )


CAMPAIGN_SEARCH_FIELDS = ("name", "period_label", "public_text")


def campaign_search(*, query: str, terms: list[str]) -> list[Campaign]:
    """Published campaigns whose name, period or text match the search, or one of whose
    stories contains every term (one query; see ``almen.core.search.text_search``)."""
    from almen.core.search import text_match, text_search

    if not terms:
        return []
    story_hits = CampaignCase.objects.filter(text_match(fields=("text",), terms=terms))
    return list(
        text_search(
            queryset=campaign_published_queryset(),
            fields=CAMPAIGN_SEARCH_FIELDS,
            query=query,
            terms=terms,
            extra=Q(pk__in=story_hits.values("campaign_id")),
        ).order_by("-period_start", "name")
    )


def campaign_search_group(*, query: str, terms: list[str]):
    """The campaigns the site search finds, as a hit group (one query)."""
    from almen.core.search import SearchHit, SearchHitGroup

    return SearchHitGroup(
        heading=_("Campaigns"),
        hits=[
            SearchHit(
                title=campaign.name, url=campaign.get_absolute_url(), text=campaign.public_text
            )
            for campaign in campaign_search(query=query, terms=terms)
        ],
    )


def campaign_current_or_latest(*, today: date) -> Campaign | None:
    """The public campaign running on ``today`` (its period contains it), else the one that
    started last; never a draft. With its webinar and sessions (2 queries)."""
    campaigns = list(
        campaign_published_queryset()
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
