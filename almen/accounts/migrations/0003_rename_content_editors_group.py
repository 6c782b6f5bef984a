"""The staff content group was called "BL-redaktører"; it is now one of two staff roles,
"BL-redaktør" (goal content and figures) beside "BL-kampagne" (campaigns). Renaming keeps
its members; the permissions are rebuilt after migrate (almen/accounts/apps.py)."""

from django.db import migrations

OLD_NAME = "BL-redaktører"
NEW_NAME = "BL-redaktør"


def rename(apps, schema_editor, old=OLD_NAME, new=NEW_NAME):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name=new).exists():
        Group.objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, old=NEW_NAME, new=OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_invitations_and_audit_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
