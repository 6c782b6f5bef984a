"""Admin: erasing recipients on request, the campaign list with its counts."""

import pytest
from django.urls import reverse

from campaigns.models import Invitation, Recipient, Registration
from campaigns.tokens import recipient_from_token, recipient_token

from .factories import CampaignFactory, RecipientFactory, WebinarSessionFactory


def test_erase_action_anonymises_and_keeps_counts(editor, db):
    campaign = CampaignFactory()
    recipient = RecipientFactory(
        campaign=campaign, name="Demo Anne", email="anne@example.org", party="A", role="B"
    )
    other = RecipientFactory(campaign=campaign, email="bo@example.org")
    Invitation.objects.create(recipient=recipient, status=Invitation.Status.SENT, last_error="x")
    Registration.objects.create(
        recipient=recipient, session=WebinarSessionFactory(webinar=campaign.webinar)
    )
    token = recipient_token(recipient)

    changelist = reverse("admin:campaigns_recipient_changelist")
    chosen = {"action": "erase_selected", "_selected_action": [recipient.pk]}

    confirmation = editor.post(changelist, chosen)
    assert confirmation.status_code == 200
    assert "Demo Anne &lt;anne@example.org&gt;" in confirmation.content.decode()
    assert "Dette kan ikke fortrydes." in confirmation.content.decode()
    recipient.refresh_from_db()
    assert recipient.erased_at is None  # nothing happens before staff confirm

    response = editor.post(changelist, {**chosen, "post": "yes"})
    assert response.status_code == 302

    recipient.refresh_from_db()
    assert recipient.name == "Slettet modtager"
    assert recipient.email == f"slettet-{recipient.public_id.hex}@erased.invalid"
    assert (recipient.party, recipient.role) == ("", "")
    assert recipient.erased_at is not None
    assert Recipient.objects.count() == 2
    assert Invitation.objects.get(recipient=recipient).last_error == ""
    assert Registration.objects.filter(recipient=recipient).count() == 1
    assert recipient_from_token(token) is None
    assert editor.get(reverse("campaigns:pack", kwargs={"token": token})).status_code == 404
    other.refresh_from_db()
    assert other.email == "bo@example.org"


def test_campaign_list_shows_counts(editor, db):
    campaign = CampaignFactory(name="KV-test")
    sent = RecipientFactory(campaign=campaign)
    failed = RecipientFactory(campaign=campaign)
    RecipientFactory(campaign=campaign)
    Invitation.objects.create(recipient=sent, status=Invitation.Status.SENT)
    Invitation.objects.create(recipient=failed, status=Invitation.Status.FAILED)
    response = editor.get(reverse("admin:campaigns_campaign_changelist"))
    assert response.status_code == 200
    row = response.context["cl"].result_list[0]
    assert (row.recipients_total, row.sent_total, row.failed_total, row.queued_total) == (
        3,
        1,
        1,
        0,
    )


@pytest.mark.parametrize(
    "name",
    [
        "campaigns_campaign",
        "campaigns_prioritytopic",
        "campaigns_webinar",
        "campaigns_recipient",
        "campaigns_registration",
        "campaigns_invitation",
    ],
)
def test_admin_pages_open(editor, db, name):
    campaign = CampaignFactory()
    RecipientFactory(campaign=campaign)
    assert editor.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert editor.get(reverse(f"admin:{name}_changelist") + "?q=demo").status_code == 200


def test_campaign_and_recipient_change_pages_open(editor, db):
    recipient = RecipientFactory()
    assert (
        editor.get(
            reverse("admin:campaigns_campaign_change", args=[recipient.campaign.pk])
        ).status_code
        == 200
    )
    assert (
        editor.get(reverse("admin:campaigns_recipient_change", args=[recipient.pk])).status_code
        == 200
    )
    assert (
        editor.get(
            reverse("admin:campaigns_webinar_change", args=[recipient.campaign.webinar.pk])
        ).status_code
        == 200
    )
