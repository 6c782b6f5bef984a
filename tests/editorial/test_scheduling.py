"""Scheduled publishing and withdrawal (almen/editorial/scheduling.py): carried out once by
the beat task, recorded in the history, and the anonymous page cache shows the change."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from reversion.models import Version

from almen.editorial.publishing import PublishStatus
from almen.editorial.scheduling import scheduled_list
from almen.editorial.tasks import schedule_run_task
from campaigns.models import Campaign
from goals.models import Pillar, Programme
from tests.campaigns.factories import CampaignFactory
from tests.goals.factories import ActionItemFactory, PillarFactory, ProgrammeFactory
from tests.municipalities.factories import MunicipalitySheetFactory

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# Publish at 10:00 Danish time; the beat task runs at 10:00:30, the page is asked before.
AT = datetime(2026, 3, 10, 10, 0, tzinfo=COPENHAGEN)
BEFORE = datetime(2026, 3, 10, 9, 59, 30, tzinfo=COPENHAGEN)
AFTER = datetime(2026, 3, 10, 10, 0, 30, tzinfo=COPENHAGEN)


@pytest.fixture
def programme(db):
    return ProgrammeFactory(order=0, slug="2026-2028")


def _pillar_due(programme, **fields):
    pillar = PillarFactory(programme=programme, number=2, title="Planlagt søjle", **fields)
    ActionItemFactory(pillar=pillar, text="Planlagt handling")
    return pillar


def test_the_beat_task_is_scheduled_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["editorial-scheduled-publishing"]
    assert entry == {"task": "almen.editorial.tasks.schedule_run_task", "schedule": 60}


def test_a_scheduled_pillar_is_published_once_and_the_cached_page_shows_it(
    client, programme, time_machine, django_capture_on_commit_callbacks
):
    PillarFactory(programme=programme, number=1, title="Offentlig søjle")
    pillar = _pillar_due(programme, status=PublishStatus.DRAFT, publish_at=AT)
    time_machine.move_to(BEFORE)
    # Before the time: the task does nothing, and the anonymous page is cached without it.
    assert schedule_run_task() == 0
    before = client.get(programme.get_absolute_url()).content.decode()
    assert "Offentlig søjle" in before and "Planlagt søjle" not in before

    time_machine.move_to(AFTER)
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule_run_task() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule_run_task() == 0  # once only

    pillar.refresh_from_db()
    assert (pillar.status, pillar.publish_at) == (PublishStatus.PUBLISHED, None)
    after = client.get(programme.get_absolute_url()).content.decode()
    assert "Planlagt søjle" in after and "Planlagt handling" in after
    version = Version.objects.get_for_object(pillar).get()
    assert version.revision.comment == "Udgivet efter plan"
    assert version.revision.user is None


def test_a_scheduled_withdrawal_takes_the_pillar_off_the_cached_page(
    client, programme, time_machine, django_capture_on_commit_callbacks
):
    pillar = _pillar_due(programme, withdraw_at=AT)
    time_machine.move_to(BEFORE)
    assert "Planlagt søjle" in client.get(programme.get_absolute_url()).content.decode()

    time_machine.move_to(AFTER)
    with django_capture_on_commit_callbacks(execute=True):
        assert schedule_run_task() == 1

    pillar.refresh_from_db()
    assert (pillar.status, pillar.withdraw_at) == (PublishStatus.DRAFT, None)
    assert "Planlagt søjle" not in client.get(programme.get_absolute_url()).content.decode()
    comment = Version.objects.get_for_object(pillar).get().revision.comment
    assert comment == "Trukket tilbage efter plan"


def test_programmes_sheets_and_campaigns_are_published_and_withdrawn(db, time_machine):
    time_machine.move_to(BEFORE)
    programme = ProgrammeFactory(status=Programme.Status.DRAFT, publish_at=AT)
    sheet = MunicipalitySheetFactory(is_published=True, withdraw_at=AT)
    campaign = CampaignFactory(status=Campaign.Status.DRAFT, publish_at=AT)
    sending = CampaignFactory(status=Campaign.Status.SENDING, withdraw_at=AT)
    time_machine.move_to(AFTER)

    assert schedule_run_task() == 3

    programme.refresh_from_db()
    sheet.refresh_from_db()
    campaign.refresh_from_db()
    sending.refresh_from_db()
    assert programme.status == Programme.Status.PUBLISHED
    assert not sheet.is_published
    assert campaign.status == Campaign.Status.READY
    # A campaign sending its invitations is withdrawn once the sending is done.
    assert (sending.status, sending.withdraw_at) == (Campaign.Status.SENDING, AT)


def test_scheduled_list_lists_everything_planned_soonest_first(programme, time_machine):
    time_machine.move_to(BEFORE)
    later = datetime(2026, 4, 1, 8, 0, tzinfo=COPENHAGEN)
    pillar = _pillar_due(programme, status=PublishStatus.DRAFT, publish_at=AT, withdraw_at=later)
    sheet = MunicipalitySheetFactory(withdraw_at=datetime(2026, 3, 20, 8, tzinfo=COPENHAGEN))

    items = scheduled_list()

    assert [(item.obj, item.action) for item in items] == [
        (pillar, "publish"),
        (sheet, "withdraw"),
        (pillar, "withdraw"),
    ]
    assert items[0].admin_url == reverse("admin:goals_pillar_change", args=[pillar.pk])


# --- Validation -------------------------------------------------------------------------------


def test_a_time_in_the_past_is_refused_unless_publishing_now(programme, time_machine):
    time_machine.move_to(AFTER)
    pillar = Pillar(programme=programme, number=5, slug="s", title="S", status="draft")
    pillar.publish_at = AT
    with pytest.raises(ValidationError) as error:
        pillar.full_clean()
    assert error.value.message_dict["publish_at"] == [
        "Tidspunktet for udgivelse er passeret. Vælg et senere tidspunkt, eller udgiv nu ved "
        "at sætte status til offentliggjort."
    ]

    pillar.status = PublishStatus.PUBLISHED  # publishing now: the past time is dropped
    pillar.full_clean()
    assert pillar.publish_at is None


def test_withdrawal_must_come_after_publication(programme, time_machine):
    time_machine.move_to(BEFORE)
    pillar = Pillar(programme=programme, number=5, slug="s", title="S", status="draft")
    pillar.publish_at = datetime(2026, 3, 11, 10, tzinfo=COPENHAGEN)
    pillar.withdraw_at = AT
    with pytest.raises(ValidationError) as error:
        pillar.full_clean()
    assert error.value.message_dict["withdraw_at"] == [
        "Tidspunktet for tilbagetrækning skal ligge efter tidspunktet for udgivelse."
    ]


def test_a_stored_time_that_has_passed_may_be_kept_while_editing(programme, time_machine):
    time_machine.move_to(BEFORE)
    pillar = _pillar_due(programme, status=PublishStatus.DRAFT, publish_at=AT)
    time_machine.move_to(AFTER)  # the beat task has not run yet

    stored = Pillar.objects.get(pk=pillar.pk)
    stored.title = "Rettet titel"
    stored.full_clean()


# --- Admin ------------------------------------------------------------------------------------


def test_the_admin_shows_the_schedule_in_danish_time_and_lists_it(
    client, admin_user, programme, time_machine
):
    time_machine.move_to(BEFORE)
    pillar = _pillar_due(programme, status=PublishStatus.DRAFT, publish_at=AT)
    client.force_login(admin_user)

    form = client.get(reverse("admin:goals_pillar_change", args=[pillar.pk])).content.decode()
    assert "Planlægning" in form
    assert 'value="10.03.2026"' in form and 'value="10:00:00"' in form

    changelist = client.get(reverse("admin:goals_pillar_changelist"), {"scheduled": "yes"})
    assert changelist.status_code == 200
    assert list(changelist.context["cl"].result_list) == [pillar]

    page = client.get(reverse("editorial-scheduled"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Planlagt udgivelse" in text and "Planlagt søjle" in text
    assert "<td>Offentliggør</td>" in text and "<td>10.03.2026 10:00</td>" in text
    assert reverse("editorial-scheduled") in client.get(reverse("admin:index")).content.decode()


def test_the_scheduled_page_is_for_staff_only(client, django_user_model):
    user = django_user_model.objects.create_user(username="x", password="pw-x-123456")
    client.force_login(user)

    response = client.get(reverse("editorial-scheduled"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# --- Concurrency: two beat runs at once publish once (PostgreSQL row locks) ------------------


@pytest.mark.skipif(not settings.USES_POSTGRES, reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_publish_once(time_machine):
    time_machine.move_to(BEFORE)
    programme = ProgrammeFactory()
    pillars = [
        PillarFactory(programme=programme, status=PublishStatus.DRAFT, publish_at=AT)
        for _ in range(5)
    ]
    time_machine.move_to(AFTER)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(schedule_run_task())
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(results) == 5
    assert Pillar.objects.filter(status=PublishStatus.PUBLISHED).count() == 5
    versions = Version.objects.filter(object_id__in=[str(pillar.pk) for pillar in pillars])
    assert versions.filter(content_type__model="pillar").count() == 5
