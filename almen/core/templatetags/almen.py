from django import template
from django.urls import translate_url
from django.utils import numberformat

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context, language_code: str) -> str:
    """The current page's address in another language (the language switch is a plain
    link, so public pages stay cacheable)."""
    request = context["request"]
    # "//host/…" would read as another site's address (a 404 for GET //evil.example/ linked
    # there): one leading slash keeps every link on this site.
    path = "/" + request.get_full_path().lstrip("/")
    return translate_url(path, language_code)


@register.filter
def danish_number(value, decimals: int | None = None) -> str:
    """3372 → “3.372”, 14.5 → “14,5”, whatever language the page is in: figures are
    published in Danish format."""
    if value is None or value == "":
        return ""
    return numberformat.format(
        value,
        decimal_sep=",",
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=".",
        force_grouping=True,
    )
