import logging

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger("almen.api")


def server_error_detail() -> str:
    return _("Internal server error. It has been logged; please try again later.")


def api_exception_handler(exc, context):
    """Every API error is JSON with a ``detail`` message, a 500 too (logged with its
    traceback). Invalid input (a filter value that does not exist, a year that is not a
    number) is a 400 whose ``detail`` names the fields and whose ``errors`` maps each field
    to its messages."""
    response = exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        logger.error(
            "Internal Server Error: %s",
            getattr(request, "path", "?"),
            exc_info=exc,
            extra={"status_code": 500, "request": getattr(request, "_request", None)},
        )
        response = Response(
            {"detail": server_error_detail()}, status=status.HTTP_500_INTERNAL_SERVER_ERROR
        )
        return response
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"input": response.data}
        fields = ", ".join(sorted(str(name) for name in errors))
        response.data = {
            "detail": _("Invalid value for: %(fields)s.") % {"fields": fields},
            "errors": errors,
        }
    elif isinstance(exc, Http404):
        response.data = {"detail": _("Not found: nothing has this identifier.")}
    elif isinstance(exc, exceptions.Throttled):
        response.data = {
            "detail": _("Too many requests without an API key. Try again in %(seconds)s seconds.")
            % {"seconds": exc.wait and int(exc.wait + 0.999)}
        }
    elif not isinstance(response.data, dict) or "detail" not in response.data:
        response.data = {"detail": str(exc), "errors": response.data}
    return response


def api_server_error(request: HttpRequest) -> JsonResponse:
    """A 500 outside the API views (middleware, a plain view under /api/): JSON too."""
    from django.utils import translation

    translation.activate(translation.get_language_from_request(request, check_path=False))
    return JsonResponse({"detail": server_error_detail()}, status=500)
