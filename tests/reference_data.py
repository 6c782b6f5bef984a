"""The reference data that data migrations load (regions and municipalities, the site name).

A transactional test (live server, real Celery workers) empties every table when it ends,
so the tests that come after it would find no municipalities. ``reference_data_ensure`` puts
the rows back by running the same migration functions that loaded them.
"""

from importlib import import_module

from django.apps import apps
from django.contrib.sites.models import Site

from municipalities.models import Municipality

_LOADERS = [
    (
        "almen.core.migrations.0001_site_name",
        "name_site",
        lambda: Site.objects.filter(pk=1, name="Almen").exists(),
    ),
    (
        "municipalities.migrations.0002_load_regions_and_municipalities",
        "load",
        lambda: Municipality.objects.exists(),
    ),
    (
        "municipalities.migrations.0006_load_official_names_and_councils",
        "load",
        lambda: Municipality.objects.exclude(official_name="").exists(),
    ),
]


def reference_data_ensure() -> None:
    for module_name, function_name, present in _LOADERS:
        if not present():
            getattr(import_module(module_name), function_name)(apps, None)
