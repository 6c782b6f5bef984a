from django.utils.cache import patch_cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer

from almen.core.api.serializers import DETAIL_ERRORS, LIST_ERRORS, page_example
from almen.core.api.viewsets import CsvListMixin, PublicReadOnlyViewSet
from goals.api.local_goal_serializers import LocalGoalSerializer
from goals.exports import SafeCSVRenderer
from goals.local_goal_selectors import (
    LOCAL_GOAL_FILTER_PARAMS,
    local_goal_draft_count,
    local_goal_filter,
    local_goal_filters_from_query,
    local_goal_public_list,
)
from goals.local_goal_services import LOCAL_GOALS_AREA

EXAMPLE = {
    "id": 17,
    "organisation": {
        "slug": "boligselskabet-eksempel",
        "name": "Boligselskabet Eksempel",
        "is_demo": False,
    },
    "text": "Vi vil styrke biodiversiteten i vores afdelinger i Kalundborg.",
    "action_item": {"id": 41, "text": "styrke biodiversiteten i boligområderne …"},
    "programme": "2026-2028",
    "pillar": {"id": 7, "number": 3, "title": "Grønne og bæredygtige boliger"},
    "municipalities": ["326"],
    "housing_areas": "Afdeling 12, Solgården",
    "responsible_role": "Driftschef",
    "target_date": "2027-06-30",
    "status": "in_progress",
    "status_label": "i gang",
    "progress": 40,
    "published_at": "2026-11-30T10:00:00+01:00",
    "updated_at": "2026-11-30T10:00:00+01:00",
    "url": "https://almen.bl.dk/maal/lokale-maal/17/",
}
FILTERS = [
    ("programme", "Programme slug (the period).", "2026-2028"),
    ("pillar", "Pillar id.", "7"),
    ("theme", "Theme slug: goals adopted from the theme's action items.", "klima"),
    ("region", "Region code: goals concerning a municipality of the region.", "1085"),
    ("municipality", "Municipality code: goals concerning the municipality.", "326"),
    ("status", "planned, in_progress, achieved, paused or abandoned.", "in_progress"),
    ("organisation", "Organisation slug.", "boligselskabet-eksempel"),
]
PARAMETERS = [
    OpenApiParameter(
        name, OpenApiTypes.STR, description=text, examples=[OpenApiExample(name, value=example)]
    )
    for name, text, example in FILTERS
] + [
    OpenApiParameter(
        "format",
        OpenApiTypes.STR,
        enum=["json", "csv"],
        description="`csv` for CSV (also with `Accept: text/csv`).",
        examples=[OpenApiExample("CSV", value="csv")],
    )
]


@extend_schema_view(
    list=extend_schema(
        summary="Local goals",
        description=(
            "The published local goals of the housing organisations: action items of BL's "
            "programmes they adopted (optionally in their own words) and goals of their own, "
            "with status and progress, newest first. Filters as on the portal's overview. "
            "As JSON (paginated) or CSV with `?format=csv` (all matching rows). Requests with "
            "a BL staff key also get `draft_count`, the number of unpublished goals matching "
            "the filters."
        ),
        parameters=PARAMETERS,
        responses={
            (200, "application/json"): LocalGoalSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="CSV with a header row, UTF-8."
            ),
            **{(code, "application/json"): error for code, error in LIST_ERRORS.items()},
        },
        examples=[OpenApiExample("Local goals", value=page_example(EXAMPLE), response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One local goal",
        description="A published local goal by its id.",
        parameters=[
            OpenApiParameter(
                "id",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description="The local goal's id.",
                examples=[OpenApiExample("Goal 17", value=17)],
            )
        ],
        responses={200: LocalGoalSerializer, **DETAIL_ERRORS},
        examples=[OpenApiExample("Local goal", value=EXAMPLE, response_only=True)],
    ),
)
@extend_schema(tags=["Local goals"])
class LocalGoalViewSet(CsvListMixin, PublicReadOnlyViewSet):
    serializer_class = LocalGoalSerializer
    renderer_classes = [JSONRenderer, SafeCSVRenderer, BrowsableAPIRenderer]
    filter_backends = []
    content_areas = (LOCAL_GOALS_AREA,)
    query_params = LOCAL_GOAL_FILTER_PARAMS
    csv_columns = [
        ("id", "id"),
        ("organisation", "organisation.name"),
        ("organisation_slug", "organisation.slug"),
        ("text", "text"),
        ("action_item", "action_item.text"),
        ("programme", "programme"),
        ("pillar", "pillar.title"),
        ("status", "status"),
        ("progress", "progress"),
        ("target_date", "target_date"),
        ("responsible_role", "responsible_role"),
        ("housing_areas", "housing_areas"),
        ("url", "url"),
    ]

    def get_queryset(self):
        queryset = local_goal_public_list()
        if self.action == "list":
            filters = local_goal_filters_from_query(self.request.query_params)
            queryset = local_goal_filter(queryset=queryset, filters=filters)
        return queryset

    def get_renderers(self):
        if getattr(self, "action", None) == "retrieve":  # CSV is for lists only
            return [JSONRenderer(), BrowsableAPIRenderer()]
        return super().get_renderers()

    def _is_staff(self) -> bool:
        return bool(self.request.user and self.request.user.is_staff)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if self._is_staff() and isinstance(response.data, dict):
            filters = local_goal_filters_from_query(request.query_params)
            response.data["draft_count"] = local_goal_draft_count(filters=filters)
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self._is_staff():  # draft counts are BL's own: never in a shared cache
            patch_cache_control(response, private=True, no_store=True)
        return response
