from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from almen.core.templatetags.almen import localized_number
from municipalities.selectors import decimal_plain

register = template.Library()


@register.filter
def figure_value(value, unit: str) -> str:
    """A figure with its unit in the page's language: “3.372”, “16 pct.”, “263 mio. kr.”
    in Danish, “3,372”, “16%”, “DKK 263 million” in English."""
    if isinstance(value, Decimal):
        value = decimal_plain(value)
    number = localized_number(value)
    if unit == "pct":
        return _("%(number)s%%") % {"number": number}
    if unit == "mio_dkk":
        return _("DKK %(number)s million") % {"number": number}
    return number
