from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from almen.core.templatetags.almen import danish_number
from municipalities.selectors import decimal_plain

register = template.Library()


@register.filter
def figure_value(value, unit: str) -> str:
    """A figure with its unit, in Danish number format: “3.372”, “16 pct.”, “263 mio. kr.”."""
    if isinstance(value, str) and value:
        value = Decimal(value)  # as kept in an import's JSON summary
    if isinstance(value, Decimal):
        value = decimal_plain(value)
    number = danish_number(value)
    if unit == "pct":
        return _("%(number)s pct.") % {"number": number}
    if unit == "mio_dkk":
        return _("%(number)s mio. kr.") % {"number": number}
    return number
