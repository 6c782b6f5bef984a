import re
from decimal import Decimal

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from almen.core.templatetags.almen import danish_number
from municipalities.selectors import decimal_plain

register = template.Library()


@register.filter
def figure_value(value, unit: str) -> str:
    """A figure with its unit, in Danish number format: “3.372”, “16 pct.”, “263 mio. kr.”."""
    if isinstance(value, Decimal):
        value = decimal_plain(value)
    number = danish_number(value)
    if unit == "pct":
        return _("%(number)s pct.") % {"number": number}
    if unit == "mio_dkk":
        return _("%(number)s mio. kr.") % {"number": number}
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
    return "".join(parts)


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
            items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append(f"<p>{_inline(' '.join(lines))}</p>")
    return mark_safe("\n".join(blocks))  # noqa: S308 (every piece is escaped above)
