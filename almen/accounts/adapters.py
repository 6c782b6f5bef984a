from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from almen.accounts.audit import audit_event_record
from almen.accounts.models import AuditEvent
from almen.core.email import email_send


def _user_by_login(credentials: dict):
    email = credentials.get("email") or credentials.get("username") or ""
    return get_user_model().objects.filter(email__iexact=email).first() if email else None


class AccountAdapter(DefaultAccountAdapter):
    """No public sign-up (accounts come from invitations, almen/accounts/invitations.py);
    every failed or blocked sign-in is written to the audit log."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def send_mail(self, template_prefix, email, context) -> None:
        """Account emails (login codes, password reset) go out from a Celery task with
        retries, not inside the request (``almen.core.email``)."""
        email_send(message=self.render_mail(template_prefix, email, context))

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            self._audit_failure(request, AuditEvent.Action.LOGIN_BLOCKED, credentials)
            raise

    def authentication_failed(self, request, **credentials) -> None:
        super().authentication_failed(request, **credentials)
        self._audit_failure(request, AuditEvent.Action.LOGIN_FAILED, credentials)

    def _audit_failure(self, request, action: str, credentials: dict) -> None:
        audit_event_record(
            action=action,
            request=request,
            user=_user_by_login(credentials),
            details={"method": "password", "login": credentials.get("email", "")},
        )
