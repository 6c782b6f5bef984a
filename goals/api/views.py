from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)

from almen.core.api.serializers import DETAIL_ERRORS, LIST_ERRORS, page_example
from almen.core.api.viewsets import PublicListViewSet, PublicReadOnlyViewSet
from goals.api import selectors
from goals.api.filters import ActionItemFilter, CaseFilter, PillarFilter
from goals.api.serializers import (
    ActionItemSerializer,
    CaseSerializer,
    PillarSerializer,
    ProgrammeDetailSerializer,
    ProgrammeSerializer,
    ThemeSerializer,
)
from goals.selectors import programme_list, theme_list

AREA = "goals"
TAG = "Goals"


def _slug_parameter(name: str, description: str, example: str, location=OpenApiParameter.QUERY):
    return OpenApiParameter(
        name,
        OpenApiTypes.STR,
        location,
        description=description,
        examples=[OpenApiExample(example, value=example)],
    )


PROGRAMME_PARAMETER = _slug_parameter(
    "programme", "Only this programme (its slug, the period).", "2026-2028"
)
THEME_PARAMETER = _slug_parameter(
    "theme", "Only what belongs to this theme (slug).", "klima-og-energi"
)
PILLAR_PARAMETER = _slug_parameter(
    "pillar",
    "Only this pillar (slug); combine with `programme` to pick one programme's pillar.",
    "det-groenne-potentiale-i-drift-byggeri-og-faellesskab",
)

PILLAR_SUMMARY = {
    "slug": "det-groenne-potentiale-i-drift-byggeri-og-faellesskab",
    "number": 2,
    "title": "Det grønne potentiale – i drift, byggeri og fællesskab",
}
PROGRAMME_EXAMPLE = {
    "slug": "2026-2028",
    "title": "Almene Mål 2026–2028",
    "start_year": 2026,
    "end_year": 2028,
    "period": "2026–2028",
    "tagline": "",
    "adopted_on": None,
    "adoption_note": "",
    "publication_note": "Udgivet af BL – Danmarks Almene Boliger, januar 2026.",
    "source": "",
    "pillar_term": "pejlemærke",
    "pillar_term_plural": "pejlemærker",
    "updated_at": "2026-01-15T10:00:00+01:00",
    "url": "https://almen.bl.dk/maal/2026-2028/",
}
ACTION_EXAMPLE = {"key": "1", "order": 1, "text": "…", "themes": ["klima-og-energi"]}
PILLAR_EXAMPLE = {
    "slug": "det-groenne-potentiale-i-drift-byggeri-og-faellesskab",
    "number": 2,
    "title": "Det grønne potentiale – i drift, byggeri og fællesskab",
    "lead": "…",
    "body": "…",
    "closing": "",
    "themes": ["klima-og-energi"],
    "sdgs": [11],
    "url": "https://almen.bl.dk/maal/2026-2028/det-groenne-potentiale-i-drift-byggeri-og-faellesskab/",
}
CASE_EXAMPLE = {
    "slug": "ab-hoersholm-kokkedal-klimapartnerskab",
    "title": "…",
    "place": "…",
    "text": "…",
    "photo_credit": "",
    "pillars": ["det-groenne-potentiale-i-drift-byggeri-og-faellesskab"],
    "themes": [],
    "url": "https://almen.bl.dk/maal/2026-2028/#case-ab-hoersholm-kokkedal-klimapartnerskab",
}


@extend_schema_view(
    list=extend_schema(
        summary="Goal programmes",
        description=(
            "BL's published goal programmes (Almene Mål), the current one first, with their "
            "pillars (indsatsområder, målsætninger or pejlemærker)."
        ),
        responses={200: ProgrammeSerializer(many=True), **LIST_ERRORS},
        examples=[
            OpenApiExample(
                "Programmes",
                value=page_example({**PROGRAMME_EXAMPLE, "pillars": [PILLAR_SUMMARY]}),
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One goal programme",
        description=(
            "A published programme by its slug (the period, e.g. 2026-2028) with its "
            "sections, its pillars in order, each with its ordered action items, its UN "
            "goals and its resident stories."
        ),
        parameters=[_slug_parameter("slug", "The programme's period slug.", "2026-2028", "path")],
        responses={200: ProgrammeDetailSerializer, **DETAIL_ERRORS},
        examples=[
            OpenApiExample(
                "Almene Mål 2026–2028",
                response_only=True,
                value={
                    **PROGRAMME_EXAMPLE,
                    "introduction_heading": "",
                    "introduction": "…",
                    "pillars_heading": "Tre pejlemærker for vores fælles fremtid",
                    "action_heading": "Derfor vil vi",
                    "sdgs": [],
                    "sections": [],
                    "pillars": [{**PILLAR_EXAMPLE, "actions": [ACTION_EXAMPLE]}],
                    "cases": [CASE_EXAMPLE],
                },
            )
        ],
    ),
)
@extend_schema(tags=[TAG])
class ProgrammeViewSet(PublicReadOnlyViewSet):
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    content_areas = (AREA,)

    def get_queryset(self):
        return programme_list().order_by("order", "-start_year", "slug")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ProgrammeDetailSerializer
        return ProgrammeSerializer

    def get_object(self):
        programme = selectors.api_programme_detail(slug=self.kwargs["slug"])
        if programme is None:
            raise Http404
        return programme


@extend_schema_view(
    list=extend_schema(
        summary="Pillars",
        description="The pillars of the published programmes, by programme and number.",
        parameters=[PROGRAMME_PARAMETER, THEME_PARAMETER],
        responses={200: PillarSerializer(many=True), **LIST_ERRORS},
        examples=[
            OpenApiExample(
                "Pillars",
                value=page_example({"programme": "2026-2028", **PILLAR_EXAMPLE}),
                response_only=True,
            )
        ],
    )
)
@extend_schema(tags=[TAG])
class PillarViewSet(PublicListViewSet):
    serializer_class = PillarSerializer
    filterset_class = PillarFilter
    content_areas = (AREA,)

    def get_queryset(self):
        return selectors.api_pillar_list()


@extend_schema_view(
    list=extend_schema(
        summary="Action items",
        description=(
            "The “BL vil” / “Derfor vil vi” items of the published programmes, in the order "
            "of their programme, pillar and place in the pillar."
        ),
        parameters=[PROGRAMME_PARAMETER, PILLAR_PARAMETER, THEME_PARAMETER],
        responses={200: ActionItemSerializer(many=True), **LIST_ERRORS},
        examples=[
            OpenApiExample(
                "Action items",
                value=page_example(
                    {
                        "programme": "2026-2028",
                        "pillar": "det-groenne-potentiale-i-drift-byggeri-og-faellesskab",
                        "pillar_number": 1,
                        **ACTION_EXAMPLE,
                    }
                ),
                response_only=True,
            )
        ],
    )
)
@extend_schema(tags=[TAG])
class ActionItemViewSet(PublicListViewSet):
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    content_areas = (AREA,)

    def get_queryset(self):
        return selectors.api_action_list()


THEME_EXAMPLE = {
    "slug": "klima-og-energi",
    "name": "Klima og energi",
    "description": "",
    "order": 1,
    "pillar_count": 2,
    "action_count": 5,
    "case_count": 1,
    "url": "https://almen.bl.dk/maal/temaer/klima-og-energi/",
}


@extend_schema_view(
    list=extend_schema(
        summary="Themes",
        description=(
            "The themes followed across the programmes, with how many pillars, action items "
            "and stories of published programmes carry each."
        ),
        responses={200: ThemeSerializer(many=True), **LIST_ERRORS},
        examples=[OpenApiExample("Themes", value=page_example(THEME_EXAMPLE), response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One theme",
        description="A theme by its slug.",
        parameters=[_slug_parameter("slug", "The theme's slug.", "klima-og-energi", "path")],
        responses={200: ThemeSerializer, **DETAIL_ERRORS},
        examples=[OpenApiExample("Theme", value=THEME_EXAMPLE, response_only=True)],
    ),
)
@extend_schema(tags=[TAG])
class ThemeViewSet(PublicReadOnlyViewSet):
    serializer_class = ThemeSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    content_areas = (AREA,)

    def get_queryset(self):
        return theme_list().order_by("order", "name", "slug")


@extend_schema_view(
    list=extend_schema(
        summary="Resident stories",
        description="The cases (resident stories) of the published programmes.",
        parameters=[PROGRAMME_PARAMETER, PILLAR_PARAMETER, THEME_PARAMETER],
        responses={200: CaseSerializer(many=True), **LIST_ERRORS},
        examples=[
            OpenApiExample(
                "Stories",
                value=page_example({"programme": "2026-2028", **CASE_EXAMPLE}),
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One resident story",
        description="A case by its slug.",
        parameters=[
            _slug_parameter(
                "slug", "The story's slug.", "ab-hoersholm-kokkedal-klimapartnerskab", "path"
            )
        ],
        responses={200: CaseSerializer, **DETAIL_ERRORS},
        examples=[
            OpenApiExample(
                "Story", value={"programme": "2026-2028", **CASE_EXAMPLE}, response_only=True
            )
        ],
    ),
)
@extend_schema(tags=[TAG])
class CaseViewSet(PublicReadOnlyViewSet):
    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    content_areas = (AREA,)

    def get_queryset(self):
        return selectors.api_case_list()
