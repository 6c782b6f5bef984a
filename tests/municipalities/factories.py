from decimal import Decimal

import factory

from municipalities.models import (
    HousingOrganisation,
    Indicator,
    Municipality,
    MunicipalitySheet,
    NationalFact,
    Observation,
    SharedSheetSection,
    SheetFact,
    SheetSection,
)


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


class MunicipalitySheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalitySheet

    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="326"))
    year = 2025
    figures_source = "BL's egne beregninger"


class SharedSheetSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedSheetSection

    key = factory.Sequence(lambda n: f"shared-{n}")
    heading = factory.Sequence(lambda n: f"Fælles afsnit {n}")
    text = factory.Sequence(lambda n: f"Fælles tekst {n}.")


class SheetSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SheetSection

    sheet = factory.SubFactory(MunicipalitySheetFactory)
    order = factory.Sequence(lambda n: n)
    heading = factory.Sequence(lambda n: f"Afsnit {n}")
    text = factory.Sequence(lambda n: f"Egen tekst {n}.")


class SheetFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SheetFact

    sheet = factory.SubFactory(MunicipalitySheetFactory)
    order = factory.Sequence(lambda n: n)
    fact = factory.SubFactory(NationalFactFactory)
