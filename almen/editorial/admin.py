"""The admin base of every page that edits versioned content (almen/editorial/registry.py).

Saves through it are stored as versions (django-reversion); the history shows what changed,
field by field, and restores an earlier version (django-reversion-compare). Restoring saves
the form of the old version, so it is a new version and runs the admin's own ``save_model``
(the public cache is invalidated as on any save); ``is_restoring`` tells the app's admin
that a save is a restore. A save over someone else's newer change is refused with a
warning (almen/editorial/concurrency.py).

``VERSIONED_MODELS`` is the one list of what is versioned and what follows its parent.
Admin autodiscovery runs before ``EditorialConfig.ready``, and reversion's ``VersionAdmin``
registers any model it finds unregistered, guessing ``follow`` from the inlines; so the
registry is applied first here, and a content admin for a model missing from it fails
at start-up instead of being versioned by guesswork.
"""

import reversion
from django.core.exceptions import ImproperlyConfigured
from reversion_compare.admin import CompareVersionAdmin

from almen.editorial import concurrency
from almen.editorial.history import history_comment
from almen.editorial.registry import versioned_models_register


class ContentAdmin(CompareVersionAdmin):
    form = concurrency.ConcurrentEditForm

    def __init__(self, model, admin_site):
        versioned_models_register()
        super().__init__(model, admin_site)

    def reversion_register(self, model, **kwargs):
        label = f"{model._meta.app_label}.{model.__name__}"
        raise ImproperlyConfigured(
            f"{label} has a content admin but is not in "
            "almen.editorial.registry.VERSIONED_MODELS; add it there with its follow."
        )

    def get_fieldsets(self, request, obj=None):
        """The concurrency token (and, after a warning, the overwrite checkbox) at the end
        of the first fieldset of a change form; they are hidden until needed. Not on a
        view-only page, which would show them as read-only values."""
        fieldsets = [
            (name, {**options, "fields": _without_token(options.get("fields", ()))})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and fieldsets and self.has_change_permission(request, obj):
            name, options = fieldsets[0]
            fields = (*options["fields"], *concurrency.FIELDS)
            fieldsets[0] = (name, {**options, "fields": fields})
        return fieldsets

    def construct_change_message(self, request, form, formsets, add=False):
        if not add and "is_published" in form.changed_data:
            published = form.cleaned_data["is_published"]
            request.editorial_comment = history_comment("published" if published else "unpublished")
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        """Publishing or withdrawing in the form leads the version's comment."""
        entry = super().log_change(request, obj, message)
        comment = getattr(request, "editorial_comment", "")
        if comment and reversion.is_active():
            reversion.set_comment(f"{comment}. {entry.get_change_message()}")
        return entry

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.editorial_restoring = True
        return super().revision_view(request, object_id, version_id, extra_context)


def is_restoring(request) -> bool:
    """Whether this admin request restores an earlier version from the history."""
    return getattr(request, "editorial_restoring", False)


def _without_token(fields) -> tuple:
    return tuple(field for field in fields if field not in concurrency.FIELDS)
