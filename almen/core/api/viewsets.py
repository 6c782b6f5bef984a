from rest_framework import mixins, viewsets

from almen.core.api.conditional import ConditionalReadMixin


class PublicReadOnlyViewSet(ConditionalReadMixin, viewsets.ReadOnlyModelViewSet):
    """Open, throttled, cacheable reads of published data. Subclasses call a selector in
    ``get_queryset`` and keep a stable order (ending in a unique field)."""


class PublicListViewSet(ConditionalReadMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Like ``PublicReadOnlyViewSet`` but without a detail endpoint, for rows that have no
    stable public identifier of their own (observations, action items …)."""


class CsvListMixin:
    """A list that renders as CSV holds every matching row, so it is not paginated; its
    page parameters are still checked, so a bad one is a 400 in both formats."""

    def paginate_queryset(self, queryset):
        if self.request.accepted_renderer.format == "csv":
            self.paginator.check_query(self.request)
            return None
        return super().paginate_queryset(queryset)
