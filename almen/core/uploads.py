"""Admin imports that outlast a request: the uploaded file waits in the database (an
``ImportUpload`` owned by the uploading user, its id in the URL) between the dry run and the
confirmation, the confirmed import runs as a Celery task, and a progress page follows it.

Protocol: ``import_upload_create`` stores a file that passed the dry run (status
``checked``); ``import_upload_queue`` marks it ``queued`` and enqueues the app's task after
commit; the task calls ``import_upload_run``, which claims the upload (``queued`` →
``running`` in one conditional UPDATE, so a task delivered twice runs the import once),
runs the app's import, stores its summary (``done`` or ``failed``) and drops the file's content.
Progress while running lives in the cache, not the database: the import itself is one
transaction whose rows nobody else sees until it commits. ``import_uploads_stale_delete``
(Celery beat) removes uploads never confirmed and old finished ones.
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from almen.core.models import ImportUpload
from almen.core.tabular import TabularFileError

logger = logging.getLogger(__name__)

# The preview and the result page show this many rows with errors (and warnings) at most;
# the counts cover every row.
SHOWN_ROWS = 50
UNCONFIRMED_MAX_AGE = timedelta(hours=24)
FINISHED_MAX_AGE = timedelta(days=30)
PROGRESS_KEY = "import-progress:{id}"

Progress = Callable[[str, int, int], None]


def import_upload_create(
    *, user, kind: str, filename: str, content: bytes, options: dict | None = None
) -> ImportUpload:
    """Store a checked upload for ``user`` to confirm later."""
    return ImportUpload.objects.create(
        kind=kind, user=user, filename=filename[:255], content=content, options=options or {}
    )


def import_upload_for_user(*, upload_id, user, kind: str) -> ImportUpload | None:
    """The user's own upload of this kind, or None (unknown, malformed id or someone
    else's)."""
    try:
        return ImportUpload.objects.get(pk=upload_id, user=user, kind=kind)
    except (ImportUpload.DoesNotExist, ValidationError, ValueError, TypeError):
        return None


def import_upload_queue(*, upload: ImportUpload, task) -> bool:
    """Confirm a checked upload: mark it queued and run ``task(upload_id)`` after commit.
    Returns False when it was already confirmed (a second click changes nothing)."""
    with transaction.atomic():
        claimed = ImportUpload.objects.filter(
            pk=upload.pk, status=ImportUpload.Status.CHECKED
        ).update(status=ImportUpload.Status.QUEUED)
        if claimed:
            transaction.on_commit(lambda: task.delay(str(upload.pk)))
    upload.refresh_from_db()
    return bool(claimed)


def import_upload_cancel(*, upload: ImportUpload) -> bool:
    """Forget an unconfirmed upload; False when it was already confirmed (it then runs to
    its end)."""
    deleted, _per_model = ImportUpload.objects.filter(
        pk=upload.pk, status=ImportUpload.Status.CHECKED
    ).delete()
    return bool(deleted)


def import_upload_progress(*, upload: ImportUpload) -> dict:
    """``{"phase": "checking"|"saving", "done": n, "total": n}`` while running, else {}."""
    if upload.status != ImportUpload.Status.RUNNING:
        return {}
    return cache.get(PROGRESS_KEY.format(id=upload.pk)) or {}


def import_upload_run(*, upload_id: str, run: Callable[[ImportUpload, bytes, Progress], dict]):
    """Run a queued upload's import once: ``run(upload, content, progress)`` imports and
    returns the summary to keep (JSON) with ``"saved": bool``; a ``TabularFileError`` it
    raises becomes the summary's ``file_error``. Unknown or already claimed ids are
    ignored."""
    claimed = ImportUpload.objects.filter(pk=upload_id, status=ImportUpload.Status.QUEUED).update(
        status=ImportUpload.Status.RUNNING
    )
    if not claimed:
        return None
    upload = ImportUpload.objects.get(pk=upload_id)
    key = PROGRESS_KEY.format(id=upload.pk)

    def progress(phase: str, done: int, total: int) -> None:
        cache.set(key, {"phase": phase, "done": done, "total": total}, timeout=3600)

    try:
        summary = run(upload, bytes(upload.content), progress)
    except TabularFileError as error:
        summary = {"saved": False, "file_error": str(error)}
    except Exception:
        # Logged with its traceback; the uploader reads on the progress page that nothing
        # was saved (the import is one transaction), instead of a page that never ends.
        logger.exception("Import %s failed", upload.pk)
        summary = {
            "saved": False,
            "file_error": _(
                "The import failed because of an internal error, which has been logged. "
                "Nothing was saved."
            ),
        }
    _finish(upload=upload, summary=summary)
    cache.delete(key)
    return upload


def _finish(*, upload: ImportUpload, summary: dict) -> None:
    upload.content = b""
    upload.summary = summary
    upload.status = ImportUpload.Status.DONE if summary.get("saved") else ImportUpload.Status.FAILED
    upload.finished_at = timezone.now()
    upload.save(update_fields=["content", "summary", "status", "finished_at"])


def import_uploads_stale_delete(*, now=None) -> int:
    """Delete uploads not finished within a day (never confirmed, or left behind by a
    dead worker) and finished ones older than a month. Returns how many
    were deleted."""
    now = now or timezone.now()
    stale = ImportUpload.objects.filter(
        status__in=[
            ImportUpload.Status.CHECKED,
            ImportUpload.Status.QUEUED,
            ImportUpload.Status.RUNNING,
        ],
        created_at__lt=now - UNCONFIRMED_MAX_AGE,
    ) | ImportUpload.objects.filter(
        status__in=[ImportUpload.Status.DONE, ImportUpload.Status.FAILED],
        finished_at__lt=now - FINISHED_MAX_AGE,
    )
    deleted, _per_model = stale.delete()
    return deleted
