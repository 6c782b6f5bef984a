"""The sending pages of the campaign admin: "Send invitations" (a confirmation page with the
counts, then ``campaign_send``) and a progress page that refreshes itself while sending.

Only staff who may change campaigns can send; anyone who may view a campaign sees progress.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from campaigns.models import Campaign
from campaigns.selectors import campaign_invitation_sessions
from campaigns.services.sending import (
    CampaignNotSendable,
    campaign_failed_invitations,
    campaign_progress,
    campaign_send,
    campaign_send_block_reason,
    campaign_send_preview,
)

PROGRESS_REFRESH_SECONDS = 5


class CampaignSendingAdminMixin:
    change_form_template = "admin/campaigns/campaign/send_change_form.html"

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/send/",
                self.admin_site.admin_view(self.send_invitations_view),
                name=f"{prefix}_send",
            ),
            path(
                "<path:object_id>/sending/",
                self.admin_site.admin_view(self.sending_progress_view),
                name=f"{prefix}_sending",
            ),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            actions["send_invitations"] = (
                CampaignSendingAdminMixin.send_invitations,
                "send_invitations",
                _("Send invitations …"),
            )
        return actions

    def send_invitations(self, request, queryset):
        """Admin action: go to the confirmation page of the one chosen campaign."""
        if queryset.count() != 1:
            self.message_user(
                request, _("Choose exactly one campaign to send."), level=messages.WARNING
            )
            return None
        return redirect("admin:campaigns_campaign_send", queryset.get().pk)

    def _campaign(self, request, object_id, *, change: bool) -> Campaign:
        campaign = self.get_object(request, object_id)
        if campaign is None:
            raise Http404
        allowed = (
            self.has_change_permission(request, campaign)
            if change
            else self.has_view_or_change_permission(request, campaign)
        )
        if not allowed:
            raise PermissionDenied
        return campaign

    def send_invitations_view(self, request, object_id):
        campaign = self._campaign(request, object_id, change=True)
        retry_failed = request.POST.get("retry_failed", request.GET.get("retry_failed")) == "1"
        if request.method == "POST":
            try:
                result = campaign_send(campaign=campaign, retry_failed=retry_failed)
            except CampaignNotSendable as error:
                self.message_user(request, str(error), level=messages.ERROR)
                return redirect("admin:campaigns_campaign_send", campaign.pk)
            queued = result.created + result.requeued
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation is being sent.",
                    "%(count)d invitations are being sent.",
                    queued,
                )
                % {"count": queued},
                level=messages.SUCCESS,
            )
            return redirect("admin:campaigns_campaign_sending", campaign.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "campaign": campaign,
            "title": pgettext_lazy("campaign sending", "Send invitations"),
            "preview": campaign_send_preview(campaign=campaign, retry_failed=retry_failed),
            "retry_failed": retry_failed,
            "block_reason": campaign_send_block_reason(campaign=campaign),
            "sessions": campaign_invitation_sessions(campaign=campaign),
        }
        return TemplateResponse(request, "admin/campaigns/campaign/send_confirm.html", context)

    def sending_progress_view(self, request, object_id):
        campaign = self._campaign(request, object_id, change=False)
        sending = campaign.status == Campaign.Status.SENDING
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "campaign": campaign,
            "title": pgettext_lazy("campaign sending", "Sending progress"),
            "progress": campaign_progress(campaign=campaign),
            "failures": campaign_failed_invitations(campaign=campaign),
            "refresh_seconds": PROGRESS_REFRESH_SECONDS if sending else None,
            "may_send": self.has_change_permission(request, campaign),
            "send_url": reverse("admin:campaigns_campaign_send", args=[campaign.pk]),
        }
        return TemplateResponse(request, "admin/campaigns/campaign/send_progress.html", context)
