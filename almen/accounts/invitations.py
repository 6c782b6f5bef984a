"""Invitations: the only way to an account (there is no public sign-up).

BL staff invite to a staff role (a group) from admin; an organisation's administrator
invites to a role in that organisation from "Min organisation → Brugere". The email holds a
link with a random token; only its SHA-256 hash is stored, so a leaked database does not
open accounts. The link works until ``expires_at`` (ACCOUNT_INVITATION_DAYS) and only once:
accepting locks the row and marks it used in the same transaction that creates the account
or the membership, so two clicks cannot create two accounts. A link that is unknown
(mistyped or tampered with), expired or used gives ``InvitationError`` and changes nothing.
"""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from almen.accounts.audit import audit_event_record
from almen.accounts.models import AuditEvent, Invitation, Membership
from almen.core.email import email_send


class InvitationError(Exception):
    """An invitation link that cannot be used; ``code`` is "invalid", "expired" or "used"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(*, token: str) -> str:
    return settings.PORTAL_BASE_URL + reverse("accounts:invitation-accept", args=[token])


def invitation_create(
    *,
    email: str,
    invited_by,
    organisation=None,
    role: str = "",
    staff_group: Group | None = None,
    request: HttpRequest | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation to ``organisation`` as ``role``, or to the staff role
    ``staff_group``, and email its link (after commit, in the active language). Returns the
    invitation and its token, which is stored nowhere else. Raises ValidationError when the
    person already has that role or has an open invitation to it."""
    email = invitation_check(
        email=email, organisation=organisation, role=role, staff_group=staff_group
    )
    existing_user = get_user_model().objects.filter(email__iexact=email).first()
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        organisation=organisation,
        role=role if organisation is not None else "",
        staff_group=staff_group if organisation is None else None,
        token_hash=_token_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.ACCOUNT_INVITATION_DAYS),
    )
    invitation.full_clean()
    with transaction.atomic():
        invitation.save()
        audit_event_record(
            action=AuditEvent.Action.INVITATION_SENT,
            request=request,
            user=existing_user,
            actor=invited_by,
            details=invitation_details(invitation=invitation),
        )
        email_send(message=_invitation_message(invitation=invitation, token=token))
    return invitation, token


def invitation_check(
    *, email: str, organisation=None, role: str = "", staff_group: Group | None = None
) -> str:
    """Raise ValidationError unless an invitation to this role may be sent to ``email``:
    exactly one of an organisation role and a staff role, the person does not have it
    already and has no open invitation to it. Returns the normalised address."""
    email = get_user_model().objects.normalize_email(email or "").strip()
    if (organisation is None) == (staff_group is None):
        raise ValidationError(
            _("Choose either an organisation and a role in it, or a BL staff role.")
        )
    if organisation is not None and role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose the person's role in the organisation.")})
    existing_user = get_user_model().objects.filter(email__iexact=email).first()
    if organisation is not None:
        if (
            existing_user
            and Membership.objects.filter(user=existing_user, organisation=organisation).exists()
        ):
            raise ValidationError(
                {"email": _("This person is already a user of the organisation.")}
            )
        open_invitations = Invitation.objects.filter(organisation=organisation)
    else:
        if existing_user and existing_user.groups.filter(pk=staff_group.pk).exists():
            raise ValidationError({"email": _("This person already has this staff role.")})
        open_invitations = Invitation.objects.filter(staff_group=staff_group)
    if open_invitations.filter(
        email__iexact=email, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).exists():
        raise ValidationError(
            {"email": _("This person has already been invited and has not answered yet.")}
        )
    return email


def invitation_details(*, invitation: Invitation) -> dict:
    details = {"email": invitation.email, "invitation": invitation.pk}
    if invitation.organisation_id:
        details |= {"organisation": invitation.organisation.name, "role": invitation.role}
    else:
        details |= {"staff_role": invitation.staff_group.name}
    return details


def invitation_role_label(*, invitation: Invitation) -> str:
    if invitation.organisation_id:
        return invitation.get_role_display()
    return invitation.staff_group.name


def _invitation_message(*, invitation: Invitation, token: str) -> EmailMessage:
    context = {
        "invitation": invitation,
        "role": invitation_role_label(invitation=invitation),
        "url": invitation_url(token=token),
        "inviter": invitation.invited_by,
        "expires_at": invitation.expires_at,
    }
    return EmailMessage(
        subject=render_to_string("accounts/email/invitation_subject.txt", context).strip(),
        body=render_to_string("accounts/email/invitation_message.txt", context),
        to=[invitation.email],
    )


def invitation_by_token(*, token: str, lock: bool = False) -> Invitation:
    """The usable invitation with this link token, or InvitationError."""
    invitations = Invitation.objects.select_related("organisation", "staff_group")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=_token_hash(token)).first()
    if invitation is None:
        raise InvitationError("invalid")
    if invitation.accepted_at is not None:
        raise InvitationError("used")
    if invitation.expires_at <= timezone.now():
        raise InvitationError("expired")
    return invitation


def invitation_existing_user(*, invitation: Invitation):
    return get_user_model().objects.filter(email__iexact=invitation.email).first()


def invitation_accept(
    *,
    token: str,
    request: HttpRequest | None = None,
    password: str | None = None,
    user=None,
):
    """Accept the invitation: a new account with ``password`` (validated by
    AUTH_PASSWORD_VALIDATORS) when ``user`` is None, otherwise the role is added to
    ``user``, who must own the invited address. Returns the user. Raises InvitationError
    or ValidationError, creating nothing."""
    with transaction.atomic():
        invitation = invitation_by_token(token=token, lock=True)
        if user is None:
            if invitation_existing_user(invitation=invitation) is not None:
                raise ValidationError(
                    _(
                        "An account with this email address already exists: "
                        "sign in to accept the invitation."
                    )
                )
            user = _user_create(email=invitation.email, password=password or "")
        elif user.email.lower() != invitation.email.lower():
            raise ValidationError(_("This invitation is for another email address."))
        _role_grant(invitation=invitation, user=user)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit_event_record(
            action=AuditEvent.Action.INVITATION_ACCEPTED,
            request=request,
            user=user,
            actor=user,
            details=invitation_details(invitation=invitation),
        )
    return user


def _user_create(*, email: str, password: str):
    user_model = get_user_model()
    username = get_adapter().generate_unique_username([email.split("@")[0], "bruger"])
    user = user_model(username=username, email=email)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    return user


def _email_verified_ensure(*, user, email: str) -> None:
    # The invitation reached this address, so it is verified (allauth's MFA requires that).
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=not has_primary)
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


def _role_grant(*, invitation: Invitation, user) -> None:
    _email_verified_ensure(user=user, email=invitation.email)
    if invitation.organisation_id:
        Membership.objects.update_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
        return
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(invitation.staff_group)


def invitation_revoke(*, invitation: Invitation, actor, request: HttpRequest | None = None) -> None:
    """Withdraw an invitation nobody has accepted: its link stops working."""
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been accepted."))
    details = invitation_details(invitation=invitation)
    with transaction.atomic():
        invitation.delete()
        audit_event_record(
            action=AuditEvent.Action.INVITATION_REVOKED,
            request=request,
            actor=actor,
            details=details,
        )
