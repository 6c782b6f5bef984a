from django.contrib.auth import get_user_model

from almen.accounts.roles import staff_groups_ensure

DEMO_STAFF_USERNAME = "demo"
DEMO_STAFF_EMAIL = "demo@almen.local"
# Only ever used by `manage.py demo`, which refuses to run with DEBUG off.
DEMO_STAFF_PASSWORD = "almen-demo-2026"  # noqa: S105  # nosec B105


def demo_staff_user_ensure():
    """Create (or reset) the demo staff login: a superuser, so every admin page is open."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=DEMO_STAFF_USERNAME, defaults={"email": DEMO_STAFF_EMAIL}
    )
    user.is_staff = True
    user.is_superuser = True
    user.set_password(DEMO_STAFF_PASSWORD)
    user.save()
    user.groups.add(*staff_groups_ensure().values())
    return user
