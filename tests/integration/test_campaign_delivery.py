"""End to end on real infrastructure: 500 councillors imported from a CSV file, the campaign
sent by real Celery workers over Redis to an SMTP sink, exactly one message per address;
again after a re-send, and after a worker is killed with SIGKILL in the middle of sending.
"""

import csv
import io
import time
from collections import Counter
from datetime import datetime, timedelta
from datetime import time as clock
from email import message_from_bytes
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.formats import date_format

from campaigns.models import Campaign, Invitation, Webinar, WebinarSession
from campaigns.services.recipients import councillors_import
from campaigns.services.sending import campaign_send
from municipalities.models import Municipality
from tests.integration.harness import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CPH = ZoneInfo("Europe/Copenhagen")
COUNCILLORS = 500


def days_ahead(days: int, hour: int) -> datetime:
    """A session start ahead of the real clock: only open sessions can be invited to, and
    the workers run in other processes, whose clock a test cannot pin."""
    day = datetime.now(CPH).date() + timedelta(days=days)
    return datetime.combine(day, clock(hour), tzinfo=CPH)


SESSION_STARTS = [days_ahead(30, 12), days_ahead(43, 17)]


def campaign_create(slug: str) -> Campaign:
    webinar, _ = Webinar.objects.get_or_create(
        slug="webinar-integration", defaults={"title": "Webinar om den almene boligsektor"}
    )
    for order, starts_at in enumerate(SESSION_STARTS, start=1):
        WebinarSession.objects.get_or_create(
            webinar=webinar,
            key=f"session-{order}",
            defaults={
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=1),
                "order": order,
            },
        )
    return Campaign.objects.create(
        slug=slug,
        name=f"Integration {slug}",
        sender_line="Boligorganisationerne i {municipality} Kommune",
        status=Campaign.Status.READY,
        webinar=webinar,
    )


def councillor_csv(count: int) -> bytes:
    """A councillor file as BL staff would import it: semicolon separated, all 98
    municipalities in turn."""
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["name", "email", "municipality_code", "party", "role"])
    for number in range(count):
        writer.writerow(
            [
                f"Byrådsmedlem {number}",
                f"councillor{number}@example.org",
                codes[number % 98],
                "",
                "",
            ]
        )
    return out.getvalue().encode("utf-8")


def campaign_import(campaign: Campaign) -> set[str]:
    result = councillors_import(
        campaign=campaign, file_name="councillors.csv", content=councillor_csv(COUNCILLORS)
    )
    assert result.errors == [] and result.created == COUNCILLORS
    return set(campaign.recipients.values_list("email", flat=True))


def campaign_status(campaign: Campaign) -> str:
    return Campaign.objects.values_list("status", flat=True).get(pk=campaign.pk)


def assert_one_valid_message_each(messages, addresses: set[str], campaign: Campaign) -> None:
    per_address = Counter(address for message in messages for address in message.recipients)
    assert set(per_address) == addresses
    assert set(per_address.values()) == {1}, per_address.most_common(3)
    message_ids = dict(
        Invitation.objects.filter(recipient__campaign=campaign).values_list(
            "recipient__email", "message_id"
        )
    )
    for message in messages:
        parsed = message_from_bytes(message.content)
        (address,) = message.recipients
        assert parsed["Message-ID"] == message_ids[address]
        assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # The sessions are offered in the text; the calendar file comes on registering.
        types = [part.get_content_type() for part in parsed.walk()]
        assert "text/calendar" not in types, address
        (text,) = [part for part in parsed.walk() if part.get_content_type() == "text/plain"]
        body = text.get_payload(decode=True).decode().replace("\r\n", "\n")
        for starts_at in SESSION_STARTS:
            assert session_line(starts_at) in body, address


def session_line(starts_at: datetime) -> str:
    with translation.override("da"):
        return (
            f"- {date_format(starts_at, 'l')} den {date_format(starts_at, 'j. F Y')} "
            f"kl. {starts_at:%H.%M}–{starts_at + timedelta(hours=1):%H.%M}\n"
        )


def test_500_invitations_exactly_once_through_resend_and_a_killed_worker(
    clean_broker, smtp_sink, celery_workers
):
    began = time.monotonic()
    worker = celery_workers("first")

    # 1. 500 councillors imported from a CSV file, the campaign sent: one message each.
    campaign = campaign_create("integration-1")
    addresses = campaign_import(campaign)
    assert campaign_send(campaign=campaign).created == COUNCILLORS
    wait_for(
        lambda: smtp_sink.count() >= COUNCILLORS and campaign_status(campaign) == "done",
        timeout=120,
        what=f"{COUNCILLORS} messages (got {smtp_sink.count()})",
    )
    assert smtp_sink.count() == COUNCILLORS
    assert_one_valid_message_each(smtp_sink.messages, addresses, campaign)
    assert Invitation.objects.filter(status="sent", attempts=1).count() == COUNCILLORS

    print(f"\n500 sent after {time.monotonic() - began:.0f}s")

    # 2. Sent again, with duplicate tasks for already sent invitations: nothing new.
    again = campaign_send(campaign=campaign)
    assert (again.created, again.already_invited) == (0, COUNCILLORS)
    from campaigns.tasks import invitation_send_task

    for invitation_id in Invitation.objects.values_list("pk", flat=True)[:50]:
        invitation_send_task.delay(invitation_id)
    wait_for(
        lambda: (
            clean_broker.llen("celery") == 0
            and clean_broker.hlen("unacked") == 0
            and campaign_status(campaign) == "done"
        ),
        timeout=60,
        what="the re-send and the duplicate tasks to be consumed",
    )
    time.sleep(2)  # the last tasks taken from the queue finish
    assert smtp_sink.count() == COUNCILLORS

    print(f"re-send checked after {time.monotonic() - began:.0f}s")

    # 3. A second campaign; the worker is killed with SIGKILL while it waits for the
    # server's reply to two messages (the sink holds every message after the 150th).
    smtp_sink.clear()
    second = campaign_create("integration-2")
    addresses = campaign_import(second)
    smtp_sink.hold_after(150)
    campaign_send(campaign=second)
    wait_for(lambda: smtp_sink.held >= 2, timeout=60, what="two sends in flight")
    worker.kill()
    killed_at = time.monotonic()
    smtp_sink.release()
    assert smtp_sink.count() == 150
    in_flight = list(
        Invitation.objects.filter(recipient__campaign=second, status="sending").values_list(
            "pk", flat=True
        )
    )
    assert len(in_flight) == 2
    assert campaign_status(second) == "sending"

    # Redis hands a dead worker's unacknowledged tasks out again after the visibility
    # timeout (8 s here); the new worker takes over the two invitations once their lease
    # (5 s here) has run out, and sends the rest.
    time.sleep(max(0.0, killed_at + 9 - time.monotonic()))
    celery_workers("second")
    wait_for(
        lambda: smtp_sink.count() >= COUNCILLORS and campaign_status(second) == "done",
        timeout=120,
        what=f"{COUNCILLORS} messages after the restart (got {smtp_sink.count()})",
    )
    time.sleep(1)
    assert smtp_sink.count() == COUNCILLORS
    assert_one_valid_message_each(smtp_sink.messages, addresses, second)
    sent = Invitation.objects.filter(recipient__campaign=second, status="sent")
    assert sent.count() == COUNCILLORS
    assert sorted(sent.filter(attempts=2).values_list("pk", flat=True)) == sorted(in_flight)
    print(f"integration run took {time.monotonic() - began:.0f}s")
