from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from almen.core.cache import cached_public_page
from municipalities import selectors


@cached_public_page("municipalities")
def municipality_list(request: HttpRequest) -> HttpResponse:
    regions = selectors.region_list_with_municipalities()
    return render(request, "municipalities/municipality_list.html", {"regions": regions})
