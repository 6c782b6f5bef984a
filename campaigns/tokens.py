"""Personal links: a signed, timestamped token naming one recipient.

The token carries the recipient's random ``public_id`` (never the database id) signed with
the secret key, so it cannot be guessed or altered into another person's link. It expires
after ``settings.CAMPAIGN_LINK_MAX_AGE_DAYS`` days; an erased recipient's link stops working.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from campaigns.models import Recipient

SALT = "campaigns.recipient-link"
DEFAULT_MAX_AGE_DAYS = 180


def _max_age() -> timedelta:
    return timedelta(days=getattr(settings, "CAMPAIGN_LINK_MAX_AGE_DAYS", DEFAULT_MAX_AGE_DAYS))


def recipient_token(recipient: Recipient) -> str:
    return signing.TimestampSigner(salt=SALT).sign(recipient.public_id.hex)


def recipient_public_id_from_token(token: str) -> str | None:
    """The recipient's public id (hex) in a valid token, or None."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=_max_age())
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if len(value) != 32:
        return None
    return value


def recipient_from_token(token: str) -> Recipient | None:
    """The recipient a token names, or None when it is tampered, expired or the recipient
    was erased."""
    public_id = recipient_public_id_from_token(token)
    if public_id is None:
        return None
    return (
        Recipient.objects.select_related("campaign", "municipality")
        .filter(public_id=public_id, erased_at__isnull=True)
        .first()
    )
