"""Registering for a webinar session: capacity, idempotency, cancelling, the email."""

import threading
from datetime import datetime
from email import message_from_bytes
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.urls import reverse

from campaigns.models import Registration
from campaigns.services.registrations import (
    RegistrationOutcome,
    registration_cancel,
    registration_create,
)
from campaigns.tokens import recipient_token

from .factories import CampaignFactory, RecipientFactory, WebinarSessionFactory

CPH = ZoneInfo("Europe/Copenhagen")

# Everything here happens before the webinars (the other sides: test_over_time.py).
pytestmark = pytest.mark.usefixtures("before_the_webinars")


@pytest.fixture
def campaign(db):
    campaign = CampaignFactory()
    WebinarSessionFactory(
        webinar=campaign.webinar,
        key="10-marts",
        starts_at=datetime(2026, 3, 10, 12, 0, tzinfo=CPH),
        ends_at=datetime(2026, 3, 10, 13, 0, tzinfo=CPH),
        capacity=1,
        order=1,
    )
    WebinarSessionFactory(
        webinar=campaign.webinar,
        key="23-marts",
        starts_at=datetime(2026, 3, 23, 17, 0, tzinfo=CPH),
        ends_at=datetime(2026, 3, 23, 18, 0, tzinfo=CPH),
        order=2,
    )
    return campaign


def session(campaign, key):
    return campaign.webinar.sessions.get(key=key)


def register_url(recipient, key):
    return reverse(
        "campaigns:register", kwargs={"token": recipient_token(recipient), "session_key": key}
    )


def test_register_confirms_on_the_page_and_by_email(
    client, campaign, django_capture_on_commit_callbacks
):
    recipient = RecipientFactory(campaign=campaign, name="Demo Anne", email="anne@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(recipient, "23-marts"), follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Du er tilmeldt webinaret d. 23. marts kl. 17.00" in page
    assert "Du er tilmeldt." in page
    assert Registration.objects.filter(recipient=recipient, cancelled_at=None).count() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anne@example.org"]
    assert message.subject == f"Du er tilmeldt: {campaign.webinar.title}, 23. marts"
    assert "Kære Demo Anne" in message.body
    assert "mandag 23. marts 2026 kl. 17.00–18.00" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Kære Demo Anne" in html
    parsed = message_from_bytes(message.message().as_bytes())
    assert parsed["Message-ID"].endswith("@127.0.0.1>")  # the host of PORTAL_BASE_URL
    (part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    assert part.get_filename() == "webinar-23-marts.ics"
    # One charset, and the method of the file (RFC 6047):
    assert part["Content-Type"] == 'text/calendar; charset="utf-8"; method="REQUEST"'
    calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    assert calendar["METHOD"] == "REQUEST"
    event = next(iter(calendar.walk("VEVENT")))
    assert event.decoded("dtstart") == datetime(2026, 3, 23, 17, 0, tzinfo=CPH)
    assert event.decoded("dtend") == datetime(2026, 3, 23, 18, 0, tzinfo=CPH)
    assert str(event["dtstart"].params["TZID"]) == "Europe/Copenhagen"
    assert str(event["attendee"]) == "mailto:anne@example.org"
    assert event["attendee"].params["PARTSTAT"] == "ACCEPTED"
    assert str(event["organizer"]) == "mailto:almen@bl.dk"


def test_registering_twice_changes_nothing(client, campaign, django_capture_on_commit_callbacks):
    recipient = RecipientFactory(campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(recipient, "23-marts"))
        response = client.post(register_url(recipient, "23-marts"), follow=True)
    assert "Du er allerede tilmeldt d. 23. marts" in response.content.decode()
    assert Registration.objects.filter(recipient=recipient).count() == 1
    assert len(mail.outbox) == 1


def test_full_session_says_so_and_offers_the_other(
    client, campaign, django_capture_on_commit_callbacks
):
    first = RecipientFactory(campaign=campaign)
    second = RecipientFactory(campaign=campaign)
    assert registration_create(recipient=first, session=session(campaign, "10-marts")).outcome == (
        RegistrationOutcome.REGISTERED
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(second, "10-marts"), follow=True)
    page = response.content.decode()
    assert "Webinaret d. 10. marts kl. 12.00 er fuldt booket" in page
    assert "Der er ikke flere pladser på denne dato." in page
    assert 'href="#session-23-marts"' in page
    assert register_url(second, "23-marts").split("/tilmeld/")[1] in page
    assert not Registration.objects.filter(recipient=second).exists()
    assert mail.outbox == []


def test_cancel_and_register_again(client, campaign, django_capture_on_commit_callbacks):
    recipient = RecipientFactory(campaign=campaign)
    ten = session(campaign, "10-marts")
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(recipient=recipient, session=ten)
    cancel_url = reverse(
        "campaigns:cancel",
        kwargs={"token": recipient_token(recipient), "session_key": "10-marts"},
    )
    response = client.post(cancel_url, follow=True)
    assert "Din tilmelding d. 10. marts kl. 12.00 er annulleret." in response.content.decode()
    registration = Registration.objects.get(recipient=recipient)
    assert registration.cancelled_at is not None

    # The place is free again, for someone else or for the same person:
    other = RecipientFactory(campaign=campaign)
    assert (
        registration_create(recipient=other, session=ten).outcome == RegistrationOutcome.REGISTERED
    )
    assert registration_create(recipient=recipient, session=ten).outcome == RegistrationOutcome.FULL
    registration_cancel(recipient=other, session=ten)
    with django_capture_on_commit_callbacks(execute=True):
        result = registration_create(recipient=recipient, session=ten)
    assert result.outcome == RegistrationOutcome.REGISTERED
    registration.refresh_from_db()
    assert registration.cancelled_at is None
    assert Registration.objects.filter(recipient=recipient).count() == 1
    assert len(mail.outbox) == 2


def test_registration_needs_post_and_a_valid_token(client, campaign):
    recipient = RecipientFactory(campaign=campaign)
    assert client.get(register_url(recipient, "23-marts")).status_code == 405
    bad = reverse("campaigns:register", kwargs={"token": "bad", "session_key": "23-marts"})
    assert client.post(bad).status_code == 404
    assert client.post(register_url(recipient, "1-april")).status_code == 404
    assert not Registration.objects.exists()


def test_a_session_of_another_campaign_cannot_be_registered(client, campaign):
    recipient = RecipientFactory(campaign=campaign)
    other = WebinarSessionFactory(key="andet-webinar")
    response = client.post(register_url(recipient, other.key))
    assert response.status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.skipif(not settings.USES_POSTGRES, reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_concurrent_registrations():
    campaign = CampaignFactory()
    limited = WebinarSessionFactory(webinar=campaign.webinar, capacity=3)
    recipients = RecipientFactory.create_batch(12, campaign=campaign)
    barrier = threading.Barrier(len(recipients))
    outcomes = []

    def register(recipient):
        try:
            barrier.wait()
            outcomes.append(registration_create(recipient=recipient, session=limited).outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(r,)) for r in recipients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count(RegistrationOutcome.REGISTERED) == 3
    assert outcomes.count(RegistrationOutcome.FULL) == 9
    assert limited.registrations.filter(cancelled_at=None).count() == 3
