"""KV25 before, between and after its webinars (10 March 2026 12.00 and 23 March 2026 17.00,
Danish time): registration, the pack, sending and the campaign's state."""

import re
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from campaigns.models import Campaign, Invitation, Registration, WebinarSession
from campaigns.selectors import CampaignState, campaign_state_of
from campaigns.services.registrations import (
    RegistrationOutcome,
    registration_cancel,
    registration_create,
)
from campaigns.services.sending import (
    NOT_SENT_SESSIONS_CLOSED,
    CampaignNotSendable,
    campaign_send,
    invitation_send,
)
from campaigns.tokens import recipient_token

from .conftest import AFTER_THE_WEBINARS, BEFORE_THE_WEBINARS
from .factories import CampaignFactory, RecipientFactory

CPH = ZoneInfo("Europe/Copenhagen")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def pack_url(recipient) -> str:
    return reverse("campaigns:pack", kwargs={"token": recipient_token(recipient)})


def action_url(name, recipient, key) -> str:
    return reverse(
        f"campaigns:{name}", kwargs={"token": recipient_token(recipient), "session_key": key}
    )


def register_actions(response) -> list[str]:
    """The sessions the page offers a registration form for."""
    return re.findall(r'action="/velkommen/[^/"]+/tilmeld/([^/"]+)/"', response.content.decode())


def webinar_section(response) -> str:
    page = response.content.decode()
    return page[page.index('id="webinar"') : page.index('id="contact-heading"')]


@pytest.fixture
def anne(kv25):
    return RecipientFactory(campaign=kv25, name="Demo Anne", email="anne@example.org")


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return campaign_send(**kwargs)

    return run


def send_url(campaign):
    return reverse("admin:campaigns_campaign_send", args=[campaign.pk])


# --- The rule -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("has_sessions", "has_open_session", "period", "expected"),
    [
        (True, True, (None, None), CampaignState.OPEN),
        (True, False, (None, None), CampaignState.CLOSED),
        (True, True, ("2026-04-01", None), CampaignState.UPCOMING),
        (True, False, ("2026-04-01", None), CampaignState.CLOSED),  # sessions decide
        (False, False, (None, "2026-03-01"), CampaignState.CLOSED),  # no sessions: period
        (False, False, (None, "2026-03-31"), CampaignState.OPEN),
        (False, False, ("2026-03-16", "2026-03-31"), CampaignState.UPCOMING),
    ],
)
def test_campaign_state_rule(has_sessions, has_open_session, period, expected):
    start, end = (
        None if value is None else datetime.fromisoformat(value).date() for value in period
    )
    today = datetime(2026, 3, 15).date()
    state = campaign_state_of(
        has_sessions=has_sessions,
        has_open_session=has_open_session,
        period_start=start,
        period_end=end,
        today=today,
    )
    assert state == expected


# --- Before the webinars: everything works as it always did ----------------------------


def test_before_the_webinars_both_sessions_are_offered(before_the_webinars, client, anne):
    response = client.get(pack_url(anne))

    text = text_of(response)
    assert "Status: åben. Du kan tilmelde dig webinaret nedenfor." in text
    assert register_actions(response) == ["10-marts", "23-marts"]
    assert "Webinarerne er afholdt" not in text
    assert "afholdt" not in text and "aflyst" not in text
    assert 'href="#webinar"' in response.content.decode()  # "Register for the webinar"


def test_before_the_webinars_the_admin_list_says_open(before_the_webinars, editor, kv25):
    response = editor.get(reverse("admin:campaigns_campaign_changelist"))
    assert '<td class="field-state">Åben</td>' in response.content.decode()


def test_an_upcoming_campaign_says_when_it_starts(before_the_webinars, client, kv25):
    Campaign.objects.filter(pk=kv25.pk).update(period_start=datetime(2026, 2, 16).date())
    recipient = RecipientFactory(campaign=kv25)

    text = text_of(client.get(pack_url(recipient)))

    assert "Status: kommende. Kampagnen begynder den 16. februar 2026." in text
    # Registration follows the sessions, not the period: the link may arrive early.
    assert registration_create(
        recipient=recipient, session=kv25.webinar.sessions.get(key="23-marts")
    ).outcome == (RegistrationOutcome.REGISTERED)


# --- Between the two sessions: only 23 March is offered -------------------------------


def test_between_the_webinars_only_the_second_is_offered(between_the_webinars, client, anne):
    response = client.get(pack_url(anne))

    assert register_actions(response) == ["23-marts"]
    section = text_of(response).split("Tirsdag 10. marts 2026, kl. 12.00–13.00", 1)[1]
    assert section.startswith(" Webinaret er afholdt.")
    assert "Status: åben." in text_of(response)


def test_between_the_webinars_registering_for_the_first_is_refused(
    between_the_webinars, client, anne, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action_url("register", anne, "10-marts"), follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("#webinar")
    assert (
        "Webinaret d. 10. marts kl. 12.00 er allerede afholdt; tilmeldingen er lukket."
        in webinar_section(response)
    )
    assert not Registration.objects.exists()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action_url("register", anne, "23-marts"), follow=True)
    assert "Du er tilmeldt webinaret d. 23. marts kl. 17.00" in webinar_section(response)
    assert Registration.objects.filter(recipient=anne).count() == 1
    assert len(mail.outbox) == 1


def test_between_the_webinars_the_invitation_offers_only_the_second(
    between_the_webinars, send, kv25, anne
):
    send(campaign=kv25)

    (message,) = mail.outbox
    assert "- mandag den 23. marts 2026 kl. 17.00–18.00\n" in message.body
    assert "10. marts" not in message.body
    assert message.attachments == []


def test_between_the_webinars_the_confirmation_page_says_which_sessions_are_offered(
    between_the_webinars, editor, kv25, anne
):
    response = editor.get(send_url(kv25))

    text = text_of(response)
    assert (
        "Invitationen tilbyder kun de datoer, der stadig er åbne: mandag 23. marts 2026, 17.00 "
        "Tilbydes ikke, fordi de er afholdt eller aflyst: tirsdag 10. marts 2026, 12.00"
    ) in text
    assert 'value="Send invitationer"' in response.content.decode()


def test_between_the_webinars_the_command_says_which_sessions_are_offered(
    between_the_webinars, kv25, anne
):
    out = StringIO()
    call_command("send_invitations", "--campaign", "kv25", "--dry-run", stdout=out)

    assert out.getvalue().splitlines()[1:] == [
        "The invitation offers only the open sessions: March 23, 2026, 5 p.m.; not those "
        "that have taken place or were cancelled: March 10, 2026, noon.",
        "Dry run: nothing sent.",
    ]


# --- After the webinars: closed -------------------------------------------------------


@pytest.fixture(params=[AFTER_THE_WEBINARS, datetime(2026, 11, 30, 12, 0, tzinfo=CPH)])
def after(request, time_machine):
    """Just after the last session, and today (30 November 2026)."""
    time_machine.move_to(request.param)


def test_after_the_webinars_the_pack_is_readable_and_says_they_are_over(after, client, anne):
    response = client.get(pack_url(anne))

    assert response.status_code == 200
    text = text_of(response)
    assert (
        "Status: lukket. Webinarerne er afholdt. Mærkesagerne og tallene i din velkomstpakke "
        "kan du fortsat finde her."
    ) in text
    assert "Tilmeldingen er lukket: webinarerne er afholdt." in text
    assert "Boliger til fremtidens behov" in text  # the topics are still there
    page = response.content.decode()
    assert register_actions(response) == []
    assert "/tilmeld/" not in page
    assert 'href="#webinar"' not in page
    assert text.count("Webinaret er afholdt.") == 2


def test_after_the_webinars_a_recording_is_linked(after, client, anne, kv25):
    WebinarSession.objects.filter(webinar=kv25.webinar, key="10-marts").update(
        recording_url="https://example.org/optagelse"
    )
    page = client.get(pack_url(anne)).content.decode()
    assert '<a href="https://example.org/optagelse">Se optagelsen</a>' in page
    assert page.count("Se optagelsen") == 1


def test_after_the_webinars_registration_is_refused(after, client, anne, kv25):
    response = client.post(action_url("register", anne, "23-marts"), follow=True)

    assert (
        "Webinaret d. 23. marts kl. 17.00 er allerede afholdt; tilmeldingen er lukket."
        in webinar_section(response)
    )
    assert not Registration.objects.exists()
    assert mail.outbox == []
    result = registration_create(recipient=anne, session=kv25.webinar.sessions.get(key="10-marts"))
    assert result.outcome == RegistrationOutcome.CLOSED and not Registration.objects.exists()


def test_a_registration_cannot_be_cancelled_after_the_session(time_machine, client, anne, kv25):
    session = kv25.webinar.sessions.get(key="23-marts")
    time_machine.move_to(BEFORE_THE_WEBINARS)
    registration_create(recipient=anne, session=session)
    time_machine.move_to(AFTER_THE_WEBINARS)

    response = client.post(action_url("cancel", anne, "23-marts"), follow=True)

    assert "er allerede afholdt" in webinar_section(response)
    assert registration_cancel(recipient=anne, session=session) is False
    assert Registration.objects.get(recipient=anne).cancelled_at is None
    assert "Du var tilmeldt." in text_of(client.get(pack_url(anne)))


def test_after_the_webinars_sending_is_blocked_in_admin(after, editor, kv25, anne):
    page = editor.get(send_url(kv25))

    assert (
        "Invitationerne kan ikke sendes: Alle kampagnens webinarer er afholdt eller aflyst "
        "(det sidste den 23. marts 2026), så der er ikke noget at invitere til."
    ) in text_of(page)
    assert 'class="default"' not in page.content.decode()  # no send button

    response = editor.post(send_url(kv25), follow=True)
    assert "Alle kampagnens webinarer er afholdt eller aflyst" in text_of(response)
    assert not Invitation.objects.exists() and mail.outbox == []
    kv25.refresh_from_db()
    assert kv25.status == Campaign.Status.READY

    listing = editor.get(reverse("admin:campaigns_campaign_changelist")).content.decode()
    assert '<td class="field-state">Lukket</td>' in listing
    change = editor.get(reverse("admin:campaigns_campaign_change", args=[kv25.pk]))
    assert '<div class="readonly">Lukket</div>' in change.content.decode()


def test_after_the_webinars_sending_is_blocked_in_the_command(after, kv25, anne):
    message = (
        "Not sent: Every webinar session of this campaign has taken place or been cancelled "
        "(the last one on 23 March 2026), so there is nothing left to invite to."
    )
    for extra in [[], ["--dry-run"]]:
        with pytest.raises(CommandError) as raised:
            call_command("send_invitations", "--campaign", "kv25", *extra, stdout=StringIO())
        assert str(raised.value) == message
    with pytest.raises(CampaignNotSendable):
        campaign_send(campaign=kv25)
    assert not Invitation.objects.exists() and mail.outbox == []


def test_an_invitation_still_queued_after_the_last_session_is_not_sent(time_machine, kv25, anne):
    time_machine.move_to(BEFORE_THE_WEBINARS)
    campaign_send(campaign=kv25)  # queued; the fan-out (on commit) never ran
    time_machine.move_to(AFTER_THE_WEBINARS)

    invitation = Invitation.objects.get(recipient=anne)
    assert invitation_send(invitation_id=invitation.pk).outcome == "failed"

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.FAILED
    assert invitation.last_error == NOT_SENT_SESSIONS_CLOSED
    assert invitation.attempts == 0 and mail.outbox == []


def test_a_campaign_without_sessions_cannot_be_sent(before_the_webinars, db):
    campaign = CampaignFactory()
    RecipientFactory(campaign=campaign)
    with pytest.raises(CampaignNotSendable, match="Kampagnens webinar har ingen datoer"):
        campaign_send(campaign=campaign)
    campaign = CampaignFactory(webinar=None)
    with pytest.raises(CampaignNotSendable, match="Kampagnen har intet webinar"):
        campaign_send(campaign=campaign)


# --- A cancelled session --------------------------------------------------------------


def test_a_cancelled_session_is_shown_and_refused(before_the_webinars, client, anne, kv25):
    WebinarSession.objects.filter(webinar=kv25.webinar, key="10-marts").update(is_cancelled=True)
    response = client.post(action_url("register", anne, "10-marts"), follow=True)

    assert "Webinaret d. 10. marts kl. 12.00 er aflyst." in webinar_section(response)
    assert "Denne dato er aflyst." in text_of(response)
    assert not Registration.objects.exists()


# --- Messages land where the page lands -----------------------------------------------


def test_confirmations_are_shown_in_the_webinar_section(
    before_the_webinars, client, anne, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registered = client.post(action_url("register", anne, "23-marts"), follow=True)
    cancelled = client.post(action_url("cancel", anne, "23-marts"), follow=True)

    for response, message in [
        (registered, "Du er tilmeldt webinaret d. 23. marts kl. 17.00"),
        (cancelled, "Din tilmelding d. 23. marts kl. 17.00 er annulleret."),
    ]:
        assert response.redirect_chain[-1][0].endswith("#webinar")
        page = response.content.decode()
        assert page.count(message) == 1
        section = webinar_section(response)
        # After the heading, before the sessions: in view where the browser scrolls to.
        assert section.index(message) < section.index('class="pack-sessions"')


# --- Unsubscribed councillors ---------------------------------------------------------


def test_an_unsubscribed_councillor_can_subscribe_again(time_machine, anne):
    # A stopped clock: the signed link carries a timestamp in seconds, and the one the page
    # renders must equal the one this test computes.
    time_machine.move_to(BEFORE_THE_WEBINARS, tick=False)
    client = Client(enforce_csrf_checks=True)
    client.post(
        reverse("campaigns:unsubscribe", kwargs={"token": recipient_token(anne)}),
        {"List-Unsubscribe": "One-Click"},
    )
    page = client.get(pack_url(anne))
    text = text_of(page)
    assert "Du har frameldt dig mails om denne kampagne." in text
    resubscribe = reverse("campaigns:resubscribe", kwargs={"token": recipient_token(anne)})
    assert f'action="{resubscribe}"' in page.content.decode()

    assert client.post(resubscribe).status_code == 403  # a form like any other: CSRF
    anne.refresh_from_db()
    assert anne.unsubscribed_at is not None

    csrf = client.cookies["csrftoken"].value
    response = client.post(resubscribe, {"csrfmiddlewaretoken": csrf}, follow=True)

    anne.refresh_from_db()
    assert anne.unsubscribed_at is None
    text = text_of(response)
    assert "Du modtager igen mails om kampagnen." in text
    assert 'id="unsubscribed"' not in response.content.decode()
    assert client.get(resubscribe).status_code == 405
    bad = reverse("campaigns:resubscribe", kwargs={"token": "bad"})
    assert client.post(bad, {"csrfmiddlewaretoken": csrf}).status_code == 404


def test_after_the_webinars_the_pdf_has_no_registration_code(after, client, anne, monkeypatch):
    from campaigns import pdf

    made = []
    original = pdf.qr_data_uri
    monkeypatch.setattr(pdf, "qr_data_uri", lambda url: made.append(url) or original(url))
    token = recipient_token(anne)

    response = client.get(reverse("campaigns:pack-pdf", kwargs={"token": token}))

    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    # The pack's own codes (the pack sections' links to bl.dk have codes of their own).
    portal_codes = [url for url in made if url.startswith("http://127.0.0.1:8000/")]
    assert portal_codes == [f"http://127.0.0.1:8000/velkommen/{token}/"]
