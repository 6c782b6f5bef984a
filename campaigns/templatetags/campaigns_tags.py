from django import template
from django.urls import NoReverseMatch
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def paragraphs(text: str) -> SafeString:
    """Text with blank lines between paragraphs → <p>s; a block whose lines all start with
    "- " becomes a bulleted list (as the campaign introduction is written)."""
    blocks = [block.strip() for block in (text or "").split("\n\n") if block.strip()]
    parts = []
    for block in blocks:
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines))
            parts.append(format_html("<ul>{}</ul>", items))
        else:
            parts.append(format_html("<p>{}</p>", " ".join(lines)))
    return format_html_join("\n", "{}", ((part,) for part in parts))


@register.filter
def url_or_empty(obj) -> str:
    """``obj.get_absolute_url()``, or "" while the page it names does not exist yet."""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.filter
def qr_code(url: str) -> str:
    """A QR code of ``url`` as an SVG data URI, for an ``<img src>``."""
    from campaigns.pdf import qr_data_uri

    return qr_data_uri(url) if url else ""
