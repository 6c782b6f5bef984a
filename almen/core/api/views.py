from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from almen.core.api.pagination import MAX_PAGE_SIZE
from almen.core.cache import cached_public_page


@cached_public_page("pages")
def partners(request: HttpRequest) -> HttpResponse:
    """The "API for partners" page: what the API offers, keys, limits and examples."""
    return render(
        request,
        "api/partners.html",
        {"max_page_size": MAX_PAGE_SIZE, "base_url": request.build_absolute_uri("/api/v1/")},
    )
