"""The public campaign pages (/kampagner/): every published campaign with its period, text,
goals and stories. Nothing personal is shown, so anonymous requests are served from the
cache until campaign or goal content changes; staff also see drafts, never cached."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from almen.core.cache import cached_public_page
from campaigns import selectors


def _include_drafts(request: HttpRequest) -> bool:
    return request.user.is_staff


@cached_public_page("campaigns", "goals")
def campaign_list(request: HttpRequest) -> HttpResponse:
    overview = selectors.campaign_overview(
        today=timezone.localdate(), include_drafts=_include_drafts(request)
    )
    return render(request, "campaigns/campaign_list.html", {"overview": overview})


@cached_public_page("campaigns", "goals")
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = selectors.campaign_public_detail(slug=slug, include_drafts=_include_drafts(request))
    if campaign is None:
        raise Http404
    return render(request, "campaigns/campaign_detail.html", {"campaign": campaign})
