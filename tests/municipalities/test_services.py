from decimal import Decimal

import pytest

from almen.core.cache import content_version
from municipalities.models import HousingOrganisation, Indicator, NationalFact, Observation
from municipalities.services import (
    municipalities_content_load,
    municipalities_demo_data_create,
    period_parse,
)

pytestmark = pytest.mark.django_db

SOURCE = "BL's egne beregninger på baggrund af Danmarks Statistiks registerdata"

KALUNDBORG_2025 = {
    ("dwellings_youth", "2025"): 30,
    ("dwellings_family", "2025"): 3372,
    ("dwellings_elderly", "2025"): 602,
    ("started_youth", "2022–2024"): 0,
    ("started_family", "2022–2024"): 0,
    ("started_elderly", "2022–2024"): 24,
    ("residents", "2025"): 6000,
    ("housing_stock_share", "2025"): 16,
    ("move_out_rate_family", "2024"): 14,
    ("rent_turnover", "2024"): 263,
    ("lbf_renovation", "2020–2024"): 397,
    ("local_turnover", "2024"): 67,
}
HERNING_2024 = {
    ("dwellings_youth", "2024"): 1086,
    ("dwellings_family", "2024"): 6355,
    ("dwellings_elderly", "2024"): 530,
    ("started_youth", "2021–2023"): 0,
    ("started_family", "2021–2023"): 0,
    ("started_elderly", "2021–2023"): 46,
    ("residents", "2024"): 12200,
    ("housing_stock_share", "2024"): 18,
    ("move_out_rate_family", "2023"): 14,
    ("rent_turnover", "2023"): 464,
    ("lbf_renovation", "2021–2023"): 353,
    ("local_turnover", "2024"): 106,  # the sheet gives no year: its own, not shown
}


def _figures(municipality) -> dict:
    return {
        (o.indicator.key, o.period): o.value
        for o in Observation.objects.filter(municipality=municipality).select_related("indicator")
    }


def test_period_parse():
    assert period_parse(period="2025") == (2025, 2025)
    assert period_parse(period=2024) == (2024, 2024)
    assert period_parse(period="2022-2024") == (2022, 2024)
    assert period_parse(period="2022–2024") == (2022, 2024)
    for bad in ["", "25", "2024-2022", "2022/2024", "år 2025"]:
        with pytest.raises(ValueError):
            period_parse(period=bad)


def test_loader_loads_kalundborg_2025_exactly(loaded, kalundborg):
    assert _figures(kalundborg) == {key: Decimal(value) for key, value in KALUNDBORG_2025.items()}
    sources = dict(
        Observation.objects.filter(municipality=kalundborg).values_list("indicator__key", "source")
    )
    assert sources["dwellings_family"] == SOURCE
    assert sources["lbf_renovation"] == "Landsbyggefonden"


def test_loader_loads_herning_2024_exactly(loaded, herning):
    assert _figures(herning) == {key: Decimal(value) for key, value in HERNING_2024.items()}


def test_loader_loads_indicators_facts_and_national_values(loaded):
    assert Indicator.objects.count() == 12
    assert Indicator.objects.get(key="rent_turnover").unit == Indicator.Unit.MILLION_DKK
    national = {
        o.indicator.key: (o.value, o.period)
        for o in Observation.objects.filter(municipality=None).select_related("indicator")
    }
    assert national == {
        "residents": (Decimal(975000), "2023"),
        "housing_stock_share": (Decimal(20), "2023"),
    }
    rent = NationalFact.objects.get(key="square-metre-rent", year=2025)
    assert rent.text == (
        "kvadratmeterhuslejen i almene familieboliger er i gns. 25 pct. lavere end i "
        "private lejeboliger."
    )
    assert rent.source == "Boligstat.dk (2025)"
    assert NationalFact.objects.get(key="municipal-allocations", year=2024).source == (
        "Landsbyggefonden (2023)"
    )
    assert NationalFact.objects.filter(group=NationalFact.Group.DID_YOU_KNOW).count() == 8
    assert "hver fjerde af de ledige almene familieboliger" in (
        NationalFact.objects.get(key="right-to-assign", year=2025).text
    )
    assert "< 50 m²: 3.200 kr." in NationalFact.objects.get(key="median-rent").text
    assert "> 85 m²: 6.900 kr." in NationalFact.objects.get(key="median-rent").text


def test_loader_is_idempotent(loaded):
    counts = (Indicator.objects.count(), Observation.objects.count(), NationalFact.objects.count())
    version = content_version(area="municipalities")
    summary = municipalities_content_load()
    assert summary == "0 created, 0 updated, 82 unchanged, 0 kept"
    assert counts == (
        Indicator.objects.count(),
        Observation.objects.count(),
        NationalFact.objects.count(),
    )
    assert content_version(area="municipalities") == version


def test_loader_keeps_staff_edits(loaded, kalundborg):
    observation = Observation.objects.get(
        municipality=kalundborg, indicator__key="residents", end_year=2025
    )
    observation.value = Decimal("6100")
    observation.save()
    fact = NationalFact.objects.get(key="volunteering")
    fact.text = "Rettet af BL."
    fact.save()

    summary = municipalities_content_load()

    assert "2 kept" in summary
    observation.refresh_from_db()
    fact.refresh_from_db()
    assert observation.value == Decimal("6100")
    assert fact.text == "Rettet af BL."


def test_loader_restores_a_deleted_row(loaded, kalundborg):
    Observation.objects.filter(municipality=kalundborg, indicator__key="residents").delete()
    assert municipalities_content_load().startswith("1 created")
    residents = Observation.objects.get(municipality=kalundborg, indicator__key="residents")
    assert residents.value == 6000


def test_demo_data_adds_organisations_named_as_demo_data(loaded, kalundborg):
    municipalities_demo_data_create()
    municipalities_demo_data_create()
    names = list(HousingOrganisation.objects.values_list("name", flat=True))
    assert len(names) == 2
    assert all("(demodata)" in name for name in names)
    assert kalundborg.housing_organisations.count() == 1
