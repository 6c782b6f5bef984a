import pytest
from django.core.management import call_command

from municipalities.models import Municipality


@pytest.mark.django_db(transaction=True)
def test_every_migration_reverses_and_applies_again():
    # Dependants first: campaigns points at goals and municipalities.
    for app_label in ("campaigns", "goals", "municipalities", "core"):
        call_command("migrate", app_label, "zero", verbosity=0)
    call_command("migrate", verbosity=0)
    assert Municipality.objects.count() == 98
