"""The admin base of every page that edits versioned content (almen/editorial/registry.py).

Saves through it are stored as versions (django-reversion); the history shows what changed,
field by field, and restores an earlier version (django-reversion-compare).
"""

from reversion_compare.admin import CompareVersionAdmin


class ContentAdmin(CompareVersionAdmin):
    pass
