from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response

from almen.core.api.permissions import IsStaffUser
from almen.core.api.serializers import DETAIL_ERRORS, LIST_ERRORS, STAFF_ERRORS, page_example
from almen.core.api.viewsets import PublicListViewSet, PublicReadOnlyViewSet
from campaigns.api import selectors
from campaigns.api.filters import RecipientFilter, WebinarSessionFilter
from campaigns.api.serializers import (
    CampaignSerializer,
    CampaignStatusSerializer,
    RecipientStatusSerializer,
    WebinarSessionSerializer,
)
from campaigns.models import Campaign

AREA = "campaigns"
TAG = "Campaigns"
STAFF_NOTE = (
    "\n\nStaff only: send the API key of a BL staff user (`Authorization: Api-Key <key>`). "
    "Anonymous clients get 401, partner keys 403. Never cached."
)


CAMPAIGN_SLUG = OpenApiParameter(
    "slug",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The campaign's slug.",
    examples=[OpenApiExample("KV25", value="kv25")],
)
CAMPAIGN_EXAMPLE = {
    "slug": "kv25",
    "name": "Velkommen til nye byrådsmedlemmer – KV25",
    "period_start": "2026-01-01",
    "period_end": "2026-03-31",
    "period_label": "",
    "introduction": "…",
    "public_text": "Efter kommunalvalget 2025 fik de nyvalgte byrådsmedlemmer …",
    "source": "Velkomstpakke til nyvalgte byrådsmedlemmer (kommunalvalget 2025) …",
    "status": "ready",
    "webinar": {
        "slug": "mulighederne-i-den-almene-boligsektor",
        "title": "Webinar om mulighederne i den almene boligsektor",
        "description": "…",
        "speakers": [{"name": "Bent Madsen", "title": "Adm. direktør"}],
    },
    "topics": [{"slug": "boliger-til-fremtidens-behov", "title": "…", "text": "…", "order": 1}],
    "pillars": [
        {
            "programme": "2026-2028",
            "slug": "demokrati-og-levende-faellesskaber",
            "number": 3,
            "title": "Demokrati og levende fællesskaber",
        }
    ],
    "themes": ["samarbejde-og-partnerskaber"],
    "cases": [],
    "url": "https://almen.bl.dk/kampagner/kv25/",
}
SESSION_EXAMPLE = {
    "webinar": "mulighederne-i-den-almene-boligsektor",
    "webinar_title": "Webinar om mulighederne i den almene boligsektor",
    "key": "10-marts",
    "starts_at": "2026-03-10T12:00:00+01:00",
    "ends_at": "2026-03-10T13:00:00+01:00",
    "capacity": None,
    "is_full": False,
}


@extend_schema_view(
    list=extend_schema(
        summary="Campaigns",
        description=(
            "BL's campaigns (welcome packs for newly elected councillors, and earlier "
            "campaigns such as Stem Med and Vi Samles): public metadata only, with the "
            "webinar, the priority topics, the goal pillars and themes they serve and their "
            "stories. No personal data."
        ),
        responses={200: CampaignSerializer(many=True), **LIST_ERRORS},
        examples=[
            OpenApiExample("Campaigns", value=page_example(CAMPAIGN_EXAMPLE), response_only=True)
        ],
    ),
    retrieve=extend_schema(
        summary="One campaign",
        description="A campaign by its slug: public metadata only.",
        parameters=[CAMPAIGN_SLUG],
        responses={200: CampaignSerializer, **DETAIL_ERRORS},
        examples=[OpenApiExample("KV25", value=CAMPAIGN_EXAMPLE, response_only=True)],
    ),
)
@extend_schema(tags=[TAG])
class CampaignViewSet(PublicReadOnlyViewSet):
    serializer_class = CampaignSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    content_areas = (AREA,)
    private_actions = ("recipients", "report")

    def get_queryset(self):
        return selectors.api_campaign_list()

    def _campaign(self, slug: str) -> Campaign:
        return get_object_or_404(Campaign.objects.all(), slug=slug)

    @extend_schema(
        summary="A campaign's recipients (staff)",
        description=(
            "The councillors a campaign invites, with their invitation status and webinar "
            "registrations, for BL's own reporting." + STAFF_NOTE
        ),
        parameters=[
            CAMPAIGN_SLUG,
            OpenApiParameter(
                "municipality",
                OpenApiTypes.STR,
                description="Only recipients in this municipality (code).",
                examples=[OpenApiExample("Kalundborg", value="326")],
            ),
            OpenApiParameter(
                "invitation_status",
                OpenApiTypes.STR,
                enum=["queued", "sending", "sent", "failed"],
                description="Only recipients whose invitation has this status.",
                examples=[OpenApiExample("Failed", value="failed")],
            ),
        ],
        filters=False,
        responses={
            200: RecipientStatusSerializer(many=True),
            400: LIST_ERRORS[400],
            **STAFF_ERRORS,
        },
        examples=[
            OpenApiExample(
                "Recipients",
                response_only=True,
                value=page_example(
                    {
                        "public_id": "5f0c6a2e-8c1d-4f7e-9a53-1b2c3d4e5f60",
                        "name": "Demo Byrådsmedlem",
                        "email": "demo@example.org",
                        "municipality": {"code": "326", "name": "Kalundborg"},
                        "party": "",
                        "role": "",
                        "created_at": "2026-01-05T09:00:00+01:00",
                        "unsubscribed_at": None,
                        "erased_at": None,
                        "invitation": {
                            "status": "sent",
                            "attempts": 1,
                            "queued_at": "2026-01-05T09:00:00+01:00",
                            "sent_at": "2026-01-05T09:01:00+01:00",
                            "opened_at": None,
                            "last_error": "",
                        },
                        "registrations": [],
                    }
                ),
            )
        ],
    )
    @action(
        detail=True,
        url_path="recipients",
        permission_classes=[IsStaffUser],
        filter_backends=[],
    )
    def recipients(self, request, slug=None):
        campaign = self._campaign(slug)
        filterset = RecipientFilter(
            request.query_params,
            queryset=selectors.api_recipient_list(campaign=campaign),
            request=request,
        )
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        page = self.paginate_queryset(filterset.qs)
        serializer = RecipientStatusSerializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        summary="A campaign's invitation and registration counts (staff)",
        description=(
            "How many recipients, invitations by status, and active and cancelled "
            "registrations per webinar session." + STAFF_NOTE
        ),
        parameters=[CAMPAIGN_SLUG],
        filters=False,
        responses={200: CampaignStatusSerializer, **STAFF_ERRORS},
        examples=[
            OpenApiExample(
                "KV25",
                response_only=True,
                value={
                    "campaign": "kv25",
                    "recipients": {"total": 120, "unsubscribed": 2, "erased": 0, "opened": 64},
                    "invitations": {"queued": 0, "sending": 0, "sent": 118, "failed": 2},
                    "registrations": [
                        {
                            "session": "10-marts",
                            "starts_at": "2026-03-10T12:00:00+01:00",
                            "active": 31,
                            "cancelled": 2,
                        }
                    ],
                },
            )
        ],
    )
    @action(
        detail=True,
        url_path="report",
        permission_classes=[IsStaffUser],
        filter_backends=[],
        pagination_class=None,
    )
    def report(self, request, slug=None):
        campaign = self._campaign(slug)
        data = selectors.api_campaign_status(campaign=campaign)
        return Response(CampaignStatusSerializer(data).data)


@extend_schema_view(
    list=extend_schema(
        summary="Webinar sessions",
        description=(
            "The dates of the campaigns' webinars, with capacity and whether they are full. "
            "No registrations or join links."
        ),
        parameters=[
            OpenApiParameter(
                "webinar",
                OpenApiTypes.STR,
                description="Only this webinar's sessions (slug).",
                examples=[
                    OpenApiExample("KV25 webinar", value="mulighederne-i-den-almene-boligsektor")
                ],
            ),
            OpenApiParameter(
                "campaign",
                OpenApiTypes.STR,
                description="Only the sessions of this campaign's webinar (slug).",
                examples=[OpenApiExample("KV25", value="kv25")],
            ),
        ],
        responses={200: WebinarSessionSerializer(many=True), **LIST_ERRORS},
        examples=[
            OpenApiExample("Sessions", value=page_example(SESSION_EXAMPLE), response_only=True)
        ],
    )
)
@extend_schema(tags=[TAG])
class WebinarSessionViewSet(PublicListViewSet):
    serializer_class = WebinarSessionSerializer
    filterset_class = WebinarSessionFilter
    content_areas = (AREA,)

    def get_queryset(self):
        return selectors.api_session_list()
