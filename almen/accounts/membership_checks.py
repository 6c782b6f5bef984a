"""Small permission checks on memberships used by the user-management pages.

The organisations work writes the portal's general selectors in ``selectors.py`` /
``permissions.py``; these stay here until they can be replaced by those."""

from almen.accounts.models import Membership


def user_can_administer_organisation(*, user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, organisation=organisation, role=Membership.Role.ADMIN
    ).exists()


def organisations_administered_by(*, user):
    from municipalities.models import HousingOrganisation

    if not user.is_authenticated:
        return HousingOrganisation.objects.none()
    return HousingOrganisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ADMIN
    ).order_by("name")
