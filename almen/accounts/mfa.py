"""Who must use two-factor authentication: BL staff and organisation administrators.

Whether a signed-in user still has to set it up is kept in the session (worked out once per
session, then updated when they add or remove a method), so pages cost no extra query."""

import time

from allauth.mfa.models import Authenticator
from django.http import HttpRequest

from almen.accounts.models import Membership

MFA_SETUP_PENDING_SESSION_KEY = "accounts_mfa_setup_pending"
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def user_must_use_mfa(*, user) -> bool:
    return bool(
        user.is_staff or Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
    )


def user_has_mfa(*, user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exists()


def mfa_setup_pending_update(*, request: HttpRequest, user) -> bool:
    """Work out again whether ``user`` must still set up MFA, remember it in the session."""
    pending = user_must_use_mfa(user=user) and not user_has_mfa(user=user)
    request.session[MFA_SETUP_PENDING_SESSION_KEY] = pending
    return pending


def mfa_setup_pending(*, request: HttpRequest) -> bool:
    """For the signed-in user of ``request``: must they set up MFA before anything else?"""
    pending = request.session.get(MFA_SETUP_PENDING_SESSION_KEY)
    # Not yet known (a session from before this check), or still pending: look again, so the
    # block lifts as soon as an authenticator exists (allauth announces a new one only after
    # commit). Users who have set up MFA cost no query.
    if pending is None or pending:
        pending = mfa_setup_pending_update(request=request, user=request.user)
    return pending


def totp_activate(*, user, secret: str) -> None:
    """Give ``user`` an authenticator app with ``secret`` and recovery codes, as allauth's
    own setup page does (used by the demo; people set up their own in the browser)."""
    # allauth has no public function for this; its setup page calls these two.
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)


def totp_code(*, secret: str) -> str:
    """The code an authenticator app with ``secret`` shows right now."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def totp_secret_generate() -> str:
    from allauth.mfa.totp.internal.auth import generate_totp_secret

    return generate_totp_secret()


def totp_secret_of(*, user) -> str | None:
    """The secret of ``user``'s authenticator app, or None (for the demo's code command)."""
    from allauth.mfa.adapter import get_adapter

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    return get_adapter().decrypt(authenticator.data["secret"])
