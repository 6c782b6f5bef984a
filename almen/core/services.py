from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from almen.accounts.mfa import totp_activate
from almen.accounts.roles import staff_groups_ensure

DEMO_STAFF_USERNAME = "demo"
DEMO_STAFF_EMAIL = "demo@almen.local"
# Only ever used by `manage.py demo`, which refuses to run with DEBUG off.
DEMO_STAFF_PASSWORD = "almen-demo-2026"  # noqa: S105  # nosec B105
# Staff must use two-factor authentication: the demo login has an authenticator app with
# this key (add it to any authenticator app, or run `manage.py mfa_code demo@almen.local`).
DEMO_STAFF_TOTP_SECRET = "MFWG2ZLOFVSGK3LPFV2G65DQFUZDAMRW"  # noqa: S105  # nosec B105


def demo_staff_user_ensure():
    """Create (or reset) the demo staff login: a superuser, so every admin page is open,
    signing in with its email, password and an authenticator app (DEMO_STAFF_TOTP_SECRET)."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=DEMO_STAFF_USERNAME, defaults={"email": DEMO_STAFF_EMAIL}
    )
    user.email = DEMO_STAFF_EMAIL
    user.is_staff = True
    user.is_superuser = True
    user.set_password(DEMO_STAFF_PASSWORD)
    user.save()
    user.groups.add(*staff_groups_ensure().values())
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_STAFF_EMAIL, defaults={"verified": True, "primary": True}
    )
    totp_activate(user=user, secret=DEMO_STAFF_TOTP_SECRET)
    return user
