"""allauth's and Django's signals, turned into audit rows and session flags. The work is in
``audit_event_record`` and ``mfa_setup_pending_update``; the receivers only translate."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.dispatch import receiver

from almen.accounts.audit import audit_event_record
from almen.accounts.mfa import mfa_setup_pending_update
from almen.accounts.middleware import session_last_seen_mark
from almen.accounts.models import AuditEvent

Action = AuditEvent.Action


@receiver(auth_signals.user_logged_in, dispatch_uid="accounts-session-on-login")
def _session_on_login(sender, request, user, **kwargs):
    # Every login (allauth's, and the test client's force_login) starts the idle clock and
    # decides whether this user must set up MFA before anything else.
    if request is not None and hasattr(request, "session"):
        session_last_seen_mark(request=request)
        mfa_setup_pending_update(request=request, user=user)


@receiver(account_signals.user_logged_in, dispatch_uid="accounts-audit-login")
def _audit_login(sender, request, user, **kwargs):
    audit_event_record(action=Action.LOGIN, request=request, user=user, actor=user)


@receiver(auth_signals.user_logged_out, dispatch_uid="accounts-audit-logout")
def _audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_event_record(action=Action.LOGOUT, request=request, user=user, actor=user)


@receiver(account_signals.login_code_rejected, dispatch_uid="accounts-audit-login-code")
def _audit_login_code_rejected(sender, request, user, **kwargs):
    audit_event_record(
        action=Action.LOGIN_FAILED,
        request=request,
        user=user,
        details={"method": "code", "email": getattr(user, "email", "")},
    )


@receiver(account_signals.password_changed, dispatch_uid="accounts-audit-password-changed")
def _audit_password_changed(sender, request, user, **kwargs):
    audit_event_record(action=Action.PASSWORD_CHANGED, request=request, user=user, actor=user)


@receiver(account_signals.password_reset, dispatch_uid="accounts-audit-password-reset")
def _audit_password_reset(sender, request, user, **kwargs):
    audit_event_record(action=Action.PASSWORD_RESET, request=request, user=user, actor=user)


def _audit_authenticator(action: str, request, user, authenticator) -> None:
    audit_event_record(
        action=action, request=request, user=user, actor=user, details={"type": authenticator.type}
    )


@receiver(mfa_signals.authenticator_added, dispatch_uid="accounts-audit-mfa-added")
def _mfa_added(sender, request, user, authenticator, **kwargs):
    _audit_authenticator(Action.MFA_ADDED, request, user, authenticator)
    mfa_setup_pending_update(request=request, user=user)


@receiver(mfa_signals.authenticator_removed, dispatch_uid="accounts-audit-mfa-removed")
def _mfa_removed(sender, request, user, authenticator, **kwargs):
    _audit_authenticator(Action.MFA_REMOVED, request, user, authenticator)
    mfa_setup_pending_update(request=request, user=user)


@receiver(mfa_signals.authenticator_reset, dispatch_uid="accounts-audit-mfa-reset")
def _mfa_reset(sender, request, user, authenticator, **kwargs):
    _audit_authenticator(Action.MFA_RESET, request, user, authenticator)


@receiver(mfa_signals.authentication_failed, dispatch_uid="accounts-audit-mfa-failed")
def _audit_mfa_failed(sender, request, user, authenticator=None, **kwargs):
    audit_event_record(
        action=Action.LOGIN_FAILED,
        request=request,
        user=user,
        details={"method": "mfa", "type": getattr(authenticator, "type", "")},
    )
