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


@pytest.mark.django_db(transaction=True)
def test_kalundborgs_council_follows_the_welcome_letter_and_reverses():
    kalundborg = Municipality.objects.filter(code="326")
    assert kalundborg.get().council_name == "Kalundborgs Byråd"
    call_command("migrate", "municipalities", "0008", verbosity=0)
    assert kalundborg.get().council_name == "Kalundborg Byråd"
    call_command("migrate", "municipalities", verbosity=0)
    assert kalundborg.get().council_name == "Kalundborgs Byråd"


@pytest.mark.django_db(transaction=True)
def test_a_council_name_staff_changed_is_left_alone():
    call_command("migrate", "municipalities", "0008", verbosity=0)
    Municipality.objects.filter(code="326").update(council_name="Kalundborg Kommunalbestyrelse")
    call_command("migrate", "municipalities", verbosity=0)
    assert Municipality.objects.get(code="326").council_name == "Kalundborg Kommunalbestyrelse"
