"""Public pages of the goal programmes. Anonymous requests are served from the cache until
goal content changes; staff see drafts (with a “Kladde” banner) and are never cached."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from almen.core.cache import cached_public_page
from almen.core.search import search_other_groups
from goals import selectors


def _include_drafts(request: HttpRequest) -> bool:
    return request.user.is_staff


@cached_public_page("goals")
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.programme_list(include_drafts=_include_drafts(request)))
    # The current programme is the first published one (a staff preview may list drafts).
    current = next((programme for programme in programmes if programme.is_published), None)
    return render(
        request,
        "goals/programme_list.html",
        {"programmes": programmes, "current_programme": current},
    )


@cached_public_page("goals")
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_detail(slug=slug, include_drafts=_include_drafts(request))
    if programme is None:
        raise Http404
    sections = list(programme.sections.all())
    return render(
        request,
        "goals/programme_detail.html",
        {
            "programme": programme,
            "sections_before": [section for section in sections if not section.after_pillars],
            "sections_after": [section for section in sections if section.after_pillars],
        },
    )


@cached_public_page("goals")
def pillar_detail(request: HttpRequest, programme_slug: str, slug: str) -> HttpResponse:
    pillar = selectors.pillar_detail(
        programme_slug=programme_slug, slug=slug, include_drafts=_include_drafts(request)
    )
    if pillar is None:
        raise Http404
    siblings = list(pillar.programme.pillars.all())
    position = [sibling.pk for sibling in siblings].index(pillar.pk)
    return render(
        request,
        "goals/pillar_detail.html",
        {
            "pillar": pillar,
            "programme": pillar.programme,
            "previous_pillar": siblings[position - 1] if position > 0 else None,
            "next_pillar": siblings[position + 1] if position + 1 < len(siblings) else None,
        },
    )


@cached_public_page("goals")
def theme_list(request: HttpRequest) -> HttpResponse:
    themes = list(selectors.theme_list(include_drafts=_include_drafts(request)))
    return render(request, "goals/theme_list.html", {"themes": themes})


@cached_public_page("goals")
def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.theme_detail(slug=slug, include_drafts=_include_drafts(request))
    if found is None:
        raise Http404
    theme, groups = found
    return render(request, "goals/theme_detail.html", {"theme": theme, "groups": groups})


@cached_public_page("goals", "campaigns")
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    results = selectors.goals_search(query=query, include_drafts=_include_drafts(request))
    other_groups = search_other_groups(query=results.query, terms=results.terms)
    return render(
        request,
        "goals/search.html",
        {
            "results": results,
            "other_groups": other_groups,
            "hit_count": results.count + sum(len(group.hits) for group in other_groups),
            "submitted": "q" in request.GET,
        },
    )
