from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.decorators import action
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from almen.core.api.renderers import CSVRenderer
from almen.core.api.serializers import DETAIL_ERRORS, LIST_ERRORS, page_example
from almen.core.api.viewsets import CsvListMixin, PublicListViewSet, PublicReadOnlyViewSet
from municipalities.api import selectors
from municipalities.api.filters import (
    HousingOrganisationFilter,
    MunicipalityFilter,
    NationalFactFilter,
    ObservationFilter,
)
from municipalities.api.serializers import (
    HousingOrganisationSerializer,
    IndicatorSerializer,
    MunicipalityProfileSerializer,
    MunicipalitySerializer,
    NationalFactSerializer,
    ObservationSerializer,
    RegionSerializer,
)
from municipalities.models import Municipality, NationalFact

AREA = "municipalities"
TAG = "Municipalities"

REGION_EXAMPLE = {"code": "1085", "name": "Sjælland", "slug": "sjaelland"}
KALUNDBORG_EXAMPLE = {
    "code": "326",
    "name": "Kalundborg",
    "official_name": "Kalundborg Kommune",
    "council_name": "Kalundborgs Byråd",
    "slug": "kalundborg",
    "region": REGION_EXAMPLE,
    "has_figures": True,
    "url": "https://almen.bl.dk/kommuner/kalundborg/",
}
INDICATOR_EXAMPLE = {
    "key": "dwellings_family",
    "name": "Familieboliger",
    "unit": "count",
    "unit_label": "antal",
    "group": "dwellings",
    "description": "Antal almene familieboliger i kommunen.",
    "default_source": "BL's egne beregninger på baggrund af Danmarks Statistiks registerdata",
    "order": 2,
}


# The range YearFilter accepts (a year outside it is a 400).
YEAR_SCHEMA = {"type": "integer", "minimum": 1900, "maximum": 2100}

FACT_TEXT = (
    "kvadratmeterhuslejen i almene familieboliger er i gns. 25 pct. lavere end i private "
    "lejeboliger."
)

CODE_PARAMETER = OpenApiParameter(
    "code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The official three-digit municipality code, e.g. 326 (Kalundborg).",
    examples=[OpenApiExample("Kalundborg", value="326")],
)


@extend_schema_view(
    list=extend_schema(
        summary="Regions",
        description="Denmark's five regions, by code.",
        responses={200: RegionSerializer(many=True), **LIST_ERRORS},
        examples=[
            OpenApiExample("Regions", value=page_example(REGION_EXAMPLE), response_only=True)
        ],
    ),
    retrieve=extend_schema(
        summary="One region",
        description="A region by its code.",
        parameters=[
            OpenApiParameter(
                "code",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The region code, e.g. 1085.",
                examples=[OpenApiExample("Sjælland", value="1085")],
            )
        ],
        responses={200: RegionSerializer, **DETAIL_ERRORS},
        examples=[OpenApiExample("Sjælland", value=REGION_EXAMPLE, response_only=True)],
    ),
)
@extend_schema(tags=[TAG])
class RegionViewSet(PublicReadOnlyViewSet):
    serializer_class = RegionSerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{4}"
    content_areas = (AREA,)

    def get_queryset(self):
        return selectors.api_region_list()


@extend_schema_view(
    list=extend_schema(
        summary="Municipalities",
        description=(
            "All 98 municipalities by name, with region and whether BL has published figures "
            "(a kommuneark) for it. `?page_size=100` returns them all on one page."
        ),
        parameters=[
            OpenApiParameter(
                "region",
                OpenApiTypes.STR,
                description="Only the municipalities of this region (region code).",
                examples=[OpenApiExample("Region Sjælland", value="1085")],
            ),
            OpenApiParameter(
                "search",
                OpenApiTypes.STR,
                description="Part of the name, in any case; æ/ø/å may be written ae/oe/aa.",
                examples=[OpenApiExample("Køge", value="koege")],
            ),
        ],
        responses={200: MunicipalitySerializer(many=True), **LIST_ERRORS},
        examples=[
            OpenApiExample(
                "Municipalities", value=page_example(KALUNDBORG_EXAMPLE), response_only=True
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One municipality",
        description="A municipality by its official code.",
        parameters=[CODE_PARAMETER],
        responses={200: MunicipalitySerializer, **DETAIL_ERRORS},
        examples=[OpenApiExample("Kalundborg", value=KALUNDBORG_EXAMPLE, response_only=True)],
    ),
)
@extend_schema(tags=[TAG])
class MunicipalityViewSet(PublicReadOnlyViewSet):
    serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilter
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{3}"
    content_areas = (AREA,)

    def get_queryset(self):
        return selectors.api_municipality_list()

    @extend_schema(
        summary="A municipality's kommuneark",
        description=(
            "The municipality fact sheet as data: the newest published sheet (`sheet`: its "
            "year, text sections in order and the facts with the sources it cites; null when "
            "BL has published none), and for every indicator with a figure for the "
            "municipality the newest figure up to the sheet's year (`latest`, with its year "
            "or period and source) and the newest figure for the whole country (`national`), "
            "in indicator order."
        ),
        parameters=[CODE_PARAMETER],
        filters=False,
        responses={200: MunicipalityProfileSerializer, **DETAIL_ERRORS},
        examples=[
            OpenApiExample(
                "Kalundborg",
                response_only=True,
                value={
                    "municipality": KALUNDBORG_EXAMPLE,
                    "sheet": {
                        "year": 2025,
                        "figures_source": INDICATOR_EXAMPLE["default_source"],
                        "sections": [
                            {
                                "heading": "Samfundsansvar er en del af vores DNA",
                                "text": "Gennem målrettet boligsocial arbejde …",
                                "shared_key": "social-responsibility",
                                "is_own": False,
                            }
                        ],
                        "facts": [
                            {
                                "number": 1,
                                "text": FACT_TEXT,
                                "year": 2025,
                                "source": "Boligstat.dk (2025)",
                            }
                        ],
                    },
                    "figures": [
                        {
                            "indicator": INDICATOR_EXAMPLE,
                            "latest": {
                                "value": 3372,
                                "start_year": 2025,
                                "end_year": 2025,
                                "period": "2025",
                                "source": INDICATOR_EXAMPLE["default_source"],
                                "year_stated": True,
                            },
                            "national": None,
                        }
                    ],
                },
            )
        ],
    )
    @action(detail=True, url_path="profile", filter_backends=[], pagination_class=None)
    def profile(self, request, code=None):
        municipality = get_object_or_404(Municipality.objects.select_related("region"), code=code)
        data = selectors.api_municipality_profile(municipality=municipality)
        serializer = MunicipalityProfileSerializer(data, context=self.get_serializer_context())
        return Response(serializer.data)


@extend_schema_view(
    list=extend_schema(
        summary="Indicators",
        description="The figures of the kommuneark, with unit and default source.",
        responses={200: IndicatorSerializer(many=True), **LIST_ERRORS},
        examples=[
            OpenApiExample("Indicators", value=page_example(INDICATOR_EXAMPLE), response_only=True)
        ],
    ),
    retrieve=extend_schema(
        summary="One indicator",
        description="An indicator by its key.",
        parameters=[
            OpenApiParameter(
                "key",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The indicator key.",
                examples=[OpenApiExample("Family dwellings", value="dwellings_family")],
            )
        ],
        responses={200: IndicatorSerializer, **DETAIL_ERRORS},
        examples=[OpenApiExample("Family dwellings", value=INDICATOR_EXAMPLE, response_only=True)],
    ),
)
@extend_schema(tags=[TAG])
class IndicatorViewSet(PublicReadOnlyViewSet):
    serializer_class = IndicatorSerializer
    lookup_field = "key"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    content_areas = (AREA,)

    def get_queryset(self):
        return selectors.api_indicator_list()


OBSERVATION_EXAMPLE = {
    "municipality": {"code": "326", "name": "Kalundborg"},
    "indicator": "dwellings_family",
    "unit": "count",
    "start_year": 2025,
    "end_year": 2025,
    "period": "2025",
    "value": 3372,
    "source": INDICATOR_EXAMPLE["default_source"],
    "year_stated": True,
    "updated_at": "2026-01-15T10:00:00+01:00",
}


@extend_schema_view(
    list=extend_schema(
        summary="Observations",
        description=(
            "Every published figure: one value of an indicator for a municipality (or, with "
            "`municipality` null, the whole country) over a year or period. As JSON "
            "(paginated) or as CSV with `?format=csv` or `Accept: text/csv` (all matching "
            "rows, not paginated; columns municipality_code, municipality_name, indicator, "
            "unit, start_year, end_year, period, value, source)."
        ),
        parameters=[
            OpenApiParameter(
                "municipality",
                OpenApiTypes.STR,
                description="Municipality code.",
                examples=[OpenApiExample("Kalundborg", value="326")],
            ),
            OpenApiParameter(
                "indicator",
                OpenApiTypes.STR,
                description="Indicator key.",
                examples=[OpenApiExample("Family dwellings", value="dwellings_family")],
            ),
            OpenApiParameter(
                "national",
                OpenApiTypes.STR,
                enum=["true", "false"],
                description="true: only whole-country figures; false: only municipal figures.",
                examples=[OpenApiExample("Whole country", value="true")],
            ),
            OpenApiParameter(
                "year_from",
                YEAR_SCHEMA,
                description="Only periods ending in or after this year (1900–2100).",
                examples=[OpenApiExample("From 2024", value=2024)],
            ),
            OpenApiParameter(
                "year_to",
                YEAR_SCHEMA,
                description="Only periods starting in or before this year (1900–2100).",
                examples=[OpenApiExample("Up to 2025", value=2025)],
            ),
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=["json", "csv"],
                description="`csv` for CSV (also with `Accept: text/csv`).",
                examples=[OpenApiExample("CSV", value="csv")],
            ),
        ],
        responses={
            (200, "application/json"): ObservationSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="CSV with a header row, UTF-8."
            ),
            # Errors are JSON, also when CSV was asked for.
            **{(code, "application/json"): error for code, error in LIST_ERRORS.items()},
        },
        examples=[
            OpenApiExample(
                "Observations", value=page_example(OBSERVATION_EXAMPLE), response_only=True
            ),
        ],
    ),
)
@extend_schema(tags=[TAG])
class ObservationViewSet(CsvListMixin, PublicListViewSet):
    serializer_class = ObservationSerializer
    filterset_class = ObservationFilter
    renderer_classes = [JSONRenderer, CSVRenderer, BrowsableAPIRenderer]
    content_areas = (AREA,)
    csv_columns = [
        ("municipality_code", "municipality.code"),
        ("municipality_name", "municipality.name"),
        ("indicator", "indicator"),
        ("unit", "unit"),
        ("start_year", "start_year"),
        ("end_year", "end_year"),
        ("period", "period"),
        ("value", "value"),
        ("source", "source"),
    ]

    def get_queryset(self):
        return selectors.api_observation_list()


FACT_EXAMPLE = {
    "key": "square-metre-rent",
    "group": "did_you_know",
    "group_label": "Vidste du, at …",
    "year": 2025,
    "text": FACT_TEXT,
    "source": "Boligstat.dk (2025)",
    "source_url": "",
    "order": 1,
}


@extend_schema_view(
    list=extend_schema(
        summary="National facts",
        description=(
            "BL's national statements and figures with year and source, every year that is "
            "published. A kommuneark cites its own edition (see the profile's `sheet.facts`); "
            "pages without a sheet show the newest year of each key."
        ),
        parameters=[
            OpenApiParameter(
                "group",
                OpenApiTypes.STR,
                enum=NationalFact.Group.values,
                description="The fact group.",
                examples=[OpenApiExample("Did you know", value="did_you_know")],
            ),
            OpenApiParameter(
                "year",
                YEAR_SCHEMA,
                description="Only facts about this year (1900–2100).",
                examples=[OpenApiExample("2025", value=2025)],
            ),
        ],
        responses={200: NationalFactSerializer(many=True), **LIST_ERRORS},
        examples=[OpenApiExample("Facts", value=page_example(FACT_EXAMPLE), response_only=True)],
    ),
)
@extend_schema(tags=[TAG])
class NationalFactViewSet(PublicListViewSet):
    serializer_class = NationalFactSerializer
    filterset_class = NationalFactFilter
    content_areas = (AREA,)

    def get_queryset(self):
        return selectors.api_national_fact_list()


ORGANISATION_EXAMPLE = {
    "name": "Demo Boligselskab Vest (demodata)",
    "slug": "demo-boligselskab-vest",
    "cvr": "",
    "website": "",
    "email": "",
    "is_bl_member": True,
    "is_demo": True,
    "municipalities": ["326"],
    "url": "https://almen.bl.dk/organisationer/demo-boligselskab-vest/",
}


@extend_schema_view(
    list=extend_schema(
        summary="Housing organisations",
        description="Social housing organisations with the municipalities they have housing in.",
        parameters=[
            OpenApiParameter(
                "municipality",
                OpenApiTypes.STR,
                description="Municipality code: only organisations with housing there.",
                examples=[OpenApiExample("Kalundborg", value="326")],
            ),
            OpenApiParameter(
                "region",
                OpenApiTypes.STR,
                description="Region code: only organisations with housing there.",
                examples=[OpenApiExample("Region Sjælland", value="1085")],
            ),
            OpenApiParameter(
                "search",
                OpenApiTypes.STR,
                description="Part of the name, or a CVR number.",
                examples=[OpenApiExample("Name", value="bolig")],
            ),
        ],
        responses={200: HousingOrganisationSerializer(many=True), **LIST_ERRORS},
        examples=[
            OpenApiExample(
                "Organisations", value=page_example(ORGANISATION_EXAMPLE), response_only=True
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One housing organisation",
        description="A housing organisation by its slug.",
        parameters=[
            OpenApiParameter(
                "slug",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                description="The organisation's slug.",
                examples=[OpenApiExample("Demo", value="demo-boligselskab-vest")],
            )
        ],
        responses={200: HousingOrganisationSerializer, **DETAIL_ERRORS},
        examples=[OpenApiExample("Organisation", value=ORGANISATION_EXAMPLE, response_only=True)],
    ),
)
@extend_schema(tags=[TAG])
class HousingOrganisationViewSet(PublicReadOnlyViewSet):
    serializer_class = HousingOrganisationSerializer
    filterset_class = HousingOrganisationFilter
    lookup_field = "slug"
    content_areas = (AREA,)

    def get_queryset(self):
        return selectors.api_housing_organisation_list()
