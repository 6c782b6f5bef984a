from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from almen.core.api.fields import NumberField
from municipalities.models import (
    HousingOrganisation,
    Indicator,
    Municipality,
    NationalFact,
    Observation,
    Region,
)

# The API's own labels of the indicator units, translated by Accept-Language.
UNIT_LABELS = {
    Indicator.Unit.COUNT: _("count"),
    Indicator.Unit.PERCENT: _("per cent"),
    Indicator.Unit.MILLION_DKK: _("million DKK"),
}


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "slug"]


class MunicipalityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["code", "name"]


class MunicipalitySerializer(serializers.ModelSerializer):
    region = RegionSerializer(read_only=True)
    has_figures = serializers.BooleanField(
        read_only=True, help_text="Whether BL has published a kommuneark (a sheet) for it."
    )
    url = serializers.SerializerMethodField(help_text="The municipality's page in the portal.")

    class Meta:
        model = Municipality
        fields = [
            "code",
            "name",
            "official_name",
            "council_name",
            "slug",
            "region",
            "has_figures",
            "url",
        ]
        extra_kwargs = {
            "official_name": {"help_text": "As the municipality writes it: Københavns Kommune."},
            "council_name": {
                "help_text": "The council as the municipality names it: Borgerrepræsentationen, "
                "Kalundborgs Byråd, Frederiksberg Kommunalbestyrelse."
            },
        }

    def get_url(self, obj: Municipality) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


class IndicatorSerializer(serializers.ModelSerializer):
    unit = serializers.ChoiceField(choices=Indicator.Unit.choices, read_only=True)
    unit_label = serializers.SerializerMethodField(
        help_text="The unit in words, in the requested language."
    )

    class Meta:
        model = Indicator
        fields = [
            "key",
            "name",
            "unit",
            "unit_label",
            "group",
            "description",
            "default_source",
            "order",
        ]

    def get_unit_label(self, obj: Indicator) -> str:
        return str(UNIT_LABELS.get(obj.unit, obj.unit))


class ObservationSerializer(serializers.ModelSerializer):
    municipality = MunicipalityRefSerializer(
        read_only=True, allow_null=True, help_text="Null for the whole country."
    )
    indicator = serializers.SlugRelatedField(slug_field="key", read_only=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)
    period = serializers.CharField(read_only=True, help_text="“2025” or “2022–2024”.")
    value = NumberField()
    source = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = [
            "municipality",
            "indicator",
            "unit",
            "start_year",
            "end_year",
            "period",
            "value",
            "source",
            "year_stated",
            "updated_at",
        ]

    def get_source(self, obj: Observation) -> str:
        return obj.source or obj.indicator.default_source


class FigureValueSerializer(serializers.Serializer):
    value = NumberField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    period = serializers.CharField()
    source = serializers.CharField()
    year_stated = serializers.BooleanField(
        help_text="False when the source gives no year: the period only files the figure "
        "under its sheet's year and is not shown on the sheet."
    )


class ProfileFigureSerializer(serializers.Serializer):
    indicator = IndicatorSerializer()
    latest = FigureValueSerializer(help_text="The municipality's newest figure.")
    national = FigureValueSerializer(
        allow_null=True, help_text="The newest figure for the whole country, if any."
    )


class SheetSectionSerializer(serializers.Serializer):
    heading = serializers.CharField(source="shown_heading", help_text="May be empty.")
    text = serializers.CharField(
        source="shown_text",
        help_text="Paragraphs separated by an empty line; “- ” starts a bullet; "
        "[text](https://…) is a link.",
    )
    shared_key = serializers.SlugField(
        source="shared.key",
        allow_null=True,
        default=None,
        help_text="The shared section it is based on, if any.",
    )
    is_own = serializers.BooleanField(help_text="True when the sheet has its own text.")


class SheetFactSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text="The source's number on the sheet (1, 2 …).")
    text = serializers.CharField()
    year = serializers.IntegerField()
    source = serializers.CharField()


class SheetSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    figures_source = serializers.CharField()
    sections = SheetSectionSerializer(many=True, help_text="In the sheet's order.")
    facts = SheetFactSerializer(
        many=True, help_text="“Vidste du, at …” with the sources this sheet cites."
    )


class MunicipalityProfileSerializer(serializers.Serializer):
    municipality = MunicipalitySerializer()
    sheet = SheetSerializer(
        allow_null=True, help_text="The newest published kommuneark; null when there is none."
    )
    figures = ProfileFigureSerializer(many=True)


class NationalFactSerializer(serializers.ModelSerializer):
    group = serializers.ChoiceField(choices=NationalFact.Group.choices, read_only=True)
    group_label = serializers.CharField(source="get_group_display", read_only=True)

    class Meta:
        model = NationalFact
        fields = ["key", "group", "group_label", "year", "text", "source", "source_url", "order"]


class HousingOrganisationSerializer(serializers.ModelSerializer):
    municipalities = serializers.SerializerMethodField(
        help_text="Codes of the municipalities it has housing in."
    )
    cvr = serializers.CharField(allow_null=True, help_text="The CVR number (8 digits) or null.")
    is_bl_member = serializers.BooleanField(help_text="Whether it is a member of BL.")
    is_demo = serializers.BooleanField(help_text="Demo data of a test installation.")
    url = serializers.SerializerMethodField(help_text="The organisation's page in the portal.")

    class Meta:
        model = HousingOrganisation
        fields = [
            "name",
            "slug",
            "cvr",
            "website",
            "email",
            "is_bl_member",
            "is_demo",
            "municipalities",
            "url",
        ]

    def get_url(self, obj: HousingOrganisation) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_municipalities(self, obj: HousingOrganisation) -> list[str]:
        return [municipality.code for municipality in obj.municipalities.all()]
