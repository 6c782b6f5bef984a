"""Public pages of the housing organisations: a searchable list and a page per
organisation with its municipalities and published local goals."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from almen.core.cache import cached_public_page
from municipalities.models import Municipality, Region
from municipalities.organisation_selectors import organisation_by_slug, organisation_list
from municipalities.services import CONTENT_AREA

PAGE_SIZE = 50
# Local goals shown on the organisation page are published in the goals app, which bumps
# this area; named here rather than imported so that municipalities does not import goals.
LOCAL_GOALS_AREA = "local_goals"


@cached_public_page(CONTENT_AREA, LOCAL_GOALS_AREA, params=("q", "municipality", "region", "page"))
def organisation_list_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    municipality = request.GET.get("municipality", "")[:3]
    region = request.GET.get("region", "")[:4]
    organisations = organisation_list(
        query=query, municipality_code=municipality, region_code=region
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "municipalities/organisation_list.html",
        {
            "page": page,
            "organisations": list(page.object_list),
            "query": query,
            "selected_municipality": municipality,
            "selected_region": region,
            "municipalities": list(Municipality.objects.order_by("name")),
            "regions": list(Region.objects.order_by("name")),
            "params": params.urlencode(),
        },
    )


@cached_public_page(CONTENT_AREA, LOCAL_GOALS_AREA)
def organisation_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_by_slug(slug=slug)
    if organisation is None:
        raise Http404
    return render(
        request,
        "municipalities/organisation_detail.html",
        {"organisation": organisation, "municipalities": list(organisation.municipalities.all())},
    )
