from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from goals import local_goal_services as services
from goals.models import LocalGoal, Programme, ProgressUpdate, ProgressUpdateRevision
from tests.local_goals_setup import cast_create

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def cast(db, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return cast_create()


def _create(cast, **fields):
    arguments = {
        "user": cast.editor_a,
        "organisation": cast.org_a,
        "action_item": cast.published_a.action_item,
        "municipalities": [cast.kalundborg],
        "responsible_role": "Driftschef",
        **fields,
    }
    return services.local_goal_create(**arguments)


def test_adopting_keeps_the_action_items_text_unless_it_is_adapted(cast):
    unchanged = _create(cast, text=cast.published_a.action_item.text)
    assert unchanged.text == ""
    assert unchanged.display_text == "styrke biodiversiteten i boligområderne"
    assert not unchanged.is_published and not unchanged.is_adapted
    adapted = _create(cast, text="  Vi planter vilde blomster i afdeling 4.  ")
    assert adapted.display_text == "Vi planter vilde blomster i afdeling 4."
    assert adapted.is_adapted
    assert adapted.pillar == cast.published_a.action_item.pillar
    assert list(adapted.municipalities.all()) == [cast.kalundborg]


def test_an_own_goal_needs_a_pillar_and_a_text(cast):
    pillar = cast.published_a.pillar
    with pytest.raises(ValidationError) as error:
        _create(cast, action_item=None, pillar=pillar, text=" ")
    assert "text" in error.value.message_dict
    goal = _create(cast, action_item=None, pillar=pillar, text="Et ungdomsråd")
    assert goal.action_item is None and goal.display_text == "Et ungdomsråd"


def test_only_members_write_and_only_where_the_organisation_has_housing(cast):
    count = LocalGoal.objects.count()
    for user in (cast.editor_b, cast.plain, cast.staff):
        with pytest.raises(PermissionDenied):
            _create(cast, user=user)
    with pytest.raises(ValidationError) as error:
        _create(cast, municipalities=[cast.herning])
    assert "municipalities" in error.value.message_dict
    with pytest.raises(ValidationError):
        _create(cast, municipalities=[])
    assert LocalGoal.objects.count() == count


def test_an_action_item_of_a_draft_programme_cannot_be_adopted_or_published(cast):
    programme = cast.published_a.pillar.programme
    programme.status = Programme.Status.DRAFT
    programme.save()
    with pytest.raises(ValidationError):
        _create(cast)
    with pytest.raises(ValidationError):
        services.local_goal_publish(user=cast.editor_a, goal=cast.draft_a)


def test_publishing_sets_the_date_once(cast):
    goal = services.local_goal_publish(user=cast.admin_a, goal=cast.draft_a)
    first = goal.published_at
    assert goal.is_published and first is not None
    services.local_goal_publish(user=cast.admin_a, goal=goal, published=False)
    services.local_goal_publish(user=cast.admin_a, goal=goal)
    goal.refresh_from_db()
    assert goal.is_published and goal.published_at == first


def test_a_progress_update_with_a_pdf_is_stored_privately_under_a_random_name(cast, tmp_path):
    upload = SimpleUploadedFile("../../etc/Rapport <1>.pdf", PDF, content_type="text/html")
    update = services.progress_update_create(
        user=cast.editor_a,
        goal=cast.published_a,
        date=date(2026, 11, 30),
        text="Første etape er plantet.",
        status=LocalGoal.Status.IN_PROGRESS,
        progress=55,
        link="https://example.org/nyhed",
        attachment=upload,
    )
    assert update.attachment_type == "application/pdf"
    assert update.attachment_name == "Rapport_1.pdf"
    assert update.attachment.name.startswith("local-goals/")
    assert update.attachment.name.endswith(".pdf")
    stored = list(tmp_path.rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == PDF
    cast.published_a.refresh_from_db()
    assert (cast.published_a.status, cast.published_a.progress) == ("in_progress", 55)


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "rapport.pdf",
            b"<html><script>alert(1)</script></html>",
            "Vedhæft en PDF eller et billede",
        ),
        ("billede.png", b"MZ\x90\x00 not an image", "Vedhæft en PDF eller et billede"),
        ("stor.pdf", PDF + b"0" * 6 * 1024 * 1024, "Filen er større end 5,0"),
    ],
)
def test_an_attachment_is_checked_by_its_content_and_size_and_a_refusal_saves_nothing(
    cast, tmp_path, name, content, message
):
    with pytest.raises(ValidationError) as error:
        services.progress_update_create(
            user=cast.editor_a,
            goal=cast.published_a,
            date=date(2026, 11, 30),
            text="Tekst",
            status="in_progress",
            progress=10,
            attachment=SimpleUploadedFile(name, content),
        )
    assert message in " ".join(error.value.messages)
    assert not cast.published_a.updates.exists()
    assert not list(tmp_path.rglob("*.*"))


def test_an_image_is_accepted(cast):
    update = services.progress_update_create(
        user=cast.editor_a,
        goal=cast.published_a,
        date=date(2026, 11, 30),
        text="Foto",
        status="in_progress",
        progress=10,
        attachment=SimpleUploadedFile("foto.jpeg", PNG),
    )
    assert update.attachment_type == "image/png"
    assert update.attachment_name == "foto.png"


def test_editing_an_update_keeps_the_earlier_version(cast):
    update = services.progress_update_create(
        user=cast.editor_a,
        goal=cast.published_a,
        date=date(2026, 11, 1),
        text="Første tekst",
        status="in_progress",
        progress=20,
    )
    services.progress_update_edit(
        user=cast.admin_a,
        update=update,
        date=date(2026, 11, 2),
        text="Rettet tekst",
        status="paused",
        progress=25,
    )
    update.refresh_from_db()
    assert (update.text, update.status, update.progress) == ("Rettet tekst", "paused", 25)
    revision = ProgressUpdateRevision.objects.get(update=update)
    assert (revision.text, revision.date, revision.progress) == (
        "Første tekst",
        date(2026, 11, 1),
        20,
    )
    assert revision.edited_by == cast.admin_a
    cast.published_a.refresh_from_db()
    assert cast.published_a.status == "paused"
    with pytest.raises(PermissionDenied):
        services.progress_update_edit(
            user=cast.editor_b,
            update=update,
            date=date(2026, 11, 3),
            text="x",
            status="paused",
            progress=1,
        )


def test_deleting_is_soft_for_thirty_days_then_the_purge_removes_goal_and_files(cast, tmp_path):
    with time_machine.travel(datetime(2026, 11, 1, 12, tzinfo=COPENHAGEN), tick=False):
        services.progress_update_create(
            user=cast.editor_a,
            goal=cast.published_a,
            date=date(2026, 11, 1),
            text="Med bilag",
            status="in_progress",
            progress=5,
            attachment=SimpleUploadedFile("a.pdf", PDF),
        )
        services.local_goal_delete(user=cast.editor_a, goal=cast.published_a)
    assert not LocalGoal.objects.public().filter(pk=cast.published_a.pk).exists()
    with time_machine.travel(datetime(2026, 11, 30, 12, tzinfo=COPENHAGEN), tick=False):
        assert services.local_goals_purge_deleted() == 0
        services.local_goal_restore(user=cast.editor_a, goal=cast.published_a)
        assert LocalGoal.objects.public().filter(pk=cast.published_a.pk).exists()
        services.local_goal_delete(user=cast.editor_a, goal=cast.published_a)
    with time_machine.travel(datetime(2026, 12, 29, 12, tzinfo=COPENHAGEN), tick=False):
        assert services.local_goals_purge_deleted() == 0
    with time_machine.travel(datetime(2026, 12, 31, 12, tzinfo=COPENHAGEN), tick=False):
        assert services.local_goals_purge_deleted() == 1
    assert not LocalGoal.objects.filter(pk=cast.published_a.pk).exists()
    assert not ProgressUpdate.objects.filter(goal_id=cast.published_a.pk).exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_bl_hides_a_goal_with_a_reason_and_the_organisations_users_are_emailed(
    cast, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        services.local_goal_hide(user=cast.editor_a, goal=cast.published_a, reason="x")
    with pytest.raises(ValidationError):
        services.local_goal_hide(user=cast.staff, goal=cast.published_a, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.local_goal_hide(
            user=cast.staff, goal=cast.published_a, reason="Teksten nævner en beboer ved navn."
        )
    assert not LocalGoal.objects.public().filter(pk=cast.published_a.pk).exists()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "admin.a@example.org",
        "editor.a@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "BL har skjult jeres lokale mål"
    assert "Begrundelse: Teksten nævner en beboer ved navn." in message.body
    assert f"/min-organisation/maal/{cast.published_a.pk}/" in message.body


def test_bl_hides_one_update_and_the_organisation_is_told(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_update_hide(user=cast.staff, update=cast.update_b, reason="Forkert bilag")
    assert [message.to for message in mail.outbox] == [["editor.b@example.org"]]
    assert mail.outbox[0].subject == "BL har skjult en statusopdatering på jeres lokale mål"
    assert "Forkert bilag" in mail.outbox[0].body
