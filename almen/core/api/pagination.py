import re

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
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

    def get_page_size(self, request):
        # DRF quietly ignores a page size that is not a number and reads an empty page as
        # the first: say so instead (a page size above the maximum is still capped, as
        # documented; a page that does not exist is a 404).
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not re.fullmatch(r"\s*-?\d+\s*", raw):
            raise ValidationError({self.page_size_query_param: [_("Enter a whole number.")]})
        return super().get_page_size(request)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and not re.fullmatch(r"\s*-?\d+\s*|last", raw):
            raise ValidationError({self.page_query_param: [_("Enter a whole number.")]})
        return super().get_page_number(request, paginator)

    def get_paginated_response_schema(self, schema):
        """Every page has all four keys; the examples are one page holding the view's
        documented example item (drf-spectacular wraps it in this envelope)."""
        page = super().get_paginated_response_schema(schema)
        page["required"] = ["count", "next", "previous", "results"]
        page["properties"]["count"]["example"] = 1
        page["properties"]["next"]["example"] = None
        page["properties"]["previous"]["example"] = None
        return page
