"""Inlines whose rows editors reorder by dragging or with move-up/move-down buttons
(static/admin/js/almen-ordering.js); the numeric ``order`` field stays as the fallback."""


class OrderedInlineMixin:
    """For an inline with an ``order`` field: rows listed in their order, with the
    reordering controls beside the field."""

    ordering = ("order", "pk")
    classes = ("almen-ordering",)

    class Media:
        js = ("admin/js/almen-ordering.js",)
        css = {"all": ("admin/css/almen-ordering.css",)}
