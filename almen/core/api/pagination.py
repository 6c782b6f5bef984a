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

    def check_query(self, request):
        """Raise a 400 for a page or page size that is not a number. DRF quietly ignores
        a page size that is not a number and reads a bad page as the first: say so instead
        (a page size above the maximum is still capped, as documented; a page that does
        not exist is a 404). Unpaginated CSV lists call this too, so a bad parameter is
        refused in every format."""
        raw_size = request.query_params.get(self.page_size_query_param)
        if raw_size is not None and not re.fullmatch(r"\s*-?\d+\s*", raw_size):
            raise ValidationError({self.page_size_query_param: [_("Enter a whole number.")]})
        raw_page = request.query_params.get(self.page_query_param)
        if raw_page is not None and not re.fullmatch(r"\s*-?\d+\s*|last", raw_page):
            raise ValidationError({self.page_query_param: [_("Enter a whole number.")]})

    def paginate_queryset(self, queryset, request, view=None):
        self.check_query(request)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response_schema(self, schema):
        """Every page has all four keys; the examples are one page holding the view's
        documented example item (drf-spectacular wraps it in this envelope)."""
        page = super().get_paginated_response_schema(schema)
        page["required"] = ["count", "next", "previous", "results"]
        page["properties"]["count"]["example"] = 1
        page["properties"]["next"]["example"] = None
        page["properties"]["previous"]["example"] = None
        return page
