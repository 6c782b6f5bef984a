from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

from almen.core.cache import cached_public_page
from municipalities.selectors import municipality_with_sheet_count


@cached_public_page("goals", "municipalities")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"sheet_count": municipality_with_sheet_count()})


@cached_public_page("pages")
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


def health(request: HttpRequest) -> JsonResponse:
    """Liveness for docker-compose and load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# Addresses no search engine should crawl: sign-in and admin, the data API (its
# documentation pages stay crawlable) and search results (an endless space of addresses).
ROBOTS_DISALLOW = [
    "/admin/",
    "/konto/",
    "/en/konto/",
    "/api/v1/",
    "/maal/soeg/",
    "/en/maal/soeg/",
]


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {settings.PORTAL_BASE_URL}{reverse('sitemap')}", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """/favicon.ico, which browsers ask for on their own, leads to the portal's icon."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


sitemap = cached_public_page("pages", "goals", "municipalities")(sitemap_view)
