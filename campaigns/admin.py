from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from almen.core.admin_imports import ImportSampleAdminMixin, ImportUploadAdminMixin
from almen.core.admin_ordering import OrderedInlineMixin
from almen.core.models import ImportUpload
from almen.core.tabular import TabularFileError, tabular_upload_check
from almen.core.uploads import import_upload_create
from almen.editorial.admin import ContentAdmin
from almen.editorial.admin_scheduling import SchedulingAdminMixin
from campaigns.admin_sending import CampaignSendingAdminMixin
from campaigns.models import (
    Campaign,
    CampaignCase,
    CampaignSection,
    CampaignTopic,
    Invitation,
    PriorityTopic,
    Recipient,
    Registration,
    Webinar,
    WebinarSession,
    WebinarSpeaker,
)
from campaigns.selectors import campaign_list_with_state, campaign_state_annotated
from campaigns.services.content import campaigns_content_changed
from campaigns.services.demo import SAMPLE_FILE
from campaigns.services.recipients import (
    ImportFileError,
    councillors_import,
    recipient_erase,
)
from campaigns.services.session_updates import webinar_session_save
from goals.admin import PillarChooserMixin


class CampaignContentAdminMixin:
    """Rebuilds the public campaign pages (and the campaigns API) after every change."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        campaigns_content_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        campaigns_content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        campaigns_content_changed()


class CampaignSectionInline(OrderedInlineMixin, admin.StackedInline):
    model = CampaignSection
    extra = 0
    ordering = ["order", "pk"]
    fields = ["order", "placement", "key", "title", "body", "link_text", "link_url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class CampaignCaseInline(OrderedInlineMixin, admin.TabularInline):
    model = CampaignCase
    extra = 0
    ordering = ["order", "pk"]
    fields = ["order", "key", "text", "photo_credit"]


class CampaignTopicInline(OrderedInlineMixin, admin.TabularInline):
    model = CampaignTopic
    extra = 0
    ordering = ["order"]
    autocomplete_fields = ["topic"]


@admin.register(Campaign)
class CampaignAdmin(
    PillarChooserMixin,
    SchedulingAdminMixin,
    CampaignContentAdminMixin,
    CampaignSendingAdminMixin,
    ContentAdmin,
):
    list_display = [
        "name",
        "state",
        "status",
        "recipient_count",
        "queued_count",
        "sent_count",
        "failed_count",
        "opened_count",
    ]
    list_filter = ["status"]
    search_fields = ["name", "slug"]
    inlines = [CampaignTopicInline, CampaignSectionInline, CampaignCaseInline]
    autocomplete_fields = ["webinar"]
    filter_horizontal = ["pillars", "themes"]
    readonly_fields = ["state"]

    def get_queryset(self, request):
        invitation = "recipients__invitation"
        return campaign_list_with_state(super().get_queryset(request)).annotate(
            recipients_total=Count("recipients", distinct=True),
            queued_total=Count(
                invitation,
                filter=Q(
                    **{
                        f"{invitation}__status__in": [
                            Invitation.Status.QUEUED,
                            Invitation.Status.SENDING,
                        ]
                    }
                ),
                distinct=True,
            ),
            sent_total=Count(
                invitation,
                filter=Q(**{f"{invitation}__status": Invitation.Status.SENT}),
                distinct=True,
            ),
            failed_total=Count(
                invitation,
                filter=Q(**{f"{invitation}__status": Invitation.Status.FAILED}),
                distinct=True,
            ),
            opened_total=Count(
                invitation,
                filter=Q(**{f"{invitation}__opened_at__isnull": False}),
                distinct=True,
            ),
        )

    @admin.display(description=_("state"))
    def state(self, obj):
        """Upcoming, open or closed (``campaigns.selectors.campaign_state_of``)."""
        if obj.pk is None:
            return "–"
        return campaign_state_annotated(obj).label

    @admin.display(description=_("recipients"), ordering="recipients_total")
    def recipient_count(self, obj):
        return obj.recipients_total

    @admin.display(description=_("queued"))
    def queued_count(self, obj):
        return obj.queued_total

    @admin.display(description=_("sent"))
    def sent_count(self, obj):
        return obj.sent_total

    @admin.display(description=_("failed"))
    def failed_count(self, obj):
        return obj.failed_total

    @admin.display(description=_("opened"))
    def opened_count(self, obj):
        return obj.opened_total


@admin.register(PriorityTopic)
class PriorityTopicAdmin(PillarChooserMixin, CampaignContentAdminMixin, ContentAdmin):
    list_display = ["title", "order"]
    search_fields = ["title", "text"]
    filter_horizontal = ["pillars"]


class WebinarSessionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            session = form.instance
            if session.pk and session.registrations.filter(cancelled_at__isnull=True).exists():
                raise ValidationError(
                    _(
                        "The session %(session)s has registrations and cannot be deleted. "
                        "Tick “cancelled” instead: those registered are then told."
                    )
                    % {"session": session.key}
                )


class WebinarSessionInline(admin.StackedInline):
    model = WebinarSession
    formset = WebinarSessionFormSet
    extra = 0
    fields = [
        "key",
        "starts_at",
        "ends_at",
        "join_url",
        "capacity",
        "order",
        "is_cancelled",
        "recording_url",
        "sequence",
    ]
    readonly_fields = ["sequence"]


class WebinarSpeakerInline(OrderedInlineMixin, admin.TabularInline):
    model = WebinarSpeaker
    extra = 0
    fields = ["name", "title", "order"]


@admin.register(Webinar)
class WebinarAdmin(CampaignContentAdminMixin, ContentAdmin):
    list_display = ["title"]
    search_fields = ["title"]
    inlines = [WebinarSessionInline, WebinarSpeakerInline]

    def save_formset(self, request, form, formset, change):
        """Sessions are saved through ``webinar_session_save``: a new time or a
        cancellation raises the calendar version and emails those registered."""
        if formset.model is not WebinarSession:
            super().save_formset(request, form, formset, change)
            return
        sessions = formset.save(commit=False)
        for session in formset.deleted_objects:
            session.delete()
        updated = [session for session in sessions if webinar_session_save(session=session)]
        formset.save_m2m()
        if updated:
            self.message_user(
                request,
                ngettext(
                    "%(count)d session was moved or cancelled: those registered get an "
                    "email that updates their calendars.",
                    "%(count)d sessions were moved or cancelled: those registered get an "
                    "email that updates their calendars.",
                    len(updated),
                )
                % {"count": len(updated)},
                messages.INFO,
            )


class InvitationInline(admin.StackedInline):
    model = Invitation
    extra = 0
    can_delete = False
    readonly_fields = [
        "status",
        "queued_at",
        "attempts",
        "sending_started_at",
        "sent_at",
        "last_error",
        "opened_at",
        "message_id",
    ]

    def has_add_permission(self, request, obj=None):
        return False


class CouncillorImportForm(forms.Form):
    campaign = forms.ModelChoiceField(queryset=Campaign.objects.all(), label=_("Campaign"))
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (comma or semicolon separated, UTF-8) or Excel (.xlsx) with the header row "
            "name,email,municipality_code,party,role. Party and role may be empty."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            tabular_upload_check(filename=upload.name, size=upload.size)
        except TabularFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


@admin.register(Recipient)
class RecipientAdmin(ImportSampleAdminMixin, ImportUploadAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "email",
        "municipality",
        "party",
        "campaign",
        "invitation_status",
        "unsubscribed_at",
        "erased_at",
    ]
    list_filter = [
        "campaign",
        "invitation__status",
        ("unsubscribed_at", admin.EmptyFieldListFilter),
        ("erased_at", admin.EmptyFieldListFilter),
        "municipality",
    ]
    search_fields = ["name", "email", "municipality__name", "party"]
    list_select_related = ["municipality", "campaign", "invitation"]
    readonly_fields = ["public_id", "created_at", "unsubscribed_at", "erased_at"]
    autocomplete_fields = ["municipality"]
    inlines = [InvitationInline]
    actions = ["erase_selected"]
    change_list_template = "admin/campaigns/recipient/change_list.html"

    @admin.display(description=_("invitation"), ordering="invitation__status")
    def invitation_status(self, obj):
        try:
            return obj.invitation.get_status_display()
        except Invitation.DoesNotExist:
            return "–"

    @admin.action(description=_("Erase the personal data of the selected recipients"))
    def erase_selected(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        to_erase = queryset.filter(erased_at__isnull=True).select_related("municipality")
        if request.POST.get("post") != "yes":
            # Erasing cannot be undone: show who is affected and ask first, as Django's
            # own "delete selected" does.
            return TemplateResponse(
                request,
                "admin/campaigns/recipient/erase_confirmation.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Erase personal data?"),
                    "opts": self.model._meta,
                    "recipients": to_erase,
                    "selected": queryset.values_list("pk", flat=True),
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        erased = 0
        for recipient in to_erase:
            recipient_erase(recipient=recipient)
            erased += 1
        self.message_user(
            request,
            ngettext(
                "Erased the personal data of %(count)d recipient.",
                "Erased the personal data of %(count)d recipients.",
                erased,
            )
            % {"count": erased},
            messages.SUCCESS,
        )

    import_kind = ImportUpload.Kind.COUNCILLORS
    import_title = _("Import councillors")
    import_sample = SAMPLE_FILE

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="campaigns_recipient_import",
            ),
            *super().get_urls(),
        ]

    def import_allowed(self, request) -> bool:
        return self.has_add_permission(request)

    def import_task(self):
        from campaigns.tasks import councillors_import_task

        return councillors_import_task

    def import_counts(self, summary: dict) -> list[tuple[str, int]]:
        return [(_("Imported councillors"), summary.get("created", 0))]

    def import_done_url(self, upload) -> str:
        campaign = upload.options.get("campaign")
        return reverse("admin:campaigns_recipient_changelist") + f"?campaign__id__exact={campaign}"

    def import_view(self, request):
        """Upload → dry run (the counts, the first rows and the first errors) → confirm →
        the import runs as a task, followed on its progress page. The file waits in an
        ``ImportUpload`` owned by the user, not in the session."""
        if not self.import_allowed(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": self.import_title,
            "sample_url": self.import_sample_url(),
            "sample_name": self.import_sample.name,
        }
        form = CouncillorImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            campaign = form.cleaned_data["campaign"]
            upload = form.cleaned_data["file"]
            content = upload.read()
            try:
                result = councillors_import(
                    campaign=campaign, file_name=upload.name, content=content, dry_run=True
                )
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                stored = None
                if result.is_valid:
                    stored = import_upload_create(
                        user=request.user,
                        kind=self.import_kind,
                        filename=upload.name,
                        content=content,
                        options={"campaign": campaign.pk},
                    )
                context.update(
                    {
                        "summary": result.summary(),
                        "campaign": campaign,
                        "file_name": upload.name,
                        "confirm_url": self.import_upload_url(stored) if stored else "",
                    }
                )
        context["form"] = form
        return TemplateResponse(request, "admin/campaigns/recipient/import.html", context)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "status", "attempts", "sent_at", "opened_at", "last_error"]
    list_filter = ["status", "recipient__campaign"]
    search_fields = ["recipient__name", "recipient__email"]
    list_select_related = ["recipient"]
    readonly_fields = [field.name for field in Invitation._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "session", "created_at", "cancelled_at", "reminder_sent_at"]
    list_filter = ["session", ("cancelled_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient__name", "recipient__email"]
    list_select_related = ["recipient", "session__webinar"]
    readonly_fields = ["recipient", "session", "created_at", "reminder_sent_at"]

    def has_add_permission(self, request):
        return False
