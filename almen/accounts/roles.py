"""BL staff roles: Django groups with the permissions of one job each.

- *BL-redaktør* edits goal content and municipality figures;
- *BL-kampagne* runs campaigns and handles councillors' personal data (recipients);
- *BL-godkender* approves and publishes drafts where approval is required and decides where
  it is (``almen/editorial/drafts.py``); an approver is also an editor of the content.

Organisation roles (administrator, editor) are ``Membership.Role``, not groups. The groups
are rebuilt after every ``migrate`` (permissions exist only once each app has migrated).
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CONTENT_EDITORS_GROUP = "BL-redaktør"
CAMPAIGN_STAFF_GROUP = "BL-kampagne"
APPROVERS_GROUP = "BL-godkender"

# Editors keep drafts of their content and make preview links of them.
DRAFT_PERMISSIONS = (
    "editorial.add_contentdraft",
    "editorial.change_contentdraft",
    "editorial.delete_contentdraft",
    "editorial.view_contentdraft",
    "editorial.add_previewlink",
    "editorial.change_previewlink",
    "editorial.view_previewlink",
)

# Each staff group and the apps whose every permission it holds.
STAFF_GROUP_APPS: dict[str, tuple[str, ...]] = {
    CONTENT_EDITORS_GROUP: ("goals", "municipalities"),
    CAMPAIGN_STAFF_GROUP: ("campaigns",),
    APPROVERS_GROUP: (),
}

# Each staff group and the single permissions ("app_label.codename") it holds besides.
STAFF_GROUP_PERMISSIONS: dict[str, tuple[str, ...]] = {
    CONTENT_EDITORS_GROUP: DRAFT_PERMISSIONS,
    CAMPAIGN_STAFF_GROUP: DRAFT_PERMISSIONS,
    APPROVERS_GROUP: (
        *DRAFT_PERMISSIONS,
        "editorial.approve_contentdraft",
        "editorial.add_approvalrule",
        "editorial.change_approvalrule",
        "editorial.view_approvalrule",
    ),
}

# The apps whose migration (re)builds the groups: those their permissions belong to.
STAFF_GROUP_SOURCE_APPS = {
    *(label for labels in STAFF_GROUP_APPS.values() for label in labels),
    *(name.split(".")[0] for names in STAFF_GROUP_PERMISSIONS.values() for name in names),
}


def staff_groups_ensure() -> dict[str, Group]:
    """Create the staff groups if missing and give each exactly its apps' permissions and
    its single ones."""
    groups = {}
    for name, app_labels in STAFF_GROUP_APPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        single = Q(pk__in=[])
        for permission in STAFF_GROUP_PERMISSIONS.get(name, ()):
            app_label, codename = permission.split(".")
            single |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(
            Permission.objects.filter(Q(content_type__app_label__in=app_labels) | single)
        )
        groups[name] = group
    return groups


def staff_groups() -> list[Group]:
    return list(Group.objects.filter(name__in=STAFF_GROUP_APPS).order_by("name"))
