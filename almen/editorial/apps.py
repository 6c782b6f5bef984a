from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """BL's editorial workflow: versions, drafts, review, preview links and scheduling
    of the content the other apps own."""

    name = "almen.editorial"
    label = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from almen.editorial.registry import versioned_models_register

        versioned_models_register()
