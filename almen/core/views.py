from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

from almen.core.api.exceptions import api_server_error
from almen.core.cache import cached_public_page


@cached_public_page("goals", "municipalities")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@cached_public_page("pages")
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


def health(request: HttpRequest) -> JsonResponse:
    """Liveness for docker-compose and load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page; under /api/ a JSON error like every other API error."""
    if request.path.startswith("/api/"):
        return api_server_error(request)
    return defaults.server_error(request)
