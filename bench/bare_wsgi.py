"""The yardstick of bench/http_throughput.py: a bare Django view returning 1 KiB, no middleware, no
database, served by the same gunicorn as the portal."""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = b"x" * 1024


def bare(request):
    return HttpResponse(BODY, content_type="text/plain")


urlpatterns = [path("", bare)]

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-bare-view-key-0123456789-abcdefghijklmnopqrstuvwxyz",  # noqa: S106  # nosec B106
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
django.setup()
application = get_wsgi_application()
