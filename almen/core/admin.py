from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from almen.core.api.keys import api_key_create, api_key_revoke
from almen.core.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Staff create a key (shown once, on the page after saving) and revoke it; the key
    itself is never stored, so it cannot be shown again."""

    list_display = [
        "organisation",
        "name",
        "prefix",
        "user",
        "created_at",
        "last_used_at",
        "active",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["organisation", "name", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_keys"]

    @admin.display(boolean=True, description=_("active"))
    def active(self, obj: ApiKey) -> bool:
        return obj.is_active

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "organisation", "user"]
        return [
            "name",
            "organisation",
            "user",
            "prefix",
            "created_at",
            "last_used_at",
            "revoked_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [*self.readonly_fields, "user"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        created, key = api_key_create(name=obj.name, organisation=obj.organisation, user=obj.user)
        obj.pk = created.pk
        obj.prefix = created.prefix
        obj.created_at = created.created_at
        obj._state.adding = False
        request._almen_new_api_key = key

    def response_add(self, request, obj, post_url_continue=None):
        key = getattr(request, "_almen_new_api_key", None)
        if key is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "api_key": obj,
            "key": key,
            "title": _("The new API key"),
        }
        response = TemplateResponse(request, "api/apikey_created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Revoke the selected keys"))
    def revoke_keys(self, request, queryset):
        count = 0
        for api_key in queryset.filter(revoked_at__isnull=True):
            api_key_revoke(api_key=api_key)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", count) % {"count": count},
            messages.SUCCESS,
        )
