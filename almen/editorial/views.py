"""The public preview of a draft (``/forhaandsvisning/<token>/``); see previews.py."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe

from almen.editorial.previews import preview_link_from_token, preview_link_refusal, preview_render


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def preview(request: HttpRequest, token: str) -> HttpResponse:
    link = preview_link_from_token(token=token)
    refusal = preview_link_refusal(link=link)
    if refusal is not None:
        response = render(
            request, "editorial/preview_gone.html", {"reason": refusal, "link": link}, status=410
        )
        return _private(response)
    return _private(preview_render(request=request, link=link))
