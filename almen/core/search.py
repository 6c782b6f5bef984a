"""The text match the site search uses for every kind of content (goals, campaigns)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Q, QuerySet
from django.utils.module_loading import import_string

SEARCH_CONFIG = "danish"


def text_match(*, fields: tuple[str, ...], terms: list[str]) -> Q:
    """Every term occurs in one of ``fields`` (case-insensitive)."""
    condition = Q()
    for term in terms:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": term})
        condition &= any_field
    return condition


def text_search(
    *, queryset: QuerySet, fields: tuple[str, ...], query: str, terms: list[str], extra: Q = None
) -> QuerySet:
    """Danish full-text search on PostgreSQL (stemmed: “boliger” finds “bolig”), together
    with a substring match so that parts of compound words (“klima” in “klimaløsninger”)
    are found too; on SQLite the substring match alone. ``extra`` is a further condition
    that also counts as a hit."""
    matches = text_match(fields=fields, terms=terms)
    if extra is not None:
        matches |= extra
    if not settings.USES_POSTGRES:
        return queryset.filter(matches)
    vector = SearchVector(*fields, config=SEARCH_CONFIG)
    search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    return queryset.annotate(search=vector).filter(Q(search=search_query) | matches)


@dataclass
class SearchHit:
    title: str
    url: str
    text: str


@dataclass
class SearchHitGroup:
    """Hits of one kind of content beside the goal programmes (campaigns …)."""

    heading: str
    hits: list[SearchHit]


def search_other_groups(*, query: str, terms: list[str]) -> list[SearchHitGroup]:
    """The hits of ``settings.SITE_SEARCH_PROVIDERS`` (apps the goals search does not know
    itself), groups without hits left out."""
    groups = [
        import_string(path)(query=query, terms=terms) for path in settings.SITE_SEARCH_PROVIDERS
    ]
    return [group for group in groups if group.hits]
