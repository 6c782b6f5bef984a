"""The API's documentation pages (Swagger UI and ReDoc), served entirely by the portal.

Both load only the portal's own files, so they pass the Content-Security-Policy with no
inline script: Swagger UI gets its start script from a second request (drf-spectacular's
split view), and ReDoc's bundle is served with the one address it would otherwise fetch
from Redocly's CDN (its footer logo) replaced by an inline image.
"""

import re
from functools import cache
from pathlib import Path

import drf_spectacular_sidecar
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

REDOC_BUNDLE = (
    Path(drf_spectacular_sidecar.__file__).parent
    / "static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
)
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
# A transparent 1×1 GIF: the logo's place stays, nothing is fetched from elsewhere.
EMPTY_IMAGE = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="


INLINE_CODE = re.compile(r"`([^`]+)`")


def _description_html() -> SafeString:
    """The schema's description as paragraphs, `code` spans kept (the only markup it uses)."""
    paragraphs = settings.SPECTACULAR_SETTINGS["DESCRIPTION"].split("\n\n")
    return format_html_join(
        "\n",
        "<p>{}</p>",
        ((mark_safe(INLINE_CODE.sub(r"<code>\1</code>", escape(text))),) for text in paragraphs),  # noqa: S308  # nosec B308, B703: escaped first
    )


class ApiDocsView(SpectacularSwaggerSplitView):
    template_name = "api/docs_swagger.html"
    title = "Almen API"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is None:
            response.data["version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
            response.data["description_html"] = _description_html()
        return response


class ApiRedocView(SpectacularRedocView):
    template_name = "api/docs_redoc.html"
    title = "Almen API"

    @staticmethod
    def _redoc_standalone():
        return reverse("api-redoc-bundle")


@cache
def _redoc_bundle() -> bytes:
    return REDOC_BUNDLE.read_text(encoding="utf-8").replace(REDOCLY_LOGO, EMPTY_IMAGE).encode()


@require_GET
def redoc_bundle(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_redoc_bundle(), content_type="application/javascript")
    response["Cache-Control"] = "public, max-age=86400"
    return response
