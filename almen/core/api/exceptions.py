from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """Every API error is JSON with a ``detail`` message. Invalid input (a filter value
    that does not exist, a year that is not a number) is a 400 whose ``detail`` names the
    fields and whose ``errors`` maps each field to its messages."""
    response = exception_handler(exc, context)
    if response is None:
        return None
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
