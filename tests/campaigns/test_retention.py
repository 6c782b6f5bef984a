"""Councillors' data is erased a year after the invitation, as the privacy notice says."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from campaigns.models import Invitation, Recipient, Registration
from campaigns.tasks import recipients_retention_task

from .factories import CampaignFactory, RecipientFactory, WebinarSessionFactory

pytestmark = pytest.mark.django_db

INVITED = datetime(2025, 11, 20, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.fixture
def invited():
    """Anne was invited, Bo imported but never invited, both on INVITED; Cai a month later."""
    campaign = CampaignFactory()
    with time_machine.travel(INVITED, tick=False):
        anne = RecipientFactory(campaign=campaign, name="Anne And", email="anne@example.org")
        Invitation.objects.create(recipient=anne, status=Invitation.Status.SENT)
        Registration.objects.create(
            recipient=anne, session=WebinarSessionFactory(webinar=campaign.webinar)
        )
        bo = RecipientFactory(campaign=campaign, name="Bo Bi", email="bo@example.org")
    with time_machine.travel(INVITED + timedelta(days=30), tick=False):
        cai = RecipientFactory(campaign=campaign, name="Cai Ce", email="cai@example.org")
        Invitation.objects.create(recipient=cai, status=Invitation.Status.SENT)
    return anne, bo, cai


def _names() -> list[str]:
    return list(Recipient.objects.order_by("pk").values_list("name", flat=True))


def test_nothing_is_erased_within_the_year(invited):
    with time_machine.travel(INVITED + timedelta(days=365) - timedelta(minutes=1), tick=False):
        assert recipients_retention_task() == 0
    assert _names() == ["Anne And", "Bo Bi", "Cai Ce"]


def test_after_a_year_the_data_is_erased_and_the_counts_stay(invited):
    anne, bo, _cai = invited
    with time_machine.travel(INVITED + timedelta(days=365, minutes=1), tick=False):
        assert recipients_retention_task() == 2
        assert recipients_retention_task() == 0  # nightly runs erase each once
    assert _names() == ["Slettet modtager", "Slettet modtager", "Cai Ce"]
    anne.refresh_from_db()
    assert anne.email == f"slettet-{anne.public_id.hex}@erased.invalid"
    assert anne.erased_at == INVITED + timedelta(days=365, minutes=1)
    assert Registration.objects.filter(recipient=anne).count() == 1


def test_a_shorter_retention_can_be_configured(invited, settings):
    settings.RECIPIENT_RETENTION_DAYS = 30
    with time_machine.travel(INVITED + timedelta(days=31), tick=False):
        assert recipients_retention_task() == 2
