from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100


class ApiPagination(PageNumberPagination):
    """``?page=2&page_size=50``: 20 items a page by default, at most 100."""

    page_size = 20
    page_size_query_param = "page_size"
    page_size_query_description = f"Items per page, 1 to {MAX_PAGE_SIZE} (default 20)."
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "The page number, from 1."
    invalid_page_message = _("There is no page {page_number}.")

    def get_paginated_response_schema(self, schema):
        """Every page has all four keys; the examples are one page holding the view's
        documented example item (drf-spectacular wraps it in this envelope)."""
        page = super().get_paginated_response_schema(schema)
        page["required"] = ["count", "next", "previous", "results"]
        page["properties"]["count"]["example"] = 1
        page["properties"]["next"]["example"] = None
        page["properties"]["previous"]["example"] = None
        return page
