"""Scheduling in the admin: the "Planlægning" fieldset, the "Planlagt" column and filter
of every schedulable model, and the page listing everything scheduled."""

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from almen.editorial.scheduling import scheduled_list

SCHEDULE_FIELDS = ("publish_at", "withdraw_at")


class ScheduledListFilter(admin.SimpleListFilter):
    title = _("scheduled")
    parameter_name = "scheduled"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        planned = Q(publish_at__isnull=False) | Q(withdraw_at__isnull=False)
        if self.value() == "yes":
            return queryset.filter(planned)
        if self.value() == "no":
            return queryset.exclude(planned)
        return queryset


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


class SchedulingAdminMixin:
    """Puts ``publish_at`` and ``withdraw_at`` in a fieldset of their own and adds the
    "Planlagt" column and filter to the changelist."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = []
        for name, options in super().get_fieldsets(request, obj):
            fields = [field for field in options["fields"] if field not in SCHEDULE_FIELDS]
            fieldsets.append((name, {**options, "fields": fields}))
        fieldsets.append(
            (
                _("Scheduling"),
                {
                    "fields": SCHEDULE_FIELDS,
                    "description": _(
                        "Times are Danish time. The change is made within a minute of the "
                        "time and recorded in the history."
                    ),
                },
            )
        )
        return fieldsets

    def get_list_display(self, request):
        return [*super().get_list_display(request), "scheduled"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ScheduledListFilter]

    @admin.display(description=_("scheduled"))
    def scheduled(self, obj) -> str:
        parts = []
        if obj.publish_at:
            parts.append(_("publish %(time)s") % {"time": _when(obj.publish_at)})
        if obj.withdraw_at:
            parts.append(_("withdraw %(time)s") % {"time": _when(obj.withdraw_at)})
        return "; ".join(str(part) for part in parts) or "–"


def scheduled_view(request: HttpRequest) -> HttpResponse:
    """Every planned publication and withdrawal across the content types, soonest first
    (staff only: wrapped in ``admin.site.admin_view`` in almen/urls.py)."""
    return TemplateResponse(
        request,
        "editorial/scheduled_list.html",
        {
            **admin.site.each_context(request),
            "title": _("Scheduled publishing"),
            "items": scheduled_list(),
        },
    )
