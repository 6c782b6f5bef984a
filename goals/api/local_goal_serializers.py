from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from goals.models import LocalGoal


class LocalGoalSerializer(serializers.ModelSerializer):
    organisation = serializers.SerializerMethodField(help_text="The housing organisation.")
    text = serializers.CharField(
        source="display_text", help_text="The goal, in the organisation's words if adapted."
    )
    action_item = serializers.SerializerMethodField(
        help_text="The adopted action item (null for an own goal)."
    )
    programme = serializers.CharField(source="pillar.programme.slug")
    pillar = serializers.SerializerMethodField()
    municipalities = serializers.SerializerMethodField(help_text="Municipality codes.")
    status_label = serializers.CharField(source="get_status_display")
    url = serializers.SerializerMethodField(help_text="The goal's page in the portal.")

    class Meta:
        model = LocalGoal
        fields = [
            "id",
            "organisation",
            "text",
            "action_item",
            "programme",
            "pillar",
            "municipalities",
            "housing_areas",
            "responsible_role",
            "target_date",
            "status",
            "status_label",
            "progress",
            "published_at",
            "updated_at",
            "url",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "slug": {"type": "string"},
                "name": {"type": "string"},
                "is_demo": {"type": "boolean"},
            },
        }
    )
    def get_organisation(self, obj: LocalGoal) -> dict:
        organisation = obj.organisation
        return {
            "slug": organisation.slug,
            "name": organisation.name,
            "is_demo": organisation.is_demo,
        }

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"id": {"type": "integer"}, "text": {"type": "string"}},
        }
    )
    def get_action_item(self, obj: LocalGoal) -> dict | None:
        if not obj.action_item_id:
            return None
        return {"id": obj.action_item_id, "text": obj.action_item.text}

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "number": {"type": "integer"},
                "title": {"type": "string"},
            },
        }
    )
    def get_pillar(self, obj: LocalGoal) -> dict:
        return {"id": obj.pillar_id, "number": obj.pillar.number, "title": obj.pillar.title}

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_municipalities(self, obj: LocalGoal) -> list[str]:
        return [municipality.code for municipality in obj.municipalities.all()]

    def get_url(self, obj: LocalGoal) -> str:
        return self.context["request"].build_absolute_uri(obj.get_absolute_url())
