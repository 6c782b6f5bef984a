from functools import partial

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import numberformat, translation
from django.utils.safestring import SafeString, mark_safe

from almen.core.dates import DATE_FORMATS, date_in_language

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


# Decimal and thousands separators per page language: 3.372 and 14,5 in Danish text,
# 3,372 and 14.5 in English text. Numbers inside BL's own (Danish) texts are left alone.
NUMBER_SEPARATORS = {"da": (",", "."), "en": (".", ",")}


@register.filter
def localized_number(value, decimals: int | None = None) -> str:
    """3372 → “3.372” on a Danish page and “3,372” on an English one; 14.5 → “14,5” /
    “14.5”. Grouped from 1,000 on (Django's own number formats do not group by default)."""
    if value is None or value == "":
        return ""
    language = (translation.get_language() or "da").split("-")[0]
    decimal_sep, thousand_sep = NUMBER_SEPARATORS.get(language, NUMBER_SEPARATORS["da"])
    return numberformat.format(
        value,
        decimal_sep=decimal_sep,
        decimal_pos=decimals,
        grouping=3,
        thousand_sep=thousand_sep,
        force_grouping=True,
    )


# Dates and times in the page's language (almen/core/dates.py): long_date, full_date, …
for _kind in DATE_FORMATS:
    register.filter(_kind, partial(date_in_language, kind=_kind), expects_localtime=True)


@register.simple_tag
def portal_url(url_name: str) -> str:
    """The absolute address of a portal page (in the active language), for emails and PDFs,
    which are read away from the portal."""
    return settings.PORTAL_BASE_URL + reverse(url_name)


CONTENT_LANGUAGE = "da"


@register.simple_tag
def content_lang() -> SafeString:
    """` lang="da"` on an element holding BL's content (always Danish) when the page is in
    another language, so screen readers and translators know it is Danish (WCAG 3.1.2)."""
    if translation.get_language() == CONTENT_LANGUAGE:
        return mark_safe("")  # noqa: S308  # nosec B308, B703: a constant
    return mark_safe(f' lang="{CONTENT_LANGUAGE}"')  # noqa: S308  # nosec B308, B703: a constant
