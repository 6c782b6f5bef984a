import re
from decimal import Decimal

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _

from almen.core.templatetags.almen import localized_number
from municipalities.selectors import decimal_plain

register = template.Library()


@register.filter
def figure_value(value, unit: str) -> str:
    """A figure with its unit in the page's language: “3.372”, “16 pct.”, “263 mio. kr.”
    in Danish, “3,372”, “16%”, “DKK 263 million” in English."""
    if isinstance(value, str) and value:
        value = Decimal(value)  # as kept in an import's JSON summary
    if isinstance(value, Decimal):
        value = decimal_plain(value)
    number = localized_number(value)
    if unit == "pct":
        return _("%(number)s%%") % {"number": number}
    if unit == "mio_dkk":
        return _("DKK %(number)s million") % {"number": number}
    return number


_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^\s)]+)\)")


def _inline(text: str) -> str:
    """Escape a line and turn ``[text](https://…)`` into a link."""
    parts = []
    position = 0
    for match in _LINK.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(format_html('<a href="{}">{}</a>', match.group(2), match.group(1)))
        position = match.end()
    parts.append(escape(text[position:]))
    return format_html_join("", "{}", ((part,) for part in parts))


@register.filter
def sheet_text(text: str) -> str:
    """A sheet section's text as HTML: paragraphs separated by an empty line, lines
    starting with “- ” as a bullet list, ``[text](https://…)`` as links; all else escaped."""
    blocks = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((_inline(line[2:]),) for line in lines))
            blocks.append(format_html("<ul>{}</ul>", items))
        else:
            blocks.append(format_html("<p>{}</p>", _inline(" ".join(lines))))
    return format_html_join("\n", "{}", ((block,) for block in blocks))
