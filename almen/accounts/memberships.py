"""Changing and ending a person's role in an organisation (by its administrators).

An organisation always keeps at least one administrator: the last one can neither be
demoted nor removed, so nobody locks an organisation out of its own user management."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from almen.accounts.audit import audit_event_record
from almen.accounts.models import AuditEvent, Membership


def _last_admin_check(*, membership: Membership) -> None:
    if membership.role != Membership.Role.ADMIN:
        return
    # Lock every administrator row of the organisation, so that two administrators demoting
    # each other at the same moment cannot both pass this check.
    admins = Membership.objects.select_for_update().filter(
        organisation_id=membership.organisation_id, role=Membership.Role.ADMIN
    )
    if not [admin for admin in admins if admin.pk != membership.pk]:
        raise ValidationError(_("The organisation must keep at least one administrator."))


def _details(membership: Membership, **extra) -> dict:
    return {
        "organisation": membership.organisation.name,
        "organisation_id": membership.organisation_id,
        **extra,
    }


def membership_role_change(
    *, membership: Membership, role: str, actor, request: HttpRequest | None = None
) -> Membership:
    """Give the member ``role`` in the same organisation; audit the change."""
    if role not in Membership.Role.values:
        raise ValidationError(_("Choose a valid role."))
    if role == membership.role:
        return membership
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if role != Membership.Role.ADMIN:
            _last_admin_check(membership=membership)
        previous = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit_event_record(
            action=AuditEvent.Action.ROLE_CHANGED,
            request=request,
            user=membership.user,
            actor=actor,
            details=_details(membership, role_before=previous, role_after=role),
        )
    return membership


def membership_remove(*, membership: Membership, actor, request: HttpRequest | None = None) -> None:
    """End the member's role in the organisation (the account itself stays)."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _last_admin_check(membership=membership)
        details = _details(membership, role_before=membership.role)
        user = membership.user
        membership.delete()
        audit_event_record(
            action=AuditEvent.Action.MEMBERSHIP_REMOVED,
            request=request,
            user=user,
            actor=actor,
            details=details,
        )
