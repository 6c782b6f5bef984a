"""A session moved or cancelled by staff in admin: one update per registered councillor, with
a higher SEQUENCE, once per change; nothing for a save that changes no time."""

from datetime import datetime
from email import message_from_bytes
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Registration, WebinarSession
from campaigns.services.registrations import registration_create
from campaigns.services.session_updates import (
    registration_update_send,
    session_update_registration_ids,
    webinar_session_save,
)
from campaigns.tasks import session_updates_send_task

from .factories import RecipientFactory

CPH = ZoneInfo("Europe/Copenhagen")
pytestmark = pytest.mark.usefixtures("before_the_webinars")


@pytest.fixture
def people(kv25, django_capture_on_commit_callbacks):
    """Anne and Bo registered for 23 March, Cai for 10 March, Dan registered and
    cancelled, Eva unsubscribed after registering, Finn not registered. The confirmations
    are sent and the outbox emptied."""
    sessions = {session.key: session for session in kv25.webinar.sessions.all()}
    people = {
        name: RecipientFactory(campaign=kv25, name=name, email=f"{name.lower()}@example.org")
        for name in ["Anne", "Bo", "Cai", "Dan", "Eva", "Finn"]
    }
    with django_capture_on_commit_callbacks(execute=True):
        for name, key in [("Anne", "23-marts"), ("Bo", "23-marts"), ("Cai", "10-marts")]:
            registration_create(recipient=people[name], session=sessions[key])
        for name in ["Dan", "Eva"]:
            registration_create(recipient=people[name], session=sessions["23-marts"])
    Registration.objects.filter(recipient=people["Dan"]).update(cancelled_at=timezone.now())
    people["Eva"].unsubscribed_at = timezone.now()
    people["Eva"].save()
    mail.outbox.clear()
    return people


def webinar_form(webinar, changes: dict[str, dict[str, str]]) -> dict[str, str]:
    """The admin change form of ``webinar`` as it is, with ``changes`` per session key."""
    sessions = list(webinar.sessions.order_by("order"))
    speakers = list(webinar.speakers.order_by("order"))
    data = {
        "slug": webinar.slug,
        "title": webinar.title,
        "description": webinar.description,
        "sessions-TOTAL_FORMS": str(len(sessions)),
        "sessions-INITIAL_FORMS": str(len(sessions)),
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "speakers-TOTAL_FORMS": str(len(speakers)),
        "speakers-INITIAL_FORMS": str(len(speakers)),
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "1000",
    }
    for number, session in enumerate(sessions):
        starts_at = timezone.localtime(session.starts_at, CPH)
        ends_at = timezone.localtime(session.ends_at, CPH)
        fields = {
            "id": str(session.pk),
            "webinar": str(webinar.pk),
            "key": session.key,
            "starts_at_0": starts_at.strftime("%Y-%m-%d"),
            "starts_at_1": starts_at.strftime("%H:%M:%S"),
            "ends_at_0": ends_at.strftime("%Y-%m-%d"),
            "ends_at_1": ends_at.strftime("%H:%M:%S"),
            "join_url": session.join_url,
            "capacity": "" if session.capacity is None else str(session.capacity),
            "order": str(session.order),
            "recording_url": session.recording_url,
            **changes.get(session.key, {}),
        }
        if session.is_cancelled:
            fields.setdefault("is_cancelled", "on")
        data.update({f"sessions-{number}-{name}": value for name, value in fields.items()})
    for number, speaker in enumerate(speakers):
        fields = {
            "id": str(speaker.pk),
            "webinar": str(webinar.pk),
            "name": speaker.name,
            "title": speaker.title,
            "order": str(speaker.order),
        }
        data.update({f"speakers-{number}-{name}": value for name, value in fields.items()})
    return data


def admin_save(editor, webinar, changes, django_capture_on_commit_callbacks):
    url = reverse("admin:campaigns_webinar_change", args=[webinar.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, webinar_form(webinar, changes), follow=True)
    assert response.status_code == 200
    return response


def calendar_of(message):
    parsed = message_from_bytes(message.message().as_bytes())
    (part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    calendar = vobject.readOne(part.get_payload(decode=True).decode())
    calendar.validate()
    return part, calendar, calendar.vevent


MOVED = {"23-marts": {"starts_at_1": "16:00:00", "ends_at_1": "17:30:00"}}


def test_moving_a_session_sends_one_update_with_a_higher_sequence_to_each_registered(
    editor, kv25, people, django_capture_on_commit_callbacks
):
    response = admin_save(editor, kv25.webinar, MOVED, django_capture_on_commit_callbacks)

    assert "1 dato er flyttet eller aflyst" in response.content.decode()
    session = kv25.webinar.sessions.get(key="23-marts")
    assert session.sequence == 1
    assert session.starts_at == datetime(2026, 3, 23, 16, 0, tzinfo=CPH)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anne@example.org",
        "bo@example.org",
    ]
    message = next(m for m in mail.outbox if m.to == ["anne@example.org"])
    assert message.subject == (
        "Nyt tidspunkt: »Webinar om mulighederne i den almene boligsektor« er nu mandag den "
        "23. marts 2026 kl. 16.00"
    )
    assert "mandag den 23. marts 2026 kl. 16.00–17.30" in message.body
    assert "Den vedhæftede kalenderfil flytter webinaret i din kalender." in message.body
    part, calendar, event = calendar_of(message)
    assert part.get_param("method") == "REQUEST" == calendar.method.value
    assert event.sequence.value == "1"  # the confirmation carried 0
    assert event.uid.value == f"webinar-session-{session.pk}@almen.bl.dk"
    assert event.dtstart.value == datetime(2026, 3, 23, 16, 0, tzinfo=CPH)
    assert event.attendee.value == "mailto:anne@example.org"
    assert set(Registration.objects.values_list("recipient__name", "calendar_sequence")) == {
        ("Anne", 1),
        ("Bo", 1),
        ("Cai", 0),
        ("Dan", 0),
        ("Eva", 0),
    }

    # Saving again without a time change sends nothing, and the sequence stays.
    mail.outbox.clear()
    admin_save(
        editor,
        kv25.webinar,
        {"23-marts": {"recording_url": "https://example.org/optagelse"}},
        django_capture_on_commit_callbacks,
    )
    assert mail.outbox == []
    session.refresh_from_db()
    assert (session.sequence, session.recording_url) == (1, "https://example.org/optagelse")

    # The task run twice (a redelivery) sends nothing more.
    assert session_updates_send_task.delay(session.pk).get() == 0
    assert mail.outbox == []


def test_the_update_task_is_safe_to_run_twice(kv25, people, django_capture_on_commit_callbacks):
    session = kv25.webinar.sessions.get(key="23-marts")
    session.starts_at = session.starts_at.replace(hour=15)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert webinar_session_save(session=session) is True
    assert len(callbacks) == 1  # the fan-out waits for the commit

    ids = session_update_registration_ids(session_id=session.pk)
    assert len(ids) == 2
    assert session_updates_send_task.delay(session.pk).get() == 2
    assert session_updates_send_task.delay(session.pk).get() == 0
    assert [registration_update_send(registration_id=pk) for pk in ids] == [False, False]
    assert len(mail.outbox) == 2


def test_two_changes_give_each_their_update(kv25, people, django_capture_on_commit_callbacks):
    session = kv25.webinar.sessions.get(key="23-marts")
    for hour in [15, 14]:
        session.starts_at = session.starts_at.replace(hour=hour)
        with django_capture_on_commit_callbacks(execute=True):
            webinar_session_save(session=session)

    to_anne = [m for m in mail.outbox if m.to == ["anne@example.org"]]
    assert [calendar_of(m)[2].sequence.value for m in to_anne] == ["1", "2"]
    assert len({m.extra_headers["Message-ID"] for m in to_anne}) == 2


def test_cancelling_a_session_sends_a_cancel(
    editor, kv25, people, django_capture_on_commit_callbacks
):
    admin_save(
        editor,
        kv25.webinar,
        {"10-marts": {"is_cancelled": "on"}},
        django_capture_on_commit_callbacks,
    )

    (message,) = mail.outbox
    assert message.to == ["cai@example.org"]
    assert message.subject == (
        "Aflyst: »Webinar om mulighederne i den almene boligsektor« den 10. marts 2026"
    )
    assert "er aflyst" in message.body
    part, calendar, event = calendar_of(message)
    assert part.get_param("method") == "CANCEL" == calendar.method.value
    assert event.status.value == "CANCELLED"
    assert event.sequence.value == "1"
    assert WebinarSession.objects.get(key="10-marts").is_cancelled


def test_a_session_with_registrations_cannot_be_deleted(
    editor, kv25, people, django_capture_on_commit_callbacks
):
    response = admin_save(
        editor, kv25.webinar, {"23-marts": {"DELETE": "on"}}, django_capture_on_commit_callbacks
    )

    assert "Datoen 23-marts har tilmeldinger og kan ikke slettes." in response.content.decode()
    assert kv25.webinar.sessions.count() == 2
    assert mail.outbox == []


def test_no_update_for_a_session_that_has_ended(
    time_machine, kv25, people, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime(2026, 3, 24, 10, 0, tzinfo=CPH))
    session = kv25.webinar.sessions.get(key="23-marts")
    session.ends_at = session.ends_at.replace(hour=19)  # a correction after the event
    with django_capture_on_commit_callbacks(execute=True):
        assert webinar_session_save(session=session) is True

    assert mail.outbox == []


def test_a_session_moved_by_load_content_updates_the_calendars(
    kv25, people, monkeypatch, django_capture_on_commit_callbacks
):
    from almen.core import content as core_content
    from campaigns.services import content as campaigns_content

    session = kv25.webinar.sessions.get(key="10-marts")
    before = session.sequence

    def moved(relative_path):
        data = core_content.read_content_file(relative_path)
        if relative_path.endswith("webinars.yaml"):
            for item in data["webinars"]:
                for entry in item["sessions"]:
                    if entry["key"] == "10-marts":
                        entry["starts_at"], entry["ends_at"] = (
                            "2026-03-11 12:00",
                            "2026-03-11 13:00",
                        )
        return data

    monkeypatch.setattr(campaigns_content, "read_content_file", moved)
    with django_capture_on_commit_callbacks(execute=True):
        campaigns_content.campaigns_content_load()

    session.refresh_from_db()
    assert session.sequence == before + 1
    assert session.starts_at == datetime(2026, 3, 11, 12, tzinfo=CPH)
    assert [message.to for message in mail.outbox] == [["cai@example.org"]]
    calendar = vobject.readOne(
        next(
            part.get_payload(decode=True).decode()
            for part in message_from_bytes(mail.outbox[0].message().as_bytes()).walk()
            if part.get_content_type() == "text/calendar"
        )
    )
    assert calendar.method.value == "REQUEST"
    assert calendar.vevent.sequence.value == str(before + 1)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the same file again: no news
        campaigns_content.campaigns_content_load()
    session.refresh_from_db()
    assert session.sequence == before + 1
    assert mail.outbox == []
