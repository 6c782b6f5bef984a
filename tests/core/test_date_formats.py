"""Dates and times follow the page's language (almen/core/templatetags/almen.py)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

WHEN = datetime(2026, 3, 10, 11, 0, tzinfo=ZoneInfo("UTC"))  # 12.00 in Copenhagen
TEMPLATE = Template(
    "{% load almen %}{{ when|long_date }} | {{ when|full_date }} | {{ when|day_month }} | "
    "{{ when|clock }} | {{ when|date_time }}"
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            "tirsdag 10. marts 2026 | 10. marts 2026 | 10. marts | 12.00 | 10. marts 2026 12.00",
        ),
        ("en", "Tuesday 10 March 2026 | 10 March 2026 | 10 March | 12:00 | 10 March 2026, 12:00"),
    ],
)
def test_dates_in_each_language(language, expected):
    with translation.override(language):
        assert TEMPLATE.render(Context({"when": WHEN})) == expected


def test_no_date_renders_nothing():
    assert TEMPLATE.render(Context({"when": None})) == " |  |  |  | "
