"""Who may do what with a housing organisation and its local goals. Every check is per
object: the organisation comes from the goal being edited, never from a URL or form field
the user chose. Views answer 404 where the object must stay invisible (another
organisation's draft) and 403 where it is visible but not theirs.

- An organisation **editor** or **administrator** edits, publishes and reports on the
  organisation's local goals; only an administrator manages its users (invitations).
- **BL staff** (``is_staff``) may hide a published goal or update, with a reason, and see
  every goal; they do not write an organisation's goals.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from almen.accounts.models import Membership
from almen.accounts.selectors import membership_role
from municipalities.models import HousingOrganisation

User = AbstractBaseUser | AnonymousUser


def user_can_edit_organisation(*, user: User, organisation: HousingOrganisation) -> bool:
    """Edit the organisation's local goals and progress updates (editor or administrator)."""
    return membership_role(user=user, organisation=organisation) in (
        Membership.Role.ADMIN,
        Membership.Role.EDITOR,
    )


def user_can_administer_organisation(*, user: User, organisation: HousingOrganisation) -> bool:
    """Manage the organisation's users: invite, change roles, remove (administrator)."""
    return membership_role(user=user, organisation=organisation) == Membership.Role.ADMIN


def user_can_moderate(*, user: User) -> bool:
    """Hide published local goals and updates with a reason (BL staff)."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def user_can_see_private_goals(*, user: User, organisation: HousingOrganisation) -> bool:
    """See the organisation's drafts and hidden goals (its members and BL staff)."""
    return user_can_moderate(user=user) or user_can_edit_organisation(
        user=user, organisation=organisation
    )
