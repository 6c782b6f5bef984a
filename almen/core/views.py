from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from almen.core.cache import cached_public_page
from almen.core.health import liveness


@cached_public_page("goals", "municipalities")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@cached_public_page("pages")
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


def health(request: HttpRequest) -> JsonResponse:
    """Liveness (``almen.core.health``, which normally answers before this view)."""
    return liveness()
