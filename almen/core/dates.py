"""Dates and times in the active language: "tirsdag 10. marts 2026, 12.00" in Danish,
"Tuesday 10 March 2026, 12:00" in English. Each format is a translated string, used by the
template filters of the same names (``{{ session.starts_at|long_date }}``) and by code that
writes dates into sentences (emails, messages)."""

from django.utils.formats import date_format
from django.utils.translation import pgettext_lazy

DATE_FORMATS = {
    "long_date": pgettext_lazy("date format with weekday", "l j F Y"),
    "full_date": pgettext_lazy("date format", "j F Y"),
    "day_month": pgettext_lazy("date format without the year", "j F"),
    "date_time": pgettext_lazy("date and time format", "j F Y, H:i"),
    "clock": pgettext_lazy("time of day format", "H:i"),
}


def date_in_language(value, *, kind: str) -> str:
    """``value`` in the format ``kind`` of DATE_FORMATS, or "" for no value."""
    return date_format(value, str(DATE_FORMATS[kind])) if value else ""
