from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _staff_groups_after_migrate(sender, **kwargs) -> None:
    from almen.accounts.roles import STAFF_GROUP_SOURCE_APPS, staff_groups_ensure

    # Permissions exist only once each app has migrated, so the groups are (re)built after
    # every staff app's migration rather than in a data migration of their own.
    if sender.label in STAFF_GROUP_SOURCE_APPS:
        staff_groups_ensure()


class AccountsConfig(AppConfig):
    name = "almen.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from almen.accounts import receivers  # noqa: F401  (connects the audit receivers)

        post_migrate.connect(_staff_groups_after_migrate, dispatch_uid="almen-staff-groups")
