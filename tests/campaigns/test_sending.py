"""Sending invitations: one email per recipient, exactly once, with its .ics parts and
unsubscribe headers; retries, permanent failures, the admin pages and the command."""

import re
import smtplib
import threading
from datetime import datetime, timedelta
from email import message_from_bytes
from email.message import Message
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from campaigns.models import (
    Campaign,
    Invitation,
    Recipient,
    Registration,
    Webinar,
    WebinarSession,
)
from campaigns.services import sending
from campaigns.services.sending import (
    SendOutcome,
    campaign_progress,
    campaign_send,
    campaign_send_preview,
    invitation_send,
    retry_delay_seconds,
)
from campaigns.tasks import invitation_send_task
from campaigns.tokens import recipient_from_token
from municipalities.models import Municipality
from tests.campaigns.legal_links import assert_links_to_privacy_and_accessibility
from tests.conftest import with_authenticator

CPH = ZoneInfo("Europe/Copenhagen")
URL_RE = re.compile(r"https?://\S+")

# Everything here happens before the webinars (the other sides: test_over_time.py).
pytestmark = pytest.mark.usefixtures("before_the_webinars")


@pytest.fixture
def campaign(db):
    webinar = Webinar.objects.create(
        slug="webinar-almene-boligsektor",
        title="Webinar om mulighederne i den almene boligsektor",
        description="Et webinar for nyvalgte byrådsmedlemmer.",
    )
    WebinarSession.objects.create(
        webinar=webinar,
        key="10-marts",
        starts_at=datetime(2026, 3, 10, 12, 0, tzinfo=CPH),
        ends_at=datetime(2026, 3, 10, 13, 0, tzinfo=CPH),
        join_url="https://example.org/webinar/10-marts",
        order=1,
    )
    WebinarSession.objects.create(
        webinar=webinar,
        key="23-marts",
        starts_at=datetime(2026, 3, 23, 17, 0, tzinfo=CPH),
        ends_at=datetime(2026, 3, 23, 18, 0, tzinfo=CPH),
        join_url="https://example.org/webinar/23-marts",
        order=2,
    )
    return Campaign.objects.create(
        slug="kv25-test",
        name="Velkommen til nye byrådsmedlemmer – test",
        sender_line="Boligorganisationerne i {municipality} Kommune",
        status=Campaign.Status.READY,
        webinar=webinar,
    )


def recipient_create(campaign, *, name, email, code="326", **fields) -> Recipient:
    return Recipient.objects.create(
        campaign=campaign,
        name=name,
        email=email,
        municipality=Municipality.objects.get(code=code),
        **fields,
    )


@pytest.fixture
def recipients(campaign):
    return [
        recipient_create(campaign, name="Anne Jensen", email="anne@example.org", code="326"),
        recipient_create(campaign, name="Bo Nielsen", email="bo@example.org", code="657"),
    ]


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """``campaign_send`` with its on-commit fan-out run (the test's transaction never
    commits); tasks run eagerly."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return campaign_send(**kwargs)

    return run


def mail_to(address):
    found = [message for message in mail.outbox if message.to == [address]]
    assert len(found) == 1, f"{len(found)} messages to {address}"
    return found[0]


def calendar_parts(message) -> list[Message]:
    parsed = message_from_bytes(message.message().as_bytes())
    return [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]


# --- The message ----------------------------------------------------------------------


def test_each_recipient_gets_one_danish_invitation(send, campaign, recipients):
    result = send(campaign=campaign)

    assert (result.created, result.already_invited, result.excluded) == (2, 0, 0)
    assert len(mail.outbox) == 2
    message = mail_to("anne@example.org")
    assert message.subject == (
        "Velkommen som nyvalgt medlem af Kalundborgs Byråd – invitation til webinar"
    )
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    body = message.body
    assert body.startswith("Kære Anne Jensen,\n")
    assert "Tillykke med valget til Kalundborgs Byråd." in body
    assert "Webinar om mulighederne i den almene boligsektor" in body
    assert "- tirsdag den 10. marts 2026 kl. 12.00–13.00\n" in body
    assert "- mandag den 23. marts 2026 kl. 17.00–18.00\n" in body
    assert "Boligorganisationerne i Kalundborg Kommune\nBL – Danmarks Almene Boliger" in body
    assert "Herning" in mail_to("bo@example.org").subject

    urls = URL_RE.findall(body)
    pack_url = urls[0]
    (unsubscribe_url,) = [url for url in urls if url.endswith("/afmeld/")]
    base = settings.PORTAL_BASE_URL + "/velkommen/"
    assert pack_url.startswith(base) and unsubscribe_url.endswith("/afmeld/")
    anne = recipients[0]
    assert recipient_from_token(pack_url.removeprefix(base).rstrip("/")) == anne
    assert recipient_from_token(unsubscribe_url.removeprefix(base).split("/")[0]) == anne

    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="da">' in html
    assert f'href="{pack_url}"' in html
    assert "tirsdag den 10. marts 2026 kl. 12.00–13.00" in html
    assert f'href="{unsubscribe_url}"' in html
    assert_links_to_privacy_and_accessibility(message)

    invitation = Invitation.objects.get(recipient=anne)
    assert message.extra_headers["Message-ID"] == invitation.message_id
    assert invitation.message_id == f"<invitation.{anne.public_id.hex}@127.0.0.1>"
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    parsed = message_from_bytes(message.message().as_bytes())
    assert parsed["Message-ID"] == invitation.message_id
    assert re.sub(r"\s", "", parsed["List-Unsubscribe"]) == f"<{unsubscribe_url}>"  # unfolded

    assert invitation.status == Invitation.Status.SENT
    assert invitation.attempts == 1 and invitation.sent_at is not None
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DONE


def test_invitation_offers_the_sessions_without_calendar_files(send, campaign, recipients):
    # The councillor has not chosen a date yet: the calendar file comes with the
    # confirmation of the registration.
    send(campaign=campaign)

    message = mail_to("anne@example.org")
    assert calendar_parts(message) == []
    assert message.attachments == []
    assert (
        "Du tilmelder dig med ét klik på din velkomstside. Når du er tilmeldt, kan du føje "
        "webinaret til din kalender." in message.body
    )


# --- Exactly once ---------------------------------------------------------------------


def test_sending_again_sends_nothing_new_and_a_late_import_only_to_the_new(
    send, campaign, recipients
):
    send(campaign=campaign)
    again = send(campaign=campaign)

    assert (again.created, again.already_invited) == (0, 2)
    assert len(mail.outbox) == 2
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DONE  # nobody new: the fan-out finishes it

    recipient_create(campaign, name="Cecilie Holm", email="cecilie@example.org")
    assert campaign_send_preview(campaign=campaign).to_invite == 1
    late = send(campaign=campaign)

    assert (late.created, late.already_invited) == (1, 2)
    assert [message.to for message in mail.outbox[2:]] == [["cecilie@example.org"]]
    assert Invitation.objects.filter(status=Invitation.Status.SENT).count() == 3


def test_a_task_run_twice_sends_once(campaign, recipients, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():  # queue only: do not run the fan-out
        campaign_send(campaign=campaign)
    invitation = Invitation.objects.get(recipient=recipients[0])

    invitation_send_task.delay(invitation.pk)
    invitation_send_task.delay(invitation.pk)

    assert [message.to for message in mail.outbox] == [["anne@example.org"]]
    invitation.refresh_from_db()
    assert (invitation.status, invitation.attempts) == (Invitation.Status.SENT, 1)


def test_one_invitation_is_sent_with_a_fixed_number_of_queries(
    campaign, recipients, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks():
        campaign_send(campaign=campaign)
    invitation = Invitation.objects.get(recipient=recipients[0])
    # Lock and read the invitation with its recipient, campaign and municipality; the
    # webinar's sessions; mark it sending; mark it sent; is the campaign finished? (In a
    # test the savepoints of the transaction add two.)
    with django_assert_num_queries(7):
        assert invitation_send(invitation_id=invitation.pk).outcome == SendOutcome.SENT
    assert len(mail.outbox) == 1


def test_a_duplicate_task_spends_no_send_token(
    campaign, recipients, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks():
        campaign_send(campaign=campaign)
    invitation = Invitation.objects.get(recipient=recipients[0])
    tokens = []
    monkeypatch.setattr(sending, "send_token_take", lambda: tokens.append(1))
    assert invitation_send(invitation_id=invitation.pk).outcome == SendOutcome.SENT
    assert invitation_send(invitation_id=invitation.pk).outcome == SendOutcome.SKIPPED
    assert tokens == [1]


def test_an_invitation_being_sent_is_left_to_its_worker_until_the_lease_runs_out(
    campaign, recipients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        campaign_send(campaign=campaign)
    invitation = Invitation.objects.get(recipient=recipients[0])
    started = timezone.now() - timedelta(seconds=10)
    Invitation.objects.filter(pk=invitation.pk).update(
        status=Invitation.Status.SENDING, sending_started_at=started, attempts=1
    )

    busy = invitation_send(invitation_id=invitation.pk)

    assert busy.outcome == SendOutcome.SKIPPED
    assert (
        settings.CAMPAIGN_SEND_LEASE_SECONDS - 15
        < busy.retry_in_seconds
        <= (settings.CAMPAIGN_SEND_LEASE_SECONDS - 10 + 1)
    )
    assert mail.outbox == []

    # The worker died: once the lease has run out another takes over and sends.
    lease = timedelta(seconds=settings.CAMPAIGN_SEND_LEASE_SECONDS + 1)
    Invitation.objects.filter(pk=invitation.pk).update(sending_started_at=started - lease)
    taken_over = invitation_send(invitation_id=invitation.pk)

    assert taken_over.outcome == SendOutcome.SENT
    assert [message.to for message in mail.outbox] == [["anne@example.org"]]
    invitation.refresh_from_db()
    assert (invitation.status, invitation.attempts) == (Invitation.Status.SENT, 2)


needs_postgres = pytest.mark.skipif(
    not settings.USES_POSTGRES, reason="row locks (select_for_update) need PostgreSQL"
)


def _run_in_threads(target, count):
    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait()
            target()
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_pressing_send_at_once_email_each_recipient_once(campaign, recipients):
    _run_in_threads(lambda: campaign_send(campaign=campaign), 2)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "anne@example.org",
        "bo@example.org",
    ]
    assert Invitation.objects.count() == 2


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_invitation_email_once(campaign, recipients):
    invitation = Invitation.objects.create(recipient=recipients[0], message_id="<x@example.org>")

    _run_in_threads(lambda: invitation_send(invitation_id=invitation.pk), 3)

    assert [message.to for message in mail.outbox] == [["anne@example.org"]]
    invitation.refresh_from_db()
    assert (invitation.status, invitation.attempts) == (Invitation.Status.SENT, 1)


def test_unsubscribed_and_erased_recipients_are_not_emailed(send, campaign, recipients):
    now = timezone.now()
    recipient_create(campaign, name="Ulla", email="ulla@example.org", unsubscribed_at=now)
    recipient_create(campaign, name="Slettet modtager", email="x@erased.invalid", erased_at=now)

    assert campaign_send_preview(campaign=campaign).excluded == 2
    result = send(campaign=campaign)

    assert (result.created, result.excluded) == (2, 2)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anne@example.org",
        "bo@example.org",
    ]
    assert Invitation.objects.count() == 2


def test_a_recipient_who_unsubscribes_while_queued_is_not_emailed(
    campaign, recipients, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        campaign_send(campaign=campaign)
    Recipient.objects.filter(pk=recipients[0].pk).update(unsubscribed_at=timezone.now())
    invitation = Invitation.objects.get(recipient=recipients[0])

    assert invitation_send(invitation_id=invitation.pk).outcome == SendOutcome.FAILED

    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.FAILED
    assert invitation.last_error == "Not sent: the recipient unsubscribed or was erased."


# --- SMTP errors ----------------------------------------------------------------------


class ScriptedBackend(LocmemBackend):
    """The locmem backend, but a message to an address in ``errors`` first raises the
    errors listed for it, one per attempt."""

    errors: dict[str, list[Exception]] = {}

    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                if ScriptedBackend.errors.get(address):
                    raise ScriptedBackend.errors[address].pop(0)
        return super().send_messages(messages)


@pytest.fixture
def scripted_smtp(settings):
    settings.EMAIL_BACKEND = f"{__name__}.ScriptedBackend"
    ScriptedBackend.errors = {}
    yield ScriptedBackend.errors
    ScriptedBackend.errors = {}


def test_a_temporary_smtp_error_is_retried_then_sent(send, campaign, recipients, scripted_smtp):
    scripted_smtp["anne@example.org"] = [
        smtplib.SMTPResponseException(451, b"4.3.0 Try again later"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
    ]

    send(campaign=campaign)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "anne@example.org",
        "bo@example.org",
    ]
    first = Invitation.objects.get(recipient=recipients[0])
    assert (first.status, first.attempts, first.last_error) == (Invitation.Status.SENT, 3, "")


def test_a_temporary_error_queues_the_invitation_again_with_backoff(
    campaign, recipients, scripted_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        campaign_send(campaign=campaign)
    invitation = Invitation.objects.get(recipient=recipients[0])
    scripted_smtp["anne@example.org"] = [
        smtplib.SMTPResponseException(421, b"4.7.0 Too many connections")
    ]

    result = invitation_send(invitation_id=invitation.pk)

    assert result.outcome == SendOutcome.RETRY
    assert result.retry_in_seconds == settings.CAMPAIGN_SEND_RETRY_BACKOFF_SECONDS
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.QUEUED
    assert invitation.last_error == "421 4.7.0 Too many connections"
    assert [retry_delay_seconds(attempts=n) for n in (1, 2, 3)] == [30, 60, 120]
    assert retry_delay_seconds(attempts=20) == 3600


def test_a_permanent_error_fails_with_its_reason_shown_in_admin(
    send, campaign, recipients, scripted_smtp, staff_client
):
    scripted_smtp["anne@example.org"] = [
        smtplib.SMTPRecipientsRefused({"anne@example.org": (550, b"5.1.1 User unknown")})
    ]

    send(campaign=campaign)

    assert [message.to for message in mail.outbox] == [["bo@example.org"]]
    failed = Invitation.objects.get(recipient=recipients[0])
    assert (failed.status, failed.attempts) == (Invitation.Status.FAILED, 1)
    assert failed.last_error == "550 5.1.1 User unknown"
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.DONE

    page = staff_client.get(reverse("admin:campaigns_campaign_sending", args=[campaign.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Anne Jensen" in content and "550 5.1.1 User unknown" in content


def test_temporary_errors_give_up_after_the_last_attempt(
    send, campaign, recipients, scripted_smtp, settings
):
    settings.CAMPAIGN_SEND_MAX_ATTEMPTS = 3
    scripted_smtp["anne@example.org"] = [
        ConnectionRefusedError(111, "Connection refused") for _ in range(3)
    ]

    send(campaign=campaign)

    failed = Invitation.objects.get(recipient=recipients[0])
    assert (failed.status, failed.attempts) == (Invitation.Status.FAILED, 3)
    assert failed.last_error == (
        "Gave up after 3 attempts: ConnectionRefusedError: [Errno 111] Connection refused"
    )
    assert [message.to for message in mail.outbox] == [["bo@example.org"]]


def test_failed_invitations_can_be_tried_again(send, campaign, recipients, scripted_smtp):
    scripted_smtp["anne@example.org"] = [
        smtplib.SMTPRecipientsRefused({"anne@example.org": (552, b"Mailbox full")})
    ]
    send(campaign=campaign)
    assert send(campaign=campaign).created == 0
    assert len(mail.outbox) == 1

    result = send(campaign=campaign, retry_failed=True)

    assert result.requeued == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "anne@example.org",
        "bo@example.org",
    ]


# --- Admin ----------------------------------------------------------------------------


def send_url(campaign):
    return reverse("admin:campaigns_campaign_send", args=[campaign.pk])


def test_admin_confirmation_page_shows_the_counts_and_sends_on_post(
    campaign, recipients, staff_client, django_capture_on_commit_callbacks
):
    recipient_create(
        campaign, name="Ulla", email="ulla@example.org", unsubscribed_at=timezone.now()
    )
    Invitation.objects.create(recipient=recipients[1], status=Invitation.Status.SENT)

    page = staff_client.get(send_url(campaign))

    content = page.content.decode()
    assert page.status_code == 200
    assert "1 modtager får en mail nu." in content
    assert "1 modtager er allerede inviteret og får ikke mailen igen." in content
    assert "1 modtager har afmeldt sig eller er slettet og får ingen mail." in content
    assert 'value="Send til dem, der endnu ikke er inviteret"' in content
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(send_url(campaign))

    assert response.status_code == 302
    assert response.url == reverse("admin:campaigns_campaign_sending", args=[campaign.pk])
    assert [message.to for message in mail.outbox] == [["anne@example.org"]]


def test_admin_progress_page_counts_with_constant_queries(
    send, campaign, recipients, staff_client, django_assert_num_queries
):
    send(campaign=campaign)
    url = reverse("admin:campaigns_campaign_sending", args=[campaign.pk])
    staff_client.get(url)  # warm up the session and permission caches

    with django_assert_num_queries(8):
        small = staff_client.get(url)
    for number in range(5):
        recipient_create(campaign, name=f"R {number}", email=f"r{number}@example.org")
    Invitation.objects.filter(recipient=recipients[0]).update(
        status=Invitation.Status.FAILED, last_error="550 no"
    )
    with django_assert_num_queries(8):
        large = staff_client.get(url)

    assert small.status_code == large.status_code == 200
    content = large.content.decode()
    assert re.search(r"<th scope=\"row\">Sendt</th><td>1</td>", content)
    assert re.search(r"<th scope=\"row\">Ikke inviteret</th><td>5</td>", content)
    assert re.search(r"<th scope=\"row\">Fejlet</th><td>1</td>", content)
    assert "550 no" in content
    assert 'http-equiv="refresh"' not in content  # done: nothing to follow


def test_progress_counts_only_recipients_with_an_active_registration(campaign, recipients):
    anne, bo = recipients
    first, second = WebinarSession.objects.filter(webinar=campaign.webinar).order_by("starts_at")
    Registration.objects.create(recipient=anne, session=first)
    Registration.objects.create(recipient=anne, session=second)
    Registration.objects.create(recipient=bo, session=first, cancelled_at=timezone.now())
    recipient_create(campaign, name="Cai Holm", email="cai@example.org")

    progress = campaign_progress(campaign=campaign)

    assert (progress.recipients, progress.registered) == (3, 1)


def test_admin_progress_page_refreshes_while_sending(campaign, recipients, staff_client):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING)

    page = staff_client.get(reverse("admin:campaigns_campaign_sending", args=[campaign.pk]))

    assert '<meta http-equiv="refresh" content="5">' in page.content.decode()


def test_admin_action_leads_to_the_confirmation_page(campaign, staff_client):
    response = staff_client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "send_invitations", "_selected_action": [campaign.pk]},
    )

    assert response.status_code == 302
    assert response.url == send_url(campaign)


def test_only_staff_who_may_change_campaigns_can_send(
    campaign, recipients, client, django_user_model
):
    viewer = django_user_model.objects.create_user(username="viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_campaign"))
    client.force_login(with_authenticator(viewer))

    assert client.get(send_url(campaign)).status_code == 403
    assert client.post(send_url(campaign)).status_code == 403
    progress = client.get(reverse("admin:campaigns_campaign_sending", args=[campaign.pk]))
    assert progress.status_code == 200
    assert send_url(campaign) not in progress.content.decode()

    no_perms = django_user_model.objects.create_user(username="plain", password="x", is_staff=True)
    client.force_login(with_authenticator(no_perms))
    assert client.post(send_url(campaign)).status_code == 403
    assert mail.outbox == [] and not Invitation.objects.exists()


# --- Command --------------------------------------------------------------------------


def test_send_invitations_command(campaign, recipients, django_capture_on_commit_callbacks):
    out = StringIO()
    call_command("send_invitations", "--campaign", campaign.slug, "--dry-run", stdout=out)

    assert out.getvalue() == (
        f"Campaign {campaign.slug}: 2 to email, 0 already invited, 0 unsubscribed or erased, "
        "0 failed, 0 waiting.\nDry run: nothing sent.\n"
    )
    assert mail.outbox == [] and not Invitation.objects.exists()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_invitations", "--campaign", campaign.slug, stdout=out)

    # (The counts after "Now:" are taken before this test's on-commit fan-out runs.)
    assert "Queued 2 invitations. Now: 2 queued" in out.getvalue()
    assert len(mail.outbox) == 2
    with pytest.raises(CommandError, match="No campaign with the slug 'nope'"):
        call_command("send_invitations", "--campaign", "nope")


def test_invitation_names_the_council_and_the_municipality_officially(send, campaign):
    recipient_create(campaign, name="Lise Holm", email="lise@example.org", code="101")
    recipient_create(campaign, name="Per Dam", email="per@example.org", code="147")
    send(campaign=campaign)

    copenhagen = mail_to("lise@example.org")
    assert copenhagen.subject == (
        "Velkommen som nyvalgt medlem af Borgerrepræsentationen – invitation til webinar"
    )
    assert "Tillykke med valget til Borgerrepræsentationen." in copenhagen.body
    # "{municipality} Kommune" in the sender line becomes the official name.
    assert "Boligorganisationerne i Københavns Kommune\n" in copenhagen.body
    assert "København Kommune" not in copenhagen.body
    frederiksberg = mail_to("per@example.org")
    assert "Tillykke med valget til Frederiksberg Kommunalbestyrelse." in frederiksberg.body
