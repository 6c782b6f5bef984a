from django.contrib import admin

from campaigns.admin_sending import CampaignSendingAdminMixin
from campaigns.models import (
    Campaign,
    CampaignTopic,
    Invitation,
    PriorityTopic,
    Recipient,
    Registration,
    Webinar,
    WebinarSession,
    WebinarSpeaker,
)


class CampaignTopicInline(admin.TabularInline):
    model = CampaignTopic
    extra = 0
    ordering = ["order"]


@admin.register(Campaign)
class CampaignAdmin(CampaignSendingAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "status"]
    inlines = [CampaignTopicInline]


@admin.register(PriorityTopic)
class PriorityTopicAdmin(admin.ModelAdmin):
    list_display = ["title", "order"]


class WebinarSessionInline(admin.TabularInline):
    model = WebinarSession
    extra = 0


class WebinarSpeakerInline(admin.TabularInline):
    model = WebinarSpeaker
    extra = 0


@admin.register(Webinar)
class WebinarAdmin(admin.ModelAdmin):
    inlines = [WebinarSessionInline, WebinarSpeakerInline]


@admin.register(Recipient)
class RecipientAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "municipality", "campaign"]


admin.site.register(Invitation)
admin.site.register(Registration)
