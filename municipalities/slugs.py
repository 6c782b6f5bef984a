"""The one slug rule for Danish place names: lower case, æ/ø/å written ae/oe/aa.

``københavn`` and ``koebenhavn`` both reach the same page; the ASCII form is canonical.
"""

from django.utils.text import slugify

_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def danish_slug(name: str) -> str:
    return slugify(name.lower().translate(_DANISH_LETTERS))
