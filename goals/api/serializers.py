from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from goals.models import (
    ActionItem,
    Case,
    Pillar,
    Programme,
    ProgrammeSection,
    SectionItem,
    SustainableDevelopmentGoal,
    Theme,
)

SLUG_LIST = serializers.ListField(child=serializers.CharField())


class PortalUrlMixin(serializers.Serializer):
    url = serializers.SerializerMethodField(help_text="The page in the portal.")

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())


def _slugs(objects) -> list[str]:
    return [obj.slug for obj in objects.all()]


class SustainableDevelopmentGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = SustainableDevelopmentGoal
        fields = ["number", "name", "url"]


class ThemeSerializer(PortalUrlMixin, serializers.ModelSerializer):
    pillar_count = serializers.IntegerField(read_only=True)
    action_count = serializers.IntegerField(read_only=True)
    case_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Theme
        fields = [
            "slug",
            "name",
            "description",
            "order",
            "pillar_count",
            "action_count",
            "case_count",
            "url",
        ]


class ThemedSerializer(serializers.Serializer):
    themes = serializers.SerializerMethodField(help_text="Slugs of the themes it belongs to.")

    @extend_schema_field(SLUG_LIST)
    def get_themes(self, obj) -> list[str]:
        return _slugs(obj.themes)


class ActionItemInPillarSerializer(ThemedSerializer, serializers.ModelSerializer):
    class Meta:
        model = ActionItem
        fields = ["key", "order", "text", "themes"]


class ActionItemSerializer(ThemedSerializer, serializers.ModelSerializer):
    programme = serializers.CharField(source="pillar.programme.slug", read_only=True)
    pillar = serializers.CharField(source="pillar.slug", read_only=True)
    pillar_number = serializers.IntegerField(source="pillar.number", read_only=True)

    class Meta:
        model = ActionItem
        fields = ["programme", "pillar", "pillar_number", "key", "order", "text", "themes"]


class PillarFieldsSerializer(ThemedSerializer, PortalUrlMixin, serializers.ModelSerializer):
    sdgs = serializers.SerializerMethodField(help_text="Numbers of the UN goals it serves.")

    class Meta:
        model = Pillar
        fields = ["slug", "number", "title", "lead", "body", "closing", "themes", "sdgs", "url"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_sdgs(self, obj: Pillar) -> list[int]:
        return [sdg.number for sdg in obj.sdgs.all()]


class PillarSerializer(PillarFieldsSerializer):
    programme = serializers.CharField(source="programme.slug", read_only=True)

    class Meta(PillarFieldsSerializer.Meta):
        fields = ["programme", *PillarFieldsSerializer.Meta.fields]


class PillarWithActionsSerializer(PillarFieldsSerializer):
    actions = ActionItemInPillarSerializer(many=True, read_only=True)

    class Meta(PillarFieldsSerializer.Meta):
        fields = [*PillarFieldsSerializer.Meta.fields, "actions"]


class SectionItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = SectionItem
        fields = ["key", "title", "text"]


class ProgrammeSectionSerializer(serializers.ModelSerializer):
    items = SectionItemSerializer(many=True, read_only=True)

    class Meta:
        model = ProgrammeSection
        fields = ["key", "title", "body", "items", "closing", "after_pillars"]


class CaseFieldsSerializer(ThemedSerializer, PortalUrlMixin, serializers.ModelSerializer):
    pillars = serializers.SerializerMethodField(help_text="Slugs of the pillars it illustrates.")

    class Meta:
        model = Case
        fields = ["slug", "title", "place", "text", "photo_credit", "pillars", "themes", "url"]

    @extend_schema_field(SLUG_LIST)
    def get_pillars(self, obj: Case) -> list[str]:
        return _slugs(obj.pillars)


class CaseSerializer(CaseFieldsSerializer):
    programme = serializers.CharField(source="programme.slug", read_only=True)

    class Meta(CaseFieldsSerializer.Meta):
        fields = ["programme", *CaseFieldsSerializer.Meta.fields]


class PillarSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Pillar
        fields = ["slug", "number", "title"]


PROGRAMME_FIELDS = [
    "slug",
    "title",
    "start_year",
    "end_year",
    "period",
    "tagline",
    "adopted_on",
    "adoption_note",
    "publication_note",
    "source",
    "pillar_term",
    "pillar_term_plural",
    "updated_at",
    "url",
]


class ProgrammeSerializer(PortalUrlMixin, serializers.ModelSerializer):
    period = serializers.CharField(read_only=True, help_text="“2026–2028”.")
    pillars = PillarSummarySerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [*PROGRAMME_FIELDS, "pillars"]


class ProgrammeDetailSerializer(PortalUrlMixin, serializers.ModelSerializer):
    period = serializers.CharField(read_only=True, help_text="“2026–2028”.")
    sdgs = SustainableDevelopmentGoalSerializer(many=True, read_only=True)
    sections = ProgrammeSectionSerializer(many=True, read_only=True)
    pillars = PillarWithActionsSerializer(many=True, read_only=True)
    cases = CaseFieldsSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            *PROGRAMME_FIELDS,
            "introduction_heading",
            "introduction",
            "pillars_heading",
            "action_heading",
            "sdgs",
            "sections",
            "pillars",
            "cases",
        ]
