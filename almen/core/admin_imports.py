"""The admin side of imports that run as a Celery task (``almen.core.uploads``): after the
app's own dry-run page, one address per upload confirms or cancels it (POST) and shows its
progress and result (GET, refreshing itself while the import runs). Only the user who
uploaded the file can see or confirm it."""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from almen.core.models import ImportUpload
from almen.core.uploads import (
    import_upload_cancel,
    import_upload_for_user,
    import_upload_progress,
    import_upload_queue,
)

PROGRESS_REFRESH_SECONDS = 2


class ImportSampleAdminMixin:
    """For a ModelAdmin with an import page: ``import/sample/`` downloads ``import_sample``
    (a small file in the repository with the exact header the importer requires, which the
    tests import), linked from the import page as ``sample_url``."""

    import_sample: Path

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "import/sample/",
                self.admin_site.admin_view(self.import_sample_view),
                name=f"{opts.app_label}_{opts.model_name}_import_sample",
            ),
            *super().get_urls(),
        ]

    def import_sample_url(self) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_import_sample")

    def import_sample_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return FileResponse(
            self.import_sample.open("rb"),
            as_attachment=True,
            filename=self.import_sample.name,
            content_type="text/csv; charset=utf-8",
        )


class ImportUploadAdminMixin:
    """For a ModelAdmin with an import page named ``<app>_<model>_import``: subclasses set
    ``import_kind`` (an ``ImportUpload.Kind``), ``import_title``, and define
    ``import_allowed(request)``, ``import_task()`` (the Celery task taking the upload id),
    ``import_counts(summary)`` (labelled counts of a finished import) and
    ``import_done_url(upload)`` (where to go when it is done)."""

    import_kind: str
    import_title: str

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "import/<uuid:upload_id>/",
                self.admin_site.admin_view(self.import_upload_view),
                name=f"{opts.app_label}_{opts.model_name}_import_upload",
            ),
            *super().get_urls(),
        ]

    def import_upload_url(self, upload: ImportUpload) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_import_upload", args=[upload.pk])

    def import_url(self) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_import")

    def import_upload_view(self, request, upload_id):
        if not self.import_allowed(request):
            raise PermissionDenied
        upload = import_upload_for_user(
            upload_id=upload_id, user=request.user, kind=self.import_kind
        )
        if upload is None:
            raise Http404
        if request.method == "POST":
            if "cancel" in request.POST:
                if not import_upload_cancel(upload=upload):
                    messages.warning(request, _("This import has already been confirmed."))
                    return redirect(self.import_upload_url(upload))
                messages.info(request, _("The import was cancelled; nothing was saved."))
                return redirect(self.import_url())
            if not import_upload_queue(upload=upload, task=self.import_task()):
                messages.warning(request, _("This import has already been confirmed."))
            return redirect(self.import_upload_url(upload))
        if upload.status == ImportUpload.Status.CHECKED:
            # Not confirmed yet: the dry run is shown on the import page only.
            return redirect(self.import_url())
        summary = upload.summary
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": self.import_title,
            "upload": upload,
            "summary": summary,
            "counts": self.import_counts(summary) if upload.is_finished else [],
            "progress": import_upload_progress(upload=upload),
            "refresh_seconds": None if upload.is_finished else PROGRESS_REFRESH_SECONDS,
            "done_url": self.import_done_url(upload),
            "import_url": self.import_url(),
        }
        return TemplateResponse(request, "admin/import_progress.html", context)
