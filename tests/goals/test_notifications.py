"""The weekly digest of overdue local goals: exactly once per week per user, with
one-click unsubscribe (RFC 8058)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from goals.models import NotificationOptOut, OverdueDigestSent, ProgressUpdate
from goals.notifications import unsubscribe_token, user_from_unsubscribe_token
from goals.tasks import overdue_digests_send_task
from tests.local_goals_setup import cast_create

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
MONDAY = datetime(2026, 11, 30, 7, tzinfo=COPENHAGEN)
WEDNESDAY = datetime(2026, 12, 2, 7, tzinfo=COPENHAGEN)
NEXT_MONDAY = datetime(2026, 12, 7, 7, tzinfo=COPENHAGEN)


@pytest.fixture
def cast(db):
    cast = cast_create()
    # A's published goal: target 15 November, no update since.
    cast.published_a.target_date = date(2026, 11, 15)
    cast.published_a.save()
    return cast


def _digests_to():
    return sorted(message.to[0] for message in mail.outbox)


def test_the_digest_goes_once_a_week_to_each_member_with_overdue_goals(cast):
    with time_machine.travel(MONDAY, tick=False):
        assert overdue_digests_send_task() == 3  # every member is considered
    assert _digests_to() == ["admin.a@example.org", "editor.a@example.org"]
    message = mail.outbox[0]
    assert message.subject == "1 lokalt mål har passeret sin måldato"
    assert "Organisation A: Mål published_a (måldato 15. november 2026)" in message.body
    header = message.extra_headers["List-Unsubscribe"]
    prefix = "<http://127.0.0.1:8000/min-organisation/afmeld/"
    assert header.startswith(prefix) and header.endswith("/>")
    token = header[len(prefix) : -2]
    assert user_from_unsubscribe_token(token).email == message.to[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    mail.outbox.clear()
    with time_machine.travel(WEDNESDAY, tick=False):
        overdue_digests_send_task()
    assert mail.outbox == []
    assert OverdueDigestSent.objects.filter(week=date(2026, 11, 30)).count() == 2

    with time_machine.travel(NEXT_MONDAY, tick=False):
        overdue_digests_send_task()
    assert _digests_to() == ["admin.a@example.org", "editor.a@example.org"]


def test_a_goal_is_not_overdue_before_its_date_or_after_an_update_since(cast):
    with time_machine.travel(datetime(2026, 11, 15, 7, tzinfo=COPENHAGEN), tick=False):
        overdue_digests_send_task()
    assert mail.outbox == []
    ProgressUpdate.objects.create(
        goal=cast.published_a,
        date=date(2026, 11, 20),
        text="Status",
        status="in_progress",
        progress=50,
    )
    with time_machine.travel(MONDAY, tick=False):
        overdue_digests_send_task()
    assert mail.outbox == []


def test_an_existing_claim_for_the_week_means_no_second_email(cast):
    OverdueDigestSent.objects.create(user=cast.editor_a, week=date(2026, 11, 30))
    with time_machine.travel(MONDAY, tick=False):
        overdue_digests_send_task()
    assert _digests_to() == ["admin.a@example.org"]


def test_a_failed_send_releases_the_claim_so_the_next_run_retries(cast, monkeypatch):
    from django.core.mail import EmailMultiAlternatives

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", broken)
    with time_machine.travel(MONDAY, tick=False), pytest.raises(ConnectionRefusedError):
        overdue_digests_send_task()
    assert not OverdueDigestSent.objects.exists()
    monkeypatch.undo()
    with time_machine.travel(WEDNESDAY, tick=False):
        overdue_digests_send_task()
    assert _digests_to() == ["admin.a@example.org", "editor.a@example.org"]


def test_one_click_unsubscribe_needs_no_csrf_and_stops_the_digest(cast):
    client = Client(enforce_csrf_checks=True)
    url = reverse(
        "members:digest-unsubscribe", kwargs={"token": unsubscribe_token(user=cast.editor_a)}
    )
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationOptOut.objects.filter(user=cast.editor_a).exists()
    with time_machine.travel(MONDAY, tick=False):
        overdue_digests_send_task()
    assert _digests_to() == ["admin.a@example.org"]


def test_unsubscribe_page_asks_first_and_a_tampered_token_changes_nothing(cast):
    client = Client(enforce_csrf_checks=True)
    token = unsubscribe_token(user=cast.admin_a)
    page = client.get(reverse("members:digest-unsubscribe", kwargs={"token": token}))
    assert page.status_code == 200
    assert "Vil du stoppe den ugentlige mail" in page.content.decode()
    assert not NotificationOptOut.objects.exists()
    assert (
        client.post(reverse("members:digest-unsubscribe", kwargs={"token": token})).status_code
        == 403
    )
    tampered = client.post(
        reverse("members:digest-unsubscribe", kwargs={"token": token[:-2] + "xx"}),
        {"List-Unsubscribe": "One-Click"},
    )
    assert tampered.status_code == 404
    assert "Afmeldingslinket er ikke gyldigt" in tampered.content.decode()
    assert not NotificationOptOut.objects.exists()
