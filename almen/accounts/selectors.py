"""Reads of who belongs to which housing organisation."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from almen.accounts.models import Membership
from municipalities.models import HousingOrganisation


def organisations_for_user(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet:
    """The housing organisations ``user`` is a member of (administrator or editor), by
    name (one query when evaluated; none for an anonymous or inactive user)."""
    if not user.is_authenticated or not user.is_active:
        return HousingOrganisation.objects.none()
    return HousingOrganisation.objects.filter(memberships__user=user).order_by("name").distinct()


def organisations_administered_by(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet:
    """The housing organisations where ``user`` is an administrator."""
    if not user.is_authenticated or not user.is_active:
        return HousingOrganisation.objects.none()
    return (
        HousingOrganisation.objects.filter(
            memberships__user=user, memberships__role=Membership.Role.ADMIN
        )
        .order_by("name")
        .distinct()
    )


def membership_role(*, user, organisation: HousingOrganisation) -> str | None:
    """``admin``, ``editor`` or None (not a member, anonymous or inactive)."""
    if not user.is_authenticated or not user.is_active:
        return None
    return (
        Membership.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )
