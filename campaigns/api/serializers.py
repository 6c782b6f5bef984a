from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from campaigns.models import (
    Campaign,
    CampaignCase,
    CampaignTopic,
    Invitation,
    Recipient,
    Registration,
    Webinar,
    WebinarSession,
    WebinarSpeaker,
)
from goals.api.serializers import SLUG_LIST, PortalUrlMixin
from goals.models import Pillar
from municipalities.api.serializers import MunicipalityRefSerializer


class WebinarSpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebinarSpeaker
        fields = ["name", "title"]


class WebinarSerializer(serializers.ModelSerializer):
    speakers = WebinarSpeakerSerializer(many=True, read_only=True)

    class Meta:
        model = Webinar
        fields = ["slug", "title", "description", "speakers"]


class CampaignTopicSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="topic.slug")
    title = serializers.CharField(source="topic.title")
    text = serializers.CharField(source="topic.text")

    class Meta:
        model = CampaignTopic
        fields = ["slug", "title", "text", "order"]


class CampaignPillarSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.slug", read_only=True)

    class Meta:
        model = Pillar
        fields = ["programme", "slug", "number", "title"]


class CampaignCaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = CampaignCase
        fields = ["key", "text", "photo_credit"]


class CampaignSerializer(PortalUrlMixin, serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=Campaign.Status.choices, read_only=True)
    webinar = WebinarSerializer(read_only=True, allow_null=True)
    topics = CampaignTopicSerializer(
        source="campaign_topics", many=True, read_only=True, help_text="In the campaign's order."
    )
    pillars = CampaignPillarSerializer(
        many=True, read_only=True, help_text="The goal pillars the campaign serves."
    )
    themes = serializers.SerializerMethodField(help_text="Slugs of the themes it serves.")
    cases = CampaignCaseSerializer(
        many=True, read_only=True, help_text="Its photo captions and stories, in order."
    )

    class Meta:
        model = Campaign
        fields = [
            "slug",
            "name",
            "period_start",
            "period_end",
            "period_label",
            "introduction",
            "public_text",
            "source",
            "status",
            "webinar",
            "topics",
            "pillars",
            "themes",
            "cases",
            "url",
        ]

    @extend_schema_field(SLUG_LIST)
    def get_themes(self, obj: Campaign) -> list[str]:
        return [theme.slug for theme in obj.themes.all()]


class WebinarSessionSerializer(serializers.ModelSerializer):
    webinar = serializers.CharField(source="webinar.slug", read_only=True)
    webinar_title = serializers.CharField(source="webinar.title", read_only=True)
    is_full = serializers.BooleanField(read_only=True)

    class Meta:
        model = WebinarSession
        fields = ["webinar", "webinar_title", "key", "starts_at", "ends_at", "capacity", "is_full"]


class InvitationStatusSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=Invitation.Status.choices, read_only=True)

    class Meta:
        model = Invitation
        fields = ["status", "attempts", "queued_at", "sent_at", "opened_at", "last_error"]


class RegistrationStatusSerializer(serializers.ModelSerializer):
    session = serializers.CharField(source="session.key", read_only=True)
    starts_at = serializers.DateTimeField(source="session.starts_at", read_only=True)

    class Meta:
        model = Registration
        fields = ["session", "starts_at", "created_at", "cancelled_at"]


class RecipientStatusSerializer(serializers.ModelSerializer):
    municipality = MunicipalityRefSerializer(read_only=True)
    invitation = serializers.SerializerMethodField()
    registrations = RegistrationStatusSerializer(many=True, read_only=True)

    class Meta:
        model = Recipient
        fields = [
            "public_id",
            "name",
            "email",
            "municipality",
            "party",
            "role",
            "created_at",
            "unsubscribed_at",
            "erased_at",
            "invitation",
            "registrations",
        ]

    @extend_schema_field(InvitationStatusSerializer(allow_null=True))
    def get_invitation(self, obj: Recipient) -> dict | None:
        try:
            invitation = obj.invitation
        except Invitation.DoesNotExist:
            return None
        return InvitationStatusSerializer(invitation).data


class RecipientCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    unsubscribed = serializers.IntegerField()
    erased = serializers.IntegerField()
    opened = serializers.IntegerField(help_text="Recipients who opened their personal link.")


class InvitationCountsSerializer(serializers.Serializer):
    queued = serializers.IntegerField()
    sending = serializers.IntegerField()
    sent = serializers.IntegerField()
    failed = serializers.IntegerField()


class SessionCountsSerializer(serializers.Serializer):
    session = serializers.CharField()
    starts_at = serializers.DateTimeField()
    active = serializers.IntegerField()
    cancelled = serializers.IntegerField()


class CampaignStatusSerializer(serializers.Serializer):
    campaign = serializers.CharField()
    recipients = RecipientCountsSerializer()
    invitations = InvitationCountsSerializer()
    registrations = SessionCountsSerializer(many=True)
