"""Calendar files (RFC 5545/5546), checked with a second parser (vobject) beside icalendar,
and the email parts and Message-IDs of every campaign email."""

from datetime import datetime, timedelta
from email import message_from_bytes
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
import vobject
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from campaigns.ics import CalendarMethod, session_calendar_part, session_ics
from campaigns.models import Invitation, Registration
from campaigns.services.registrations import registration_create
from campaigns.services.reminders import registration_reminder_send
from campaigns.services.sending import campaign_send
from campaigns.services.session_updates import registration_update_send, webinar_session_save
from campaigns.tokens import recipient_token

from .factories import CampaignFactory, RecipientFactory, WebinarSessionFactory

CPH = ZoneInfo("Europe/Copenhagen")
pytestmark = pytest.mark.usefixtures("before_the_webinars")


@pytest.fixture
def session(db):
    return WebinarSessionFactory(
        key="23-marts",
        starts_at=datetime(2026, 3, 23, 17, 0, tzinfo=CPH),
        ends_at=datetime(2026, 3, 23, 18, 0, tzinfo=CPH),
        join_url="https://example.org/join",
    )


@pytest.fixture
def anne(session):
    campaign = CampaignFactory(webinar=session.webinar)
    return RecipientFactory(campaign=campaign, name="Anne Jensen", email="anne@example.org")


def parsed_by_vobject(content: bytes):
    """vobject's reading of the file (a second, independent parser), with its own check
    of required properties."""
    calendar = vobject.readOne(content.decode())
    calendar.validate()
    (event,) = calendar.vevent_list
    return calendar, event


def test_a_download_is_publish_without_attendee(session):
    content = session_ics(session=session)

    calendar, event = parsed_by_vobject(content)
    assert calendar.method.value == "PUBLISH"
    assert calendar.version.value == "2.0"
    assert not hasattr(event, "attendee") and b"ATTENDEE" not in content
    assert event.organizer.value == "mailto:almen@bl.dk"
    assert event.uid.value == f"webinar-session-{session.pk}@almen.bl.dk"
    assert event.sequence.value == "0"
    assert event.status.value == "CONFIRMED"
    assert event.dtstart.value == datetime(2026, 3, 23, 17, 0, tzinfo=CPH)
    assert b"\r\nDTSTART;TZID=Europe/Copenhagen:20260323T170000\r\n" in content
    assert event.dtstamp.value.utcoffset() == timedelta(0)
    assert content.count(b"\r\n") == content.count(b"\n")  # CRLF line ends throughout


def test_a_request_names_the_organizer_and_the_councillor_as_attendee(session, anne):
    content = session_ics(session=session, method=CalendarMethod.REQUEST, recipient=anne)

    calendar, event = parsed_by_vobject(content)
    assert calendar.method.value == "REQUEST"
    assert event.organizer.value == "mailto:almen@bl.dk"
    assert event.organizer.params["CN"] == ["BL – Danmarks Almene Boliger"]
    (attendee,) = event.attendee_list
    assert attendee.value == "mailto:anne@example.org"
    assert attendee.params["CN"] == ["Anne Jensen"]
    assert attendee.params["PARTSTAT"] == ["ACCEPTED"]
    assert attendee.params["RSVP"] == ["FALSE"]
    assert attendee.params["ROLE"] == ["REQ-PARTICIPANT"]


def test_a_cancel_is_cancelled_at_a_higher_sequence(session, anne):
    session.is_cancelled = True
    webinar_session_save(session=session)

    content = session_ics(session=session, method=CalendarMethod.CANCEL, recipient=anne)

    calendar, event = parsed_by_vobject(content)
    assert calendar.method.value == "CANCEL"
    assert event.status.value == "CANCELLED"
    assert event.sequence.value == "1"
    assert event.attendee.value == "mailto:anne@example.org"


def test_every_file_of_a_session_has_the_same_uid(session, anne):
    other = RecipientFactory(campaign=anne.campaign)
    uids = {
        parsed_by_vobject(content)[1].uid.value
        for content in [
            session_ics(session=session),
            session_ics(session=session, method=CalendarMethod.REQUEST, recipient=anne),
            session_ics(session=session, method=CalendarMethod.REQUEST, recipient=other),
            session_ics(session=session, method=CalendarMethod.CANCEL, recipient=anne),
        ]
    }
    assert uids == {f"webinar-session-{session.pk}@almen.bl.dk"}
    assert parsed_by_vobject(session_ics(session=WebinarSessionFactory()))[1].uid.value not in uids


def test_a_scheduling_method_needs_an_attendee(session):
    with pytest.raises(ValueError, match="METHOD:REQUEST needs the recipient"):
        session_ics(session=session, method=CalendarMethod.REQUEST)


def test_the_email_part_has_one_charset_and_the_method(session, anne):
    part = session_calendar_part(session=session, method=CalendarMethod.REQUEST, recipient=anne)

    assert part["Content-Type"] == 'text/calendar; charset="utf-8"; method="REQUEST"'
    assert part.get_filename() == "webinar-23-marts.ics"
    assert part["Content-Transfer-Encoding"] == "base64"
    assert icalendar.Calendar.from_ical(part.get_payload(decode=True))["METHOD"] == "REQUEST"


# --- Every campaign email ------------------------------------------------------------


@override_settings(PORTAL_BASE_URL="https://almen.example.dk")
def test_every_campaign_email_has_a_message_id_on_the_portal_host_and_valid_calendars(
    session, anne, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        campaign_send(campaign=anne.campaign)  # the invitation
        registration_create(recipient=anne, session=session)  # the confirmation
    registration = Registration.objects.get(recipient=anne)
    with time_machine.travel(datetime(2026, 3, 22, 10, 0, tzinfo=CPH), tick=False):
        assert registration_reminder_send(registration_id=registration.pk)  # the reminder
    session.starts_at += timedelta(hours=1)
    session.ends_at += timedelta(hours=1)
    webinar_session_save(session=session)
    assert registration_update_send(registration_id=registration.pk)  # the update

    assert len(mail.outbox) == 4
    invitation, *with_calendar = mail.outbox
    methods = []
    for message in mail.outbox:
        parsed = message_from_bytes(message.message().as_bytes())
        assert parsed["Message-ID"].endswith("@almen.example.dk>"), parsed["Subject"]
        for part in parsed.walk():
            if part.get_content_type() == "text/calendar":
                assert part.get_params().count(("charset", "utf-8")) == 1
                calendar, event = parsed_by_vobject(part.get_payload(decode=True))
                assert part.get_param("method") == calendar.method.value
                methods.append((calendar.method.value, event.sequence.value))
    assert invitation.extra_headers["Message-ID"] == Invitation.objects.get().message_id
    assert methods == [("REQUEST", "0"), ("REQUEST", "0"), ("REQUEST", "1")]
    assert len({message.extra_headers["Message-ID"] for message in mail.outbox}) == 4


def test_the_pack_offers_the_calendar_file_only_for_a_registered_session(client, session, anne):
    token = recipient_token(anne)
    pack = reverse("campaigns:pack", kwargs={"token": token})
    download = reverse("campaigns:session-ics", kwargs={"token": token, "session_key": "23-marts"})
    assert download not in client.get(pack).content.decode()

    registration_create(recipient=anne, session=session)

    assert f'href="{download}"' in client.get(pack).content.decode()
