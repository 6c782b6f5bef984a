"""Admin for BL staff: programmes with their sections and pillars, pillars with their
ordered action items, cases, themes and UN goals.

Every save or delete goes through the admin (so Django's change history records it) and
then calls ``goals_content_changed`` so the public pages are rebuilt; a loaded row staff
changed is marked so that ``load_content`` never overwrites it.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from almen.core.admin_ordering import OrderedInlineMixin
from almen.editorial.admin import ContentAdmin, is_restoring
from almen.editorial.admin_scheduling import SchedulingAdminMixin
from goals.models import (
    ActionItem,
    Case,
    LocalGoal,
    Pillar,
    Programme,
    ProgrammeSection,
    ProgressUpdate,
    SectionItem,
    SustainableDevelopmentGoal,
    Theme,
)
from goals.services import (
    goals_content_changed,
    goals_staff_edit_mark,
    programme_publish,
    programme_unpublish,
)


def pillar_choice_label(pillar: Pillar) -> str:
    """“Almene Mål 2024–2026 · Målsætning 1: …”: a chooser lists the pillars of every
    programme, so each names its programme and the programme's own term."""
    programme = pillar.programme
    term = (programme.pillar_term or _("pillar")).capitalize()
    return f"{programme.title} · {term} {pillar.number}: {pillar.title}"


class PillarChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return pillar_choice_label(obj)


class PillarMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return pillar_choice_label(obj)


def _pillars_with_programme():
    return Pillar.objects.select_related("programme").order_by(
        "programme__order", "programme__start_year", "number"
    )


class PillarChooserMixin:
    """Every pillar chooser of an admin (select or multiple select) names the programme."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Pillar:
            kwargs.setdefault("form_class", PillarChoiceField)
            kwargs.setdefault("queryset", _pillars_with_programme())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Pillar:
            kwargs.setdefault("form_class", PillarMultipleChoiceField)
            kwargs.setdefault("queryset", _pillars_with_programme())
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class GoalsAdminMixin:
    """Invalidates the goals pages after every change and marks edited loaded rows (a
    restored version too: it is staff's choice of text, not the file's)."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and (form.changed_data or is_restoring(request)):
            goals_staff_edit_mark(obj=obj)
        goals_content_changed()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        goals_content_changed()

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            instance = inline_form.instance
            if (
                instance.pk
                and (inline_form.has_changed() or is_restoring(request))
                and inline_form not in formset.deleted_forms
            ):
                goals_staff_edit_mark(obj=instance)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        goals_content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        goals_content_changed()


class ProgrammeSectionInline(OrderedInlineMixin, admin.StackedInline):
    model = ProgrammeSection
    extra = 0
    fields = ("order", "key", "title", "status", "body", "closing", "after_pillars")
    show_change_link = True


class PillarInline(admin.TabularInline):
    model = Pillar
    extra = 0
    fields = ("number", "title", "slug", "status")
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(SchedulingAdminMixin, GoalsAdminMixin, ContentAdmin):
    list_display = ("title", "period", "status", "order", "pillar_count", "updated_at")
    list_filter = ("status", "start_year")
    list_editable = ("order",)
    search_fields = ("title", "introduction", "adoption_note", "slug")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("sdgs",)
    actions = ("publish", "unpublish")
    inlines = (ProgrammeSectionInline, PillarInline)
    fieldsets = (
        (None, {"fields": ("title", "slug", "status", "order", ("start_year", "end_year"))}),
        (
            _("Texts"),
            {
                "fields": (
                    "tagline",
                    "introduction_heading",
                    "introduction",
                    "adoption_note",
                    "adopted_on",
                    "publication_note",
                    "source",
                )
            },
        ),
        (
            _("Pillars and action items"),
            {"fields": ("pillar_term", "pillar_term_plural", "pillars_heading", "action_heading")},
        ),
        (_("UN Sustainable Development Goals"), {"fields": ("sdgs",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(pillars_total=Count("pillars"))

    @admin.display(description=_("period"), ordering="start_year")
    def period(self, obj):
        return obj.period

    @admin.display(description=_("pillars"), ordering="pillars_total")
    def pillar_count(self, obj):
        return obj.pillars_total

    @admin.action(description=_("Publish the selected programmes"), permissions=["change"])
    def publish(self, request, queryset):
        changed = sum(
            1 for programme in queryset if programme_publish(programme=programme, user=request.user)
        )
        message = ngettext(
            "%(count)d programme was published.", "%(count)d programmes were published.", changed
        )
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)

    @admin.action(
        description=_("Unpublish the selected programmes (make them drafts)"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        changed = sum(
            1
            for programme in queryset
            if programme_unpublish(programme=programme, user=request.user)
        )
        message = ngettext(
            "%(count)d programme was made a draft.",
            "%(count)d programmes were made drafts.",
            changed,
        )
        self.message_user(request, message % {"count": changed}, messages.SUCCESS)


class SectionItemInline(OrderedInlineMixin, admin.TabularInline):
    model = SectionItem
    extra = 0
    fields = ("order", "title", "text")


@admin.register(ProgrammeSection)
class ProgrammeSectionAdmin(GoalsAdminMixin, ContentAdmin):
    list_display = ("title", "programme", "order", "status", "after_pillars")
    list_filter = ("status", "programme", "after_pillars")
    search_fields = ("title", "body", "closing", "items__text")
    list_select_related = ("programme",)
    inlines = (SectionItemInline,)

    def view_on_site(self, obj):
        return f"{obj.programme.get_absolute_url()}#{obj.key}"


class ActionItemInline(OrderedInlineMixin, admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ("order", "text", "status", "themes")
    autocomplete_fields = ("themes",)


@admin.register(Pillar)
class PillarAdmin(SchedulingAdminMixin, GoalsAdminMixin, ContentAdmin):
    list_display = ("title", "programme", "number", "status", "programme_status")
    list_filter = ("status", "programme__status", "programme", "themes")
    search_fields = ("title", "lead", "body", "closing", "actions__text")
    list_select_related = ("programme",)
    filter_horizontal = ("themes", "sdgs")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (ActionItemInline,)
    fields = (
        "programme",
        "number",
        "title",
        "slug",
        "status",
        "lead",
        "body",
        "closing",
        "themes",
        "sdgs",
    )

    @admin.display(description=_("status"), ordering="programme__status")
    def programme_status(self, obj):
        return obj.programme.get_status_display()


@admin.register(ActionItem)
class ActionItemAdmin(PillarChooserMixin, SchedulingAdminMixin, GoalsAdminMixin, ContentAdmin):
    list_display = ("short_text", "pillar", "order", "status")
    list_filter = ("status", "pillar__programme__status", "pillar__programme", "themes")
    search_fields = ("text", "pillar__title")
    list_select_related = ("pillar__programme",)
    autocomplete_fields = ("themes",)
    fields = ("pillar", "order", "text", "status", "themes")

    @admin.display(description=_("text"), ordering="text")
    def short_text(self, obj):
        return str(obj)


@admin.register(Case)
class CaseAdmin(PillarChooserMixin, GoalsAdminMixin, ContentAdmin):
    list_display = ("title", "place", "programme", "order", "status")
    list_filter = ("status", "programme__status", "programme", "themes")
    search_fields = ("title", "place", "text", "photo_credit")
    list_select_related = ("programme",)
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("pillars", "themes")
    fields = (
        "programme",
        "title",
        "slug",
        "place",
        "text",
        "photo_credit",
        "order",
        "status",
        "pillars",
        "themes",
    )


@admin.register(Theme)
class ThemeAdmin(GoalsAdminMixin, ContentAdmin):
    list_display = ("name", "order", "usage")
    list_editable = ("order",)
    list_filter = ("pillars__programme",)
    search_fields = ("name", "description", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(action_total=Count("actions", distinct=True))
            .distinct()
        )

    @admin.display(description=_("action items"), ordering="action_total")
    def usage(self, obj):
        return obj.action_total


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(GoalsAdminMixin, ContentAdmin):
    list_display = ("number", "name", "link")
    list_filter = ("programmes",)
    search_fields = ("name", "number")

    @admin.display(description=_("web address"))
    def link(self, obj):
        if not obj.url:
            return "–"
        return format_html('<a href="{}" rel="noopener">{}</a>', obj.url, obj.url)


# --- Local goals of the housing organisations (issue 11) ----------------------------------
# Organisations write their goals on the portal ("Min organisation"); staff look them up
# here and hide one with a reason on the goal's public page, which also emails the
# organisation. Admin is read-only for them so that nobody edits an organisation's words.


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    can_delete = False
    fields = ["date", "text", "status", "progress", "attachment_name", "hidden_at", "hidden_reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LocalGoal)
class LocalGoalAdmin(PillarChooserMixin, admin.ModelAdmin):
    list_display = ["__str__", "organisation", "status", "progress", "is_published", "hidden_at"]
    list_filter = ["status", "is_published", "pillar__programme", "organisation__is_demo"]
    search_fields = ["text", "action_item__text", "organisation__name"]
    list_select_related = ["organisation", "action_item"]
    inlines = [ProgressUpdateInline]
    readonly_fields = [field.name for field in LocalGoal._meta.fields if field.name != "id"] + [
        "municipalities"
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
