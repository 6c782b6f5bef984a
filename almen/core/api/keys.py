"""Creating, checking and revoking partner API keys.

A key looks like ``<prefix>.<secret>``: the prefix (8 hex characters) finds the row, the
secret (43 URL-safe characters, 256 bits) proves it. Only the SHA-256 hash of the whole key
is stored; the key cannot be recovered from the database.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from almen.core.models import ApiKey

# last_used_at is written at most this often, so a busy partner does not cost a write per call.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_key_create(*, name: str, organisation: str, user=None) -> tuple[ApiKey, str]:
    """Create a key and return the row with the key in clear, which is never stored: the
    caller shows it once. Raises ``ValidationError`` for a missing name or organisation."""
    with transaction.atomic():
        prefix = secrets.token_hex(4)
        while ApiKey.objects.filter(prefix=prefix).exists():
            prefix = secrets.token_hex(4)
        key = f"{prefix}.{secrets.token_urlsafe(32)}"
        api_key = ApiKey(
            name=name, organisation=organisation, user=user, prefix=prefix, hashed_key=_hash(key)
        )
        api_key.full_clean()
        api_key.save()
    return api_key, key


def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    """Revoke ``api_key`` at once; revoking a revoked key keeps the first revocation time."""
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
    return api_key


def api_key_check(*, key: str) -> ApiKey | None:
    """The active key matching ``key`` (one query), or ``None`` for an unknown, malformed
    or revoked key. Records when the key was last used."""
    prefix, dot, secret = key.partition(".")
    if not dot or not prefix or not secret or len(prefix) > 16:
        return None
    api_key = ApiKey.objects.select_related("user").filter(prefix=prefix).first()
    if api_key is None or not hmac.compare_digest(api_key.hashed_key, _hash(key)):
        return None
    if api_key.revoked_at is not None:
        return None
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key
