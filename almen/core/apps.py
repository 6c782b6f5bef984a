from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _content_editors_group_after_migrate(sender, **kwargs) -> None:
    from almen.core.services import CONTENT_EDITOR_APPS, content_editors_group_ensure

    # Permissions exist only once each app has migrated, so the group is (re)built after
    # every content app's migration rather than in a data migration of its own.
    if sender.label in CONTENT_EDITOR_APPS:
        content_editors_group_ensure()


class CoreConfig(AppConfig):
    name = "almen.core"
    label = "core"
    verbose_name = "Almen"

    def ready(self):
        post_migrate.connect(
            _content_editors_group_after_migrate, dispatch_uid="almen-content-editors-group"
        )
