"""The audit log: who signed in, failed to, changed a role, invited or changed their
two-factor methods, with time and IP address (``AuditEvent``, read-only in admin)."""

import logging

from django.http import HttpRequest

from almen.accounts.models import AuditEvent

logger = logging.getLogger("almen.accounts.audit")


def client_ip(request: HttpRequest | None) -> str | None:
    """The address the request came from as the server saw it (behind the reverse proxy
    that is the proxy's address unless the deployment rewrites REMOTE_ADDR)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_event_record(
    *,
    action: str,
    request: HttpRequest | None = None,
    user=None,
    actor=None,
    details: dict | None = None,
) -> AuditEvent:
    """Write one audit row and log it (failed sign-ins at WARNING, everything else at
    INFO). ``actor`` defaults to the signed-in user of the request."""
    if actor is None and request is not None:
        request_user = getattr(request, "user", None)
        if request_user is not None and request_user.is_authenticated:
            actor = request_user
    event = AuditEvent.objects.create(
        action=action,
        user=user if user is not None and user.pk else None,
        actor=actor,
        ip_address=client_ip(request),
        details=details or {},
    )
    failed = action in (AuditEvent.Action.LOGIN_FAILED, AuditEvent.Action.LOGIN_BLOCKED)
    logger.log(
        logging.WARNING if failed else logging.INFO,
        "%s user=%s actor=%s ip=%s details=%s",
        action,
        event.user_id,
        event.actor_id,
        event.ip_address,
        event.details,
    )
    return event
