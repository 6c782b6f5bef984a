import base64

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from almen.core.tabular import TabularFileError, tabular_upload_check
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
from municipalities.services import municipalities_content_changed, sheet_defaults_add

SESSION_KEY = "municipalities-observation-import"


class ContentChangedAdmin(admin.ModelAdmin):
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
    list_display = ["name", "official_name", "council_name", "code", "region", "slug"]
    list_filter = ["region"]
    search_fields = ["name", "official_name", "council_name", "code", "slug"]
    readonly_fields = ["code", "slug"]


@admin.register(Indicator)
class IndicatorAdmin(ContentChangedAdmin):
    list_display = ["name", "key", "unit", "group", "order"]
    list_filter = ["unit", "group"]
    search_fields = ["name", "key", "description"]


class ObservationImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Columns: kommunekode; indikator; periode; værdi; kilde. "
            "See municipalities/data/observations-sample.csv."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            tabular_upload_check(filename=upload.name, size=upload.size)
        except TabularFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


@admin.register(Observation)
class ObservationAdmin(ContentChangedAdmin):
    list_display = [
        "indicator",
        "municipality",
        "period",
        "value",
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

    def get_urls(self):
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="municipalities_observation_import",
            ),
        ]
        return urls + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload → dry run showing every row → confirm → save. The uploaded file waits in
        the session between the two steps and is checked again when confirmed."""
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = ObservationImportForm()
        result = None
        file_error = None
        filename = ""
        if request.method == "POST" and "confirm" in request.POST:
            stored = request.session.get(SESSION_KEY)
            if not stored:
                messages.error(request, _("The upload has expired. Upload the file again."))
                return redirect("admin:municipalities_observation_import")
            filename = stored["filename"]
            try:
                result = observations_import(
                    filename=filename, content=base64.b64decode(stored["content"]), dry_run=False
                )
            except ImportFileError as error:
                file_error = str(error)
            if result is not None and result.saved:
                del request.session[SESSION_KEY]
                messages.success(
                    request,
                    _("Imported %(file)s: %(created)s created, %(updated)s changed.")
                    % {
                        "file": filename,
                        "created": result.count("create"),
                        "updated": result.count("update"),
                    },
                )
                if result.sheets_created:
                    messages.info(
                        request,
                        _("New kommuneark with the shared sections: %(sheets)s.")
                        % {"sheets": ", ".join(result.sheets_created)},
                    )
                return redirect("admin:municipalities_observation_changelist")
        elif request.method == "POST":
            form = ObservationImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                filename = upload.name
                content = upload.read()
                try:
                    result = observations_import(filename=filename, content=content, dry_run=True)
                except ImportFileError as error:
                    file_error = str(error)
                if result is not None and result.is_valid:
                    request.session[SESSION_KEY] = {
                        "filename": filename,
                        "content": base64.b64encode(content).decode("ascii"),
                    }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import figures"),
            "form": form,
            "result": result,
            "file_error": file_error,
            "filename": filename,
        }
        return TemplateResponse(request, "municipalities/admin/observation_import.html", context)


@admin.register(NationalFact)
class NationalFactAdmin(ContentChangedAdmin):
    list_display = ["key", "group", "year", "short_text", "source", "order"]
    list_filter = ["group", "year"]
    search_fields = ["key", "text", "source"]

    @admin.display(description=gettext_lazy("text"))
    def short_text(self, obj: NationalFact) -> str:
        return obj.text[:80]


@admin.register(HousingOrganisation)
class HousingOrganisationAdmin(ContentChangedAdmin):
    list_display = ["name", "website"]
    search_fields = ["name", "municipalities__name"]
    list_filter = ["municipalities__region"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities"]


class SheetSectionInline(admin.StackedInline):
    model = SheetSection
    extra = 0
    fields = ["order", "shared", "heading", "text"]
    autocomplete_fields = ["shared"]


class SheetFactInline(admin.TabularInline):
    model = SheetFact
    extra = 0
    fields = ["order", "fact"]
    autocomplete_fields = ["fact"]


@admin.register(MunicipalitySheet)
class MunicipalitySheetAdmin(ContentChangedAdmin):
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
    list_display = ["key", "heading", "order"]
    search_fields = ["key", "heading", "text"]
