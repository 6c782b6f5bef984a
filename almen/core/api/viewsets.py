from rest_framework import viewsets

from almen.core.api.conditional import ConditionalReadMixin


class PublicReadOnlyViewSet(ConditionalReadMixin, viewsets.ReadOnlyModelViewSet):
    """Open, throttled, cacheable reads of published data. Subclasses call a selector in
    ``get_queryset`` and keep a stable order (ending in a unique field)."""


class PublicListViewSet(ConditionalReadMixin, viewsets.GenericViewSet):
    """Like ``PublicReadOnlyViewSet`` but without a detail endpoint, for rows that have no
    stable public identifier of their own (observations, action items …)."""

    def list(self, request, *args, **kwargs):
        return viewsets.mixins.ListModelMixin.list(self, request, *args, **kwargs)
