from decimal import Decimal

import factory

from municipalities.models import HousingOrganisation, Indicator, NationalFact, Observation


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"indicator_{n}")
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = Indicator.Unit.COUNT
    group = "key_figures"
    default_source = "BL's egne beregninger"
    order = factory.Sequence(lambda n: n)


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    municipality = None
    indicator = factory.SubFactory(IndicatorFactory)
    start_year = 2025
    end_year = factory.LazyAttribute(lambda o: o.start_year)
    value = Decimal("100")
    source = "Testkilde"


class NationalFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NationalFact

    key = factory.Sequence(lambda n: f"fact-{n}")
    group = NationalFact.Group.DID_YOU_KNOW
    year = 2025
    text = factory.Sequence(lambda n: f"fakta nummer {n}.")
    source = "Testkilde (2025)"


class HousingOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingOrganisation

    name = factory.Sequence(lambda n: f"Boligselskab {n}")
    slug = factory.Sequence(lambda n: f"boligselskab-{n}")
    website = "https://example.org/"
