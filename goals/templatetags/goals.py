import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

register = template.Library()

EXCERPT_LENGTH = 260


def _pattern(terms: list[str]) -> re.Pattern | None:
    """Matches the words a search term stands for: the term itself and, for longer words,
    other endings of its stem (“boliger” also marks “bolig” and “boligerne”)."""
    stems = []
    for term in terms:
        stem = term if len(term) <= 4 else term[: max(4, len(term) - 2)]
        stems.append(re.escape(stem))
    if not stems:
        return None
    return re.compile(
        r"(" + "|".join(sorted(stems, key=len, reverse=True)) + r")\w*", re.IGNORECASE
    )


@register.filter
def highlight(text: str, terms: list[str]) -> SafeString:
    """The text, HTML-escaped, with the search terms marked with <mark>."""
    text = text or ""
    pattern = _pattern(terms or [])
    if pattern is None:
        return escape(text)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group(0)))
        position = match.end()
    pieces.append(escape(text[position:]))
    marked = escape("")
    for piece in pieces:
        marked += piece  # safe + safe stays safe
    return marked


@register.filter
def excerpt(text: str, terms: list[str]) -> SafeString:
    """A short passage of a long text around the first search hit, marked as ``highlight``."""
    text = " ".join((text or "").split())
    pattern = _pattern(terms or [])
    match = pattern.search(text) if pattern else None
    if len(text) <= EXCERPT_LENGTH:
        return highlight(text, terms)
    start = max(0, match.start() - EXCERPT_LENGTH // 3) if match else 0
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = text.find(" ", start + EXCERPT_LENGTH)
    passage = text[start : end if end != -1 else len(text)]
    prefix = "… " if start else ""
    suffix = " …" if end != -1 else ""
    return escape(prefix) + highlight(passage, terms) + escape(suffix)


@register.filter
def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text (separated by blank lines)."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
