"""Admin import uploads: stored per user outside the session, claimed once by the task,
progress while running, and stale ones cleaned up."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from almen.core.models import ImportUpload
from almen.core.tasks import import_uploads_cleanup_task
from almen.core.uploads import (
    import_upload_progress,
    import_upload_run,
    import_uploads_stale_delete,
)

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(timezone.datetime(2026, 11, 30, 12, 0))


def _upload(user, **fields) -> ImportUpload:
    return ImportUpload.objects.create(
        kind="observations", user=user, filename="tal.csv", content=b"x", **fields
    )


def test_a_queued_upload_runs_once(staff_user):
    upload = _upload(staff_user, status="queued")
    calls = []

    def run(record, content, progress):
        calls.append(content)
        progress("saving", 1, 2)
        assert import_upload_progress(upload=ImportUpload.objects.get(pk=record.pk)) == {
            "phase": "saving",
            "done": 1,
            "total": 2,
        }
        return {"saved": True, "counts": {"create": 1}}

    import_upload_run(upload_id=str(upload.pk), run=run)
    import_upload_run(upload_id=str(upload.pk), run=run)  # delivered twice

    assert calls == [b"x"]
    upload.refresh_from_db()
    assert (upload.status, bytes(upload.content), upload.summary["counts"]) == (
        "done",
        b"",
        {"create": 1},
    )
    assert import_upload_progress(upload=upload) == {}


def test_an_unconfirmed_upload_is_never_run(staff_user):
    upload = _upload(staff_user)  # checked, not confirmed
    import_upload_run(upload_id=str(upload.pk), run=lambda *args: pytest.fail("ran"))
    upload.refresh_from_db()
    assert upload.status == "checked"


def test_stale_uploads_are_deleted(staff_user):
    with time_machine.travel(NOW - timedelta(hours=25), tick=False):
        stale = _upload(staff_user)
        stuck = _upload(staff_user, status="running")
    with time_machine.travel(NOW - timedelta(hours=23), tick=False):
        fresh = _upload(staff_user)
    old_done = _upload(staff_user, status="done", finished_at=NOW - timedelta(days=31))
    recent_done = _upload(staff_user, status="failed", finished_at=NOW - timedelta(days=29))

    with time_machine.travel(NOW, tick=False):
        assert import_uploads_cleanup_task() == 3

    assert set(ImportUpload.objects.values_list("pk", flat=True)) == {fresh.pk, recent_done.pk}
    assert not ImportUpload.objects.filter(pk__in=[stale.pk, stuck.pk, old_done.pk]).exists()
    assert import_uploads_stale_delete(now=NOW) == 0


def test_the_progress_page_refreshes_while_the_import_waits(staff_client, staff_user):
    upload = _upload(staff_user, status="queued")
    url = reverse("admin:municipalities_observation_import_upload", args=[upload.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in response.text
    assert "tal.csv: i kø" in response.text


def test_an_unconfirmed_upload_url_leads_back_to_the_import(staff_client, staff_user):
    upload = _upload(staff_user)
    url = reverse("admin:municipalities_observation_import_upload", args=[upload.pk])
    response = staff_client.get(url)
    assert response["Location"] == reverse("admin:municipalities_observation_import")


def test_a_failed_import_shows_why(staff_client, staff_user):
    upload = _upload(
        staff_user,
        status="failed",
        finished_at=NOW,
        summary={
            "saved": False,
            "error_count": 120,
            "error_rows": [{"line": 2, "errors": ["Ukendt kommunekode “999”."]}],
        },
    )
    url = reverse("admin:municipalities_observation_import_upload", args=[upload.pk])
    page = staff_client.get(url).text
    assert "120 rækker har fejl, så intet er gemt." in page
    assert "Ukendt kommunekode “999”." in page
    assert 'http-equiv="refresh"' not in page


def test_an_internal_error_fails_the_upload_and_is_logged(staff_user, caplog):
    upload = _upload(staff_user, status="queued")

    def run(record, content, progress):
        raise RuntimeError("disk full")

    import_upload_run(upload_id=str(upload.pk), run=run)
    upload.refresh_from_db()
    assert upload.status == "failed"
    assert upload.summary == {
        "saved": False,
        "file_error": "Importen mislykkedes på grund af en intern fejl, som er logget. "
        "Intet er gemt.",
    }
    assert "disk full" in caplog.text


def test_cancelling_a_confirmed_upload_changes_nothing(staff_client, staff_user):
    upload = _upload(staff_user, status="queued")
    url = reverse("admin:municipalities_observation_import_upload", args=[upload.pk])
    response = staff_client.post(url, {"cancel": "1"})
    assert response["Location"] == url
    assert ImportUpload.objects.get().status == "queued"
