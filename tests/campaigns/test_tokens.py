from datetime import timedelta

import time_machine
from django.utils import timezone

from campaigns.services.recipients import recipient_erase, recipient_unsubscribe
from campaigns.tokens import recipient_from_token, recipient_token

from .factories import RecipientFactory


def test_valid_token_gives_its_recipient(db):
    recipient = RecipientFactory()
    other = RecipientFactory(campaign=recipient.campaign)
    assert recipient_from_token(recipient_token(recipient)) == recipient
    assert recipient_from_token(recipient_token(other)) == other


def test_token_does_not_contain_the_database_id_or_email(db):
    recipient = RecipientFactory()
    token = recipient_token(recipient)
    assert recipient.email not in token
    assert token.startswith(recipient.public_id.hex + ":")


def test_tampered_token_gives_nobody(db):
    recipient = RecipientFactory()
    other = RecipientFactory(campaign=recipient.campaign)
    token = recipient_token(recipient)
    # Another recipient's id with this recipient's signature:
    forged = other.public_id.hex + token[len(recipient.public_id.hex) :]
    assert recipient_from_token(forged) is None
    assert recipient_from_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert recipient_from_token("") is None
    assert recipient_from_token("not-a-token") is None


def test_expired_token_gives_nobody(db, settings):
    settings.CAMPAIGN_LINK_MAX_AGE_DAYS = 30
    recipient = RecipientFactory()
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        old_token = recipient_token(recipient)
    with time_machine.travel(timezone.now() - timedelta(days=29)):
        fresh_token = recipient_token(recipient)
    assert recipient_from_token(old_token) is None
    assert recipient_from_token(fresh_token) == recipient


def test_erased_recipient_link_stops_working(db):
    recipient = RecipientFactory()
    token = recipient_token(recipient)
    recipient_erase(recipient=recipient)
    assert recipient_from_token(token) is None


def test_unsubscribed_recipient_still_has_a_working_link(db):
    recipient = RecipientFactory()
    recipient_unsubscribe(recipient=recipient)
    found = recipient_from_token(recipient_token(recipient))
    assert found == recipient
    assert found.is_unsubscribed
