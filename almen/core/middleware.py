"""Site-wide request and response guards that belong to no single view."""

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _


def has_nul_byte(request: HttpRequest) -> bool:
    raw = request.META.get("PATH_INFO", "") + "?" + request.META.get("QUERY_STRING", "")
    return "\x00" in raw or b"\x00" in unquote_to_bytes(raw)


def reject_nul_bytes(get_response: Callable) -> Callable:
    """Refuse an address with a NUL byte (``%00``) in its path or query with 400.

    No page has a NUL in its address, and PostgreSQL refuses one in a query parameter, so
    letting it through turned a lookup into a 500. Checked before any view or middleware
    builds a query from the address. The page cache, which answers before it, passes such
    requests on unanswered, so they meet this check too."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if has_nul_byte(request):
            # Before LocaleMiddleware: the API's message follows Accept-Language itself.
            with translation.override(translation.get_language_from_request(request)):
                message = _("The address contains a character that is not allowed.")
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            raise BadRequest(message)  # the portal's own 400 page
        return get_response(request)

    return middleware


def permissions_policy(get_response: Callable) -> Callable:
    """Add ``Permissions-Policy`` (``settings.PERMISSIONS_POLICY``) to every response."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
