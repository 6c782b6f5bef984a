import logging
from itertools import groupby

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from almen.core.cache import cached_public_page, content_version
from municipalities import selectors
from municipalities.charts import bar_chart
from municipalities.maps import municipality_map
from municipalities.models import Municipality, NationalFact
from municipalities.services import CONTENT_AREA
from municipalities.slugs import danish_slug

# WeasyPrint logs every rendering step at INFO.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

BL_ORGANISATIONS_URL = "https://bl.dk/viden-kartotek/valg-2025/#danmarkskort"


@cached_public_page(CONTENT_AREA)
def municipality_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:60]
    everyone = selectors.municipality_list_with_figures()
    matches = selectors.municipality_list_with_figures(query=query) if query else everyone
    matching_codes = {municipality.code for municipality in matches}
    the_map = municipality_map()
    map_items = [
        {
            "municipality": municipality,
            "path": the_map.shapes[municipality.code].path,
            "matches": bool(query) and municipality.code in matching_codes,
        }
        for municipality in everyone
        if municipality.code in the_map.shapes
    ]
    by_region = sorted(
        matches, key=lambda municipality: (municipality.region.name, municipality.name)
    )
    regions = [
        (region, list(members))
        for region, members in groupby(by_region, key=lambda municipality: municipality.region)
    ]
    context = {
        "query": query,
        "map": the_map,
        "map_items": map_items,
        "regions": regions,
        "match_count": len(matches),
        "with_figures_count": sum(1 for municipality in everyone if municipality.has_figures),
        "municipality_count": len(everyone),
    }
    return render(request, "municipalities/municipality_list.html", context)


def _kommuneark_context(municipality: Municipality) -> dict:
    kommuneark = selectors.municipality_kommuneark(municipality=municipality)
    profile = kommuneark.profile
    groups = profile.groups
    facts = selectors.national_facts_by_group()
    dwellings = bar_chart(key="dwellings", figures=groups.get("dwellings", []))
    started = bar_chart(key="construction-started", figures=groups.get("construction_started", []))
    charts = []
    if dwellings:
        charts.append(
            (dwellings, _("Social housing in %(period)s by type") % {"period": dwellings.period})
        )
    if started:
        charts.append(
            (
                started,
                _("Construction started in the period %(period)s") % {"period": started.period},
            )
        )
    # A sheet cites its own facts (with their years and sources); a page without a sheet
    # shows the newest national ones. The municipality's right to assign dwellings is in
    # a sheet's own text, so only a page without a sheet states it separately.
    return {
        "municipality": municipality,
        "kommuneark": kommuneark,
        "sheet": kommuneark.sheet,
        "sections": kommuneark.sections,
        "profile": profile,
        "key_figures": groups.get("key_figures", []),
        "charts": charts,
        "did_you_know": kommuneark.did_you_know
        if kommuneark.has_sheet
        else facts.get(NationalFact.Group.DID_YOU_KNOW, []),
        "municipal_role": []
        if kommuneark.has_sheet
        else facts.get(NationalFact.Group.MUNICIPAL_ROLE, []),
        "in_figures": facts.get(NationalFact.Group.IN_FIGURES, []),
        "organisations": list(selectors.housing_organisation_list(municipality=municipality)),
        "bl_organisations_url": BL_ORGANISATIONS_URL,
    }


def _resolve(slug: str, view_name: str) -> Municipality | HttpResponse:
    """The municipality of ``slug``, or a permanent redirect from the other spelling
    (``københavn`` → ``koebenhavn``)."""
    municipality = selectors.municipality_by_slug(slug=slug)
    if municipality is not None:
        return municipality
    canonical = danish_slug(slug)
    if canonical != slug and selectors.municipality_by_slug(slug=canonical) is not None:
        return redirect(view_name, slug=canonical, permanent=True)
    raise Http404


@cached_public_page(CONTENT_AREA)
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = _resolve(slug, "municipalities:municipality-detail")
    if isinstance(municipality, HttpResponse):
        return municipality
    return render(
        request, "municipalities/municipality_detail.html", _kommuneark_context(municipality)
    )


def municipality_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The kommuneark as an A4 PDF (WeasyPrint), cached until the figures change; 404 for
    a municipality without a published sheet (there is nothing to print)."""
    municipality = _resolve(slug, "municipalities:municipality-pdf")
    if isinstance(municipality, HttpResponse):
        return municipality
    language = translation.get_language()
    key = f"municipality-pdf:{content_version(area=CONTENT_AREA)}:{language}:{municipality.slug}"
    pdf = cache.get(key)
    if pdf is None:
        from weasyprint import HTML

        context = _kommuneark_context(municipality)
        if context["sheet"] is None:
            raise Http404
        html = render_to_string("municipalities/municipality_pdf.html", context, request=request)
        # Self-contained HTML (inline CSS and SVG): nothing is fetched while rendering.
        pdf = HTML(string=html).write_pdf()
        cache.set(key, pdf, None)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kommuneark-{municipality.slug}.pdf"'
    return response
