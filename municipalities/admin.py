import base64
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from almen.core.admin_imports import ImportSampleAdminMixin, ImportUploadAdminMixin
from almen.core.admin_ordering import OrderedInlineMixin
from almen.core.models import ImportUpload
from almen.core.tabular import TabularFileError, tabular_upload_check
from almen.core.templatetags.almen import localized_number
from almen.core.text import text_shorten
from almen.core.uploads import import_upload_create
from almen.editorial.admin import ContentAdmin
from almen.editorial.admin_scheduling import SchedulingAdminMixin
from municipalities.imports import ImportFileError, observations_import
from municipalities.models import (
    HousingOrganisation,
    Indicator,
    Municipality,
    MunicipalitySheet,
    NationalFact,
    Observation,
    Region,
    SharedSheetSection,
    SheetFact,
    SheetSection,
)
from municipalities.organisation_imports import organisations_import
from municipalities.services import municipalities_content_changed, sheet_defaults_add

ORGANISATION_SESSION_KEY = "municipalities-organisation-import"
DATA = Path(__file__).resolve().parent / "data"


class ContentChangedAdmin(ContentAdmin):
    """Every save or delete in admin invalidates the cached municipality pages."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        municipalities_content_changed()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        municipalities_content_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        municipalities_content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        municipalities_content_changed()


@admin.register(Region)
class RegionAdmin(ContentChangedAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(ContentChangedAdmin):
    list_display = ["name", "official_name", "council_name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "official_name", "council_name", "code", "slug"]
    readonly_fields = ["code", "slug"]


@admin.register(Indicator)
class IndicatorAdmin(ContentChangedAdmin):
    list_display = ["name", "unit", "order"]
    list_filter = ["unit"]
    search_fields = ["name", "key", "description"]


class ObservationImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Columns: kommunekode; indikator; periode; værdi; kilde. "
            "The sample file above has them."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            tabular_upload_check(filename=upload.name, size=upload.size)
        except TabularFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


def two_step_import_view(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    *,
    importer,
    form_class: type[forms.Form],
    session_key: str,
    url_name: str,
    template: str,
    title: str,
) -> HttpResponse:
    """Upload → dry run showing every row → confirm → save. The uploaded file waits in
    the session between the two steps and is checked again when confirmed. ``importer`` is
    ``observations_import`` or ``organisations_import`` (same signature and result)."""
    if not model_admin.has_add_permission(request) or not model_admin.has_change_permission(
        request
    ):
        raise PermissionDenied
    opts = model_admin.model._meta
    form = form_class()
    result = None
    file_error = None
    filename = ""
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(session_key)
        if not stored:
            messages.error(request, _("The upload has expired. Upload the file again."))
            return redirect(f"admin:{url_name}")
        filename = stored["filename"]
        try:
            result = importer(
                filename=filename,
                content=base64.b64decode(stored["content"]),
                dry_run=False,
                user=request.user,
            )
        except ImportFileError as error:
            file_error = str(error)
        if result is not None and result.saved:
            del request.session[session_key]
            messages.success(
                request,
                _("Imported %(file)s: %(created)s created, %(updated)s changed.")
                % {
                    "file": filename,
                    "created": result.count("create"),
                    "updated": result.count("update"),
                },
            )
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    elif request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            filename = upload.name
            content = upload.read()
            try:
                result = importer(filename=filename, content=content, dry_run=True)
            except ImportFileError as error:
                file_error = str(error)
            if result is not None and result.is_valid:
                request.session[session_key] = {
                    "filename": filename,
                    "content": base64.b64encode(content).decode("ascii"),
                }
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": title,
        "form": form,
        "result": result,
        "file_error": file_error,
        "filename": filename,
        "sample_url": model_admin.import_sample_url(),
        "sample_name": model_admin.import_sample.name,
    }
    return TemplateResponse(request, template, context)


@admin.register(Observation)
class ObservationAdmin(ImportSampleAdminMixin, ImportUploadAdminMixin, ContentChangedAdmin):
    list_display = [
        "indicator",
        "municipality",
        "period",
        "value_shown",
        "source",
        "year_stated",
        "updated_at",
    ]
    list_filter = ["indicator", "end_year", "year_stated", "municipality__region"]
    search_fields = [
        "municipality__name",
        "municipality__code",
        "indicator__key",
        "indicator__name",
    ]
    list_select_related = ["indicator", "municipality"]
    autocomplete_fields = ["municipality"]
    change_list_template = "municipalities/admin/observation_change_list.html"

    @admin.display(description=gettext_lazy("period"), ordering="end_year")
    def period(self, obj: Observation) -> str:
        return obj.period

    @admin.display(description=gettext_lazy("value"), ordering="value")
    def value_shown(self, obj: Observation) -> str:
        """3.372 and 14,5, as on the kommuneark (no trailing zero decimals)."""
        return localized_number(obj.value.normalize() if obj.value % 1 else int(obj.value))

    import_kind = ImportUpload.Kind.OBSERVATIONS
    import_title = gettext_lazy("Import figures")
    import_sample = DATA / "observations-sample.csv"

    def get_urls(self):
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="municipalities_observation_import",
            ),
        ]
        return urls + super().get_urls()

    def import_allowed(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def import_task(self):
        from municipalities.tasks import observations_import_task

        return observations_import_task

    def import_counts(self, summary: dict) -> list[tuple[str, int]]:
        counts = summary.get("counts", {})
        return [
            (_("Created"), counts.get("create", 0)),
            (_("Changed"), counts.get("update", 0)),
            (_("Unchanged"), counts.get("unchanged", 0)),
        ]

    def import_done_url(self, upload) -> str:
        return reverse("admin:municipalities_observation_changelist")

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload → dry run (the counts and the first rows with errors or warnings) →
        confirm → the import runs as a task, followed on its progress page. The file
        waits in an ``ImportUpload`` owned by the user, not in the session."""
        if not self.import_allowed(request):
            raise PermissionDenied
        form = ObservationImportForm()
        summary = None
        upload = None
        file_error = None
        filename = ""
        if request.method == "POST":
            form = ObservationImportForm(request.POST, request.FILES)
            if form.is_valid():
                filename = form.cleaned_data["file"].name
                content = form.cleaned_data["file"].read()
                try:
                    result = observations_import(filename=filename, content=content, dry_run=True)
                except ImportFileError as error:
                    file_error = str(error)
                else:
                    summary = result.summary()
                    if result.is_valid:
                        upload = import_upload_create(
                            user=request.user,
                            kind=self.import_kind,
                            filename=filename,
                            content=content,
                        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": self.import_title,
            "form": form,
            "summary": summary,
            "upload": upload,
            "confirm_url": self.import_upload_url(upload) if upload else "",
            "file_error": file_error,
            "filename": filename,
            "sample_url": self.import_sample_url(),
            "sample_name": self.import_sample.name,
        }
        return TemplateResponse(request, "municipalities/admin/observation_import.html", context)


@admin.register(NationalFact)
class NationalFactAdmin(ContentChangedAdmin):
    list_display = ["short_text", "group", "year", "source", "order"]
    list_filter = ["group", "year"]
    search_fields = ["key", "text", "source"]

    @admin.display(description=gettext_lazy("text"))
    def short_text(self, obj: NationalFact) -> str:
        return text_shorten(obj.text)


class OrganisationImportForm(ObservationImportForm):
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Header: name,cvr,municipality_codes,website,email; codes separated by ';'. "
            "The sample file above has it."
        ),
    )


@admin.register(HousingOrganisation)
class HousingOrganisationAdmin(ImportSampleAdminMixin, ContentChangedAdmin):
    list_display = ["name", "cvr", "is_bl_member", "is_demo", "email", "website"]
    search_fields = ["name", "cvr", "municipalities__name"]
    list_filter = ["is_bl_member", "is_demo", "municipalities__region"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities"]
    change_list_template = "municipalities/admin/organisation_change_list.html"
    import_sample = DATA / "organisations-sample.csv"

    def get_urls(self):
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="municipalities_housingorganisation_import",
            ),
        ]
        return urls + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        return two_step_import_view(
            self,
            request,
            importer=organisations_import,
            form_class=OrganisationImportForm,
            session_key=ORGANISATION_SESSION_KEY,
            url_name="municipalities_housingorganisation_import",
            template="municipalities/admin/organisation_import.html",
            title=_("Import housing organisations"),
        )


class SheetSectionInline(OrderedInlineMixin, admin.StackedInline):
    model = SheetSection
    extra = 0
    fields = ["order", "status", "shared", "heading", "text"]
    autocomplete_fields = ["shared"]


class SheetFactInline(OrderedInlineMixin, admin.TabularInline):
    model = SheetFact
    extra = 0
    fields = ["order", "fact"]
    autocomplete_fields = ["fact"]


@admin.register(MunicipalitySheet)
class MunicipalitySheetAdmin(SchedulingAdminMixin, ContentChangedAdmin):
    """A kommuneark: the municipality and year, with its ordered text sections and its
    “Vidste du, at …” facts and sources inline. Its figures are the observations of the
    municipality up to the sheet's year (Observations, or Importér tal)."""

    list_display = ["municipality", "year", "is_published", "updated_at"]
    list_filter = ["is_published", "year", "municipality__region"]
    search_fields = ["municipality__name", "municipality__code"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]
    inlines = [SheetSectionInline, SheetFactInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            sheet_defaults_add(sheet=form.instance)


@admin.register(SharedSheetSection)
class SharedSheetSectionAdmin(ContentChangedAdmin):
    list_display = ["__str__", "order"]
    search_fields = ["key", "heading", "text"]
