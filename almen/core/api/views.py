from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from almen.core.api.pagination import MAX_PAGE_SIZE
from almen.core.cache import cached_public_page


@cached_public_page("pages")
def partners(request: HttpRequest) -> HttpResponse:
    """The "API for partners" page: what the API offers, keys, limits and examples."""
    return render(
        request,
        "api/partners.html",
        # The portal's public address, not the request's host: the page is cached.
        {"max_page_size": MAX_PAGE_SIZE, "base_url": f"{settings.PORTAL_BASE_URL}/api/v1/"},
    )


def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any /api/ address that matches no endpoint: a JSON 404, like the endpoints' own."""
    from django.utils import translation

    translation.activate(translation.get_language_from_request(request, check_path=False))
    return JsonResponse({"detail": _("Not found: nothing has this identifier.")}, status=404)
