"""BL staff roles: Django groups with the permissions of one job each.

- *BL-redaktør* edits goal content and municipality figures;
- *BL-kampagne* runs campaigns and handles councillors' personal data (recipients).

Organisation roles (administrator, editor) are ``Membership.Role``, not groups. The groups
are rebuilt after every ``migrate`` (permissions exist only once each app has migrated).
"""

from django.contrib.auth.models import Group, Permission

CONTENT_EDITORS_GROUP = "BL-redaktør"
CAMPAIGN_STAFF_GROUP = "BL-kampagne"

# Each staff group and the apps whose every permission it holds.
STAFF_GROUP_APPS: dict[str, tuple[str, ...]] = {
    CONTENT_EDITORS_GROUP: ("goals", "municipalities"),
    CAMPAIGN_STAFF_GROUP: ("campaigns",),
}


def staff_groups_ensure() -> dict[str, Group]:
    """Create the staff groups if missing and give each exactly its apps' permissions."""
    groups = {}
    for name, app_labels in STAFF_GROUP_APPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=app_labels))
        groups[name] = group
    return groups


def staff_groups() -> list[Group]:
    return list(Group.objects.filter(name__in=STAFF_GROUP_APPS).order_by("name"))
