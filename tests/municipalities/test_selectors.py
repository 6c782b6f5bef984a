from decimal import Decimal

import pytest

from municipalities.selectors import (
    municipality_list_with_figures,
    municipality_profile,
    national_fact_list,
)
from tests.municipalities.factories import (
    IndicatorFactory,
    MunicipalitySheetFactory,
    NationalFactFactory,
    ObservationFactory,
)

pytestmark = pytest.mark.django_db


def test_profile_gives_newest_value_with_source_and_national_value(kalundborg):
    share = IndicatorFactory(key="share", unit="pct", order=2)
    count = IndicatorFactory(key="count", order=1, default_source="Standardkilde")
    ObservationFactory(municipality=kalundborg, indicator=share, start_year=2024, value=15)
    ObservationFactory(
        municipality=kalundborg, indicator=share, start_year=2025, value=Decimal("16.50")
    )
    ObservationFactory(municipality=None, indicator=share, start_year=2023, value=20)
    ObservationFactory(municipality=None, indicator=share, start_year=2022, value=19)
    ObservationFactory(municipality=kalundborg, indicator=count, value=3372, source="")
    ObservationFactory(municipality=None, indicator=IndicatorFactory(key="only_national"))

    profile = municipality_profile(municipality=kalundborg)

    assert [figure.key for figure in profile.figures] == ["count", "share"]
    latest = profile.by_key["share"].latest
    assert (latest.value, latest.period, latest.source) == (Decimal("16.5"), "2025", "Testkilde")
    assert str(latest.value) == "16.5"
    national = profile.by_key["share"].national
    assert (national.value, national.period) == (Decimal(20), "2023")
    assert profile.by_key["count"].national is None
    assert profile.by_key["count"].latest.source == "Standardkilde"
    assert str(profile.by_key["count"].latest.value) == "3372"


def test_profile_prefers_the_period_that_ends_last(kalundborg):
    started = IndicatorFactory(key="started")
    ObservationFactory(municipality=kalundborg, indicator=started, start_year=2021, end_year=2023)
    ObservationFactory(
        municipality=kalundborg, indicator=started, start_year=2022, end_year=2024, value=24
    )
    figure = municipality_profile(municipality=kalundborg).by_key["started"]
    assert (figure.latest.period, figure.latest.value) == ("2022–2024", 24)


def test_profile_of_a_municipality_without_figures_is_empty(kalundborg, herning):
    ObservationFactory(municipality=herning)
    profile = municipality_profile(municipality=kalundborg)
    assert not profile.has_figures
    assert profile.figures == []


def test_profile_query_count_is_constant(kalundborg, django_assert_num_queries):
    for n in range(5):
        ObservationFactory(municipality=kalundborg, start_year=2020 + n)
        ObservationFactory(municipality=None, start_year=2020 + n)
    with django_assert_num_queries(3):
        municipality_profile(municipality=kalundborg)


def test_national_facts_newest_year_replaces_older():
    NationalFactFactory(key="rent", year=2024, text="gammel", order=1)
    NationalFactFactory(key="rent", year=2025, text="ny", order=1)
    NationalFactFactory(key="plans", year=2024, text="kun 2024", order=2)
    assert [fact.text for fact in national_fact_list()] == ["ny", "kun 2024"]


def test_municipality_search_in_either_spelling(kalundborg, herning):
    ObservationFactory(municipality=herning)  # figures without a published sheet do not count
    MunicipalitySheetFactory(municipality=kalundborg)
    MunicipalitySheetFactory(municipality=herning, is_published=False)
    assert [m.name for m in municipality_list_with_figures(query="køge")] == ["Køge"]
    assert [m.name for m in municipality_list_with_figures(query="KOEGE")] == ["Køge"]
    everyone = municipality_list_with_figures()
    assert len(everyone) == 98
    assert [m.name for m in everyone if m.has_figures] == ["Kalundborg"]
