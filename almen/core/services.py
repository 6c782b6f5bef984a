from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

DEMO_STAFF_USERNAME = "demo"
DEMO_STAFF_EMAIL = "demo@almen.local"
# Only ever used by `manage.py demo`, which refuses to run with DEBUG off.
DEMO_STAFF_PASSWORD = "almen-demo-2026"  # noqa: S105  # nosec B105

CONTENT_EDITORS_GROUP = "BL-redaktører"
CONTENT_EDITOR_APPS = ("goals", "municipalities", "campaigns")


def content_editors_group_ensure() -> Group:
    """The group that gives BL staff every permission on the portal's own content."""
    group, _ = Group.objects.get_or_create(name=CONTENT_EDITORS_GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=CONTENT_EDITOR_APPS)
    )
    return group


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
    user.groups.add(content_editors_group_ensure())
    return user
