from decimal import Decimal

import pytest
from django.db import IntegrityError

from municipalities.models import Municipality, Region
from municipalities.slugs import danish_slug
from tests.municipalities.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db


def test_migrations_load_5_regions_and_98_municipalities():
    assert Region.objects.count() == 5
    assert Municipality.objects.count() == 98
    assert Municipality.objects.get(code="101").slug == "koebenhavn"
    assert Municipality.objects.get(code="326").slug == "kalundborg"
    assert str(Municipality.objects.get(code="657")) == "Herning Kommune"


def test_danish_slug_writes_ae_oe_aa():
    assert danish_slug("Ærø") == "aeroe"
    assert danish_slug("Høje-Taastrup") == "hoeje-taastrup"
    assert danish_slug("Tårnby") == "taarnby"


def test_observation_period_is_a_year_or_a_range():
    assert ObservationFactory.build(start_year=2025, end_year=2025).period == "2025"
    assert ObservationFactory.build(start_year=2022, end_year=2024).period == "2022–2024"


def test_one_observation_per_municipality_indicator_and_period(kalundborg):
    indicator = IndicatorFactory()
    ObservationFactory(municipality=kalundborg, indicator=indicator, value=Decimal(1))
    with pytest.raises(IntegrityError):
        ObservationFactory(municipality=kalundborg, indicator=indicator, value=Decimal(2))


def test_one_national_observation_per_indicator_and_period():
    indicator = IndicatorFactory()
    ObservationFactory(municipality=None, indicator=indicator)
    with pytest.raises(IntegrityError):
        ObservationFactory(municipality=None, indicator=indicator)


def test_a_period_cannot_end_before_it_starts(kalundborg):
    with pytest.raises(IntegrityError):
        ObservationFactory(municipality=kalundborg, start_year=2024, end_year=2022)


def test_sheet_text_escapes_html_and_renders_paragraphs_bullets_and_links():
    from municipalities.templatetags.municipalities import sheet_text

    html = sheet_text(
        "Første <b>afsnit</b>\nfortsat.\n\n- et punkt\n- [BL](https://bl.dk) & co\n\n"
        "Se [her](javascript:alert(1))."
    )
    assert html == (
        "<p>Første &lt;b&gt;afsnit&lt;/b&gt; fortsat.</p>\n"
        '<ul><li>et punkt</li><li><a href="https://bl.dk">BL</a> &amp; co</li></ul>\n'
        "<p>Se [her](javascript:alert(1)).</p>"
    )
