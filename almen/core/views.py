from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from almen.core.cache import cached_public_page
from almen.core.selectors import home_page


@cached_public_page("goals", "municipalities", "campaigns")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"home": home_page()})


@cached_public_page("pages")
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


@cached_public_page("pages")
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@cached_public_page("pages")
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def health(request: HttpRequest) -> JsonResponse:
    """Liveness for docker-compose and load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
