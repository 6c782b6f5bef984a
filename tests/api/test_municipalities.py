from decimal import Decimal

import pytest
from django.urls import reverse

from municipalities.models import Indicator, Municipality, MunicipalitySheet
from municipalities.services import municipalities_content_changed
from tests.municipalities.factories import (
    HousingOrganisationFactory,
    IndicatorFactory,
    MunicipalitySheetFactory,
    NationalFactFactory,
    ObservationFactory,
    SheetSectionFactory,
)

pytestmark = pytest.mark.django_db


def _municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def test_all_98_municipalities_on_one_page(client):
    response = client.get(reverse("municipality-list"), {"page_size": 100})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 98
    assert len(body["results"]) == 98
    assert body["next"] is None
    names = [item["name"] for item in body["results"]]
    assert names[:2] == ["Aabenraa", "Aalborg"]
    assert names == list(
        Municipality.objects.order_by("name", "code").values_list("name", flat=True)
    )


def test_municipality_detail_by_code(client):
    MunicipalitySheetFactory(municipality=_municipality("326"))
    ObservationFactory(municipality=_municipality("657"))  # figures without a sheet
    response = client.get(reverse("municipality-detail", kwargs={"code": "326"}))
    assert response.json() == {
        "code": "326",
        "name": "Kalundborg",
        "official_name": "Kalundborg Kommune",
        "council_name": "Kalundborgs Byråd",
        "slug": "kalundborg",
        "region": {"code": "1085", "name": "Sjælland", "slug": "sjaelland"},
        "has_figures": True,
        "url": "http://testserver/kommuner/kalundborg/",
    }
    other = client.get(reverse("municipality-detail", kwargs={"code": "657"})).json()
    assert other["has_figures"] is False


def test_municipality_filters(client):
    url = reverse("municipality-list")
    sjaelland = client.get(url, {"region": "1085", "page_size": 100}).json()
    assert sjaelland["count"] == 17
    assert {item["region"]["code"] for item in sjaelland["results"]} == {"1085"}
    assert [i["name"] for i in client.get(url, {"search": "koege"}).json()["results"]] == ["Køge"]
    assert [i["name"] for i in client.get(url, {"search": "KØGE"}).json()["results"]] == ["Køge"]
    assert client.get(url, {"search": "zzz"}).json()["count"] == 0
    bad = client.get(url, {"region": "hovedstaden"})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["region"]


def test_regions(client):
    body = client.get(reverse("region-list")).json()
    assert [region["code"] for region in body["results"]] == [
        "1081",
        "1082",
        "1083",
        "1084",
        "1085",
    ]
    assert client.get(reverse("region-detail", kwargs={"code": "1084"})).json() == {
        "code": "1084",
        "name": "Hovedstaden",
        "slug": "hovedstaden",
    }


def test_kalundborg_profile_has_its_2025_figures_with_sources(client, loaded_content):
    response = client.get(reverse("municipality-profile", kwargs={"code": "326"}))
    assert response.status_code == 200
    body = response.json()
    assert body["municipality"]["name"] == "Kalundborg"
    figures = {figure["indicator"]["key"]: figure for figure in body["figures"]}
    family = figures["dwellings_family"]
    assert family["latest"] == {
        "value": 3372,
        "start_year": 2025,
        "end_year": 2025,
        "period": "2025",
        "source": "BL's egne beregninger på baggrund af Danmarks Statistiks registerdata",
        "year_stated": True,
    }
    assert family["indicator"]["unit"] == "count"
    assert figures["housing_stock_share"]["latest"]["value"] == 16
    assert figures["housing_stock_share"]["latest"]["end_year"] == 2025
    assert figures["lbf_renovation"]["latest"]["source"] == "Landsbyggefonden"
    assert figures["lbf_renovation"]["latest"]["period"] == "2020–2024"
    assert figures["started_elderly"]["latest"]["value"] == 24
    assert all(figure["latest"]["source"] for figure in body["figures"])
    assert len(body["figures"]) == 12
    assert figures["residents"]["latest"]["year_stated"] is False


def test_profile_gives_the_sheet_with_its_sections_and_sources(client, loaded_content):
    herning = client.get(reverse("municipality-profile", kwargs={"code": "657"})).json()
    sheet = herning["sheet"]
    assert sheet["year"] == 2024
    assert [section["heading"] for section in sheet["sections"]] == [
        "",
        "",
        "Vi understøtter et varieret boligudbud med plads til alle",
        "Vi bidrager til et inkluderende samfund og gør en forskel ude lokalt",
        "Samfundsansvar er en del af vores DNA",
    ]
    first = sheet["sections"][0]
    assert first["shared_key"] == "unique-areas" and first["is_own"] is False
    assert first["text"].startswith("De almene boligområder er unikke, fordi de skaber rammer")
    assert sheet["sections"][2]["is_own"] is True
    assert [(fact["number"], fact["source"]) for fact in sheet["facts"]] == [
        (1, "Boligstat.dk (2024)"),
        (2, "Survey foretaget af Epinion for BL (2024)"),
        (3, "Boligsocialkort.dk; Landsbyggefonden (2024)"),
        (4, "Landsbyggefonden (2023)"),
    ]
    own = SheetSectionFactory(
        sheet=MunicipalitySheet.objects.get(municipality__code="657"),
        order=999,
        heading="Herning for alle",
        text="Egen tekst.",
    )
    municipalities_content_changed()
    last = client.get(reverse("municipality-profile", kwargs={"code": "657"})).json()["sheet"]
    assert last["sections"][-1] == {
        "heading": own.heading,
        "text": "Egen tekst.",
        "shared_key": None,
        "is_own": True,
    }
    copenhagen = client.get(reverse("municipality-profile", kwargs={"code": "101"})).json()
    assert copenhagen["sheet"] is None
    assert copenhagen["municipality"]["official_name"] == "Københavns Kommune"
    assert copenhagen["municipality"]["council_name"] == "Borgerrepræsentationen"


def test_profile_gives_the_national_value_and_unknown_code_404(client):
    kalundborg = _municipality("326")
    indicator = IndicatorFactory(key="share", unit=Indicator.Unit.PERCENT)
    ObservationFactory(municipality=kalundborg, indicator=indicator, value=Decimal("14.50"))
    ObservationFactory(municipality=kalundborg, indicator=indicator, start_year=2023, value=9)
    ObservationFactory(municipality=None, indicator=indicator, value=Decimal("20.00"), source="")
    response = client.get(reverse("municipality-profile", kwargs={"code": "326"}))
    (figure,) = response.json()["figures"]
    assert figure["latest"]["value"] == 14.5
    assert figure["national"] == {
        "value": 20,
        "start_year": 2025,
        "end_year": 2025,
        "period": "2025",
        "source": "BL's egne beregninger",
        "year_stated": True,
    }
    assert response.json()["sheet"] is None
    assert client.get(reverse("municipality-profile", kwargs={"code": "999"})).status_code == 404


def test_indicator_unit_labels_follow_accept_language(client):
    IndicatorFactory(key="rent", unit=Indicator.Unit.MILLION_DKK)
    IndicatorFactory(key="homes", unit=Indicator.Unit.COUNT)
    IndicatorFactory(key="share", unit=Indicator.Unit.PERCENT)
    url = reverse("indicator-list")
    danish = {i["key"]: i["unit_label"] for i in client.get(url).json()["results"]}
    assert danish == {"rent": "mio. kr.", "homes": "antal", "share": "pct."}
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert {i["key"]: i["unit_label"] for i in english.json()["results"]} == {
        "rent": "million DKK",
        "homes": "count",
        "share": "per cent",
    }
    assert english["Content-Language"] == "en"
    assert "Accept-Language" in english["Vary"]
    detail = client.get(reverse("indicator-detail", kwargs={"key": "rent"})).json()
    assert detail["key"] == "rent"


def _observations():
    homes = IndicatorFactory(key="homes", order=1, default_source="Standardkilde")
    share = IndicatorFactory(key="share", order=2, unit=Indicator.Unit.PERCENT)
    kalundborg, herning = _municipality("326"), _municipality("657")
    ObservationFactory(municipality=kalundborg, indicator=homes, value=3372, source="")
    ObservationFactory(municipality=herning, indicator=homes, value=6355, start_year=2024)
    ObservationFactory(
        municipality=None, indicator=homes, value=500000, source="Danmarks Statistik"
    )
    ObservationFactory(
        municipality=kalundborg,
        indicator=share,
        start_year=2022,
        end_year=2024,
        value=Decimal("14.5"),
    )
    return homes, share


def test_observations_json_numbers_and_filters(client):
    _observations()
    url = reverse("observation-list")
    body = client.get(url, {"indicator": "homes"}).json()
    assert body["count"] == 3
    first, kalundborg, herning = body["results"]
    assert first["municipality"] is None
    assert first["value"] == 500000
    assert kalundborg["municipality"] == {"code": "326", "name": "Kalundborg"}
    assert kalundborg["source"] == "Standardkilde"
    assert herning["period"] == "2024"
    assert kalundborg["updated_at"].endswith(("+01:00", "+02:00"))
    assert client.get(url, {"municipality": "326"}).json()["count"] == 2
    assert client.get(url, {"national": "true"}).json()["count"] == 1
    assert client.get(url, {"national": "false"}).json()["count"] == 3
    assert client.get(url, {"year_from": 2025}).json()["count"] == 2
    assert client.get(url, {"year_to": 2023}).json()["count"] == 1
    assert client.get(url, {"year_from": 2023, "year_to": 2024}).json()["count"] == 2
    share = client.get(url, {"indicator": "share"}).json()["results"][0]
    assert share["value"] == 14.5
    assert share["period"] == "2022–2024"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"indicator": "unknown"}, "indicator"),
        ({"municipality": "999"}, "municipality"),
        ({"year_from": "abc"}, "year_from"),
        ({"year_to": "2024.5"}, "year_to"),
        ({"year_from": "1200"}, "year_from"),
        ({"national": "maybe"}, "national"),
    ],
)
def test_observation_filter_errors_name_the_field(client, params, field):
    response = client.get(reverse("observation-list"), params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert field in response.json()["detail"]


def test_observations_as_csv(client):
    _observations()
    url = reverse("observation-list")
    expected = (
        "municipality_code,municipality_name,indicator,unit,start_year,end_year,period,value,source\r\n"
        ",,homes,count,2025,2025,2025,500000,Danmarks Statistik\r\n"
        "326,Kalundborg,homes,count,2025,2025,2025,3372,Standardkilde\r\n"
        "657,Herning,homes,count,2024,2024,2024,6355,Testkilde\r\n"
    )
    response = client.get(url, {"indicator": "homes", "format": "csv", "page_size": 1})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode() == expected
    by_header = client.get(url, {"indicator": "homes"}, HTTP_ACCEPT="text/csv")
    assert by_header.content.decode() == expected
    assert by_header["ETag"]


def test_csv_errors_are_json(client):
    response = client.get(reverse("observation-list"), {"indicator": "nope", "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["indicator"]


def test_facts_and_filters(client):
    NationalFactFactory(key="rent", year=2024, order=1)
    NationalFactFactory(key="rent", year=2025, order=1, text="husleje.")
    NationalFactFactory(key="rooms", group="in_figures", year=2023)
    url = reverse("fact-list")
    body = client.get(url).json()
    assert [(fact["key"], fact["year"]) for fact in body["results"]] == [
        ("rent", 2025),
        ("rent", 2024),
        ("rooms", 2023),
    ]
    assert body["results"][0]["text"] == "husleje."
    assert body["results"][0]["group_label"]
    assert client.get(url, {"group": "in_figures"}).json()["count"] == 1
    assert client.get(url, {"year": 2024}).json()["count"] == 1
    bad = client.get(url, {"group": "gossip"})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["group"]


def test_organisations_filtered_by_municipality(client):
    kalundborg, herning = _municipality("326"), _municipality("657")
    both = HousingOrganisationFactory(name="Bolig A", slug="bolig-a")
    both.municipalities.set([herning, kalundborg])
    HousingOrganisationFactory(name="Bolig B", slug="bolig-b").municipalities.set([herning])
    url = reverse("organisation-list")
    assert [o["slug"] for o in client.get(url).json()["results"]] == ["bolig-a", "bolig-b"]
    assert [o["slug"] for o in client.get(url, {"municipality": "326"}).json()["results"]] == [
        "bolig-a"
    ]
    detail = client.get(reverse("organisation-detail", kwargs={"slug": "bolig-a"})).json()
    assert detail == {
        "name": "Bolig A",
        "slug": "bolig-a",
        "cvr": None,
        "website": "https://example.org/",
        "email": "",
        "is_bl_member": True,
        "is_demo": False,
        "municipalities": ["326", "657"],
        "url": "http://testserver/organisationer/bolig-a/",
    }
    assert client.get(url, {"municipality": "abc"}).status_code == 400


def test_csv_neutralises_formulas_but_not_numbers(client):
    indicator = IndicatorFactory(key="homes", default_source="Standardkilde")
    for code, source in [("326", '=HYPERLINK("http://x")'), ("657", "@SUM(A1)")]:
        ObservationFactory(municipality=_municipality(code), indicator=indicator, source=source)
    ObservationFactory(municipality=None, indicator=indicator, value=Decimal("-5"), source="-1")
    ObservationFactory(municipality=_municipality("101"), indicator=indicator, source="+1\tx")
    response = client.get(reverse("observation-list"), {"format": "csv"})
    lines = response.content.decode().splitlines()[1:]
    sources = sorted(line.rsplit(",", 1)[-1] for line in lines)
    assert sources == sorted(["'-1", "'+1\tx", "'@SUM(A1)", '"\'=HYPERLINK(""http://x"")"'])
    national = next(line for line in lines if line.startswith(",,"))
    assert ",-5," in national  # a negative number stays a number


def test_format_csv_wins_over_an_accept_header(client):
    ObservationFactory(municipality=_municipality("326"))
    url = reverse("observation-list")
    response = client.get(url, {"format": "csv"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().startswith("municipality_code,")
    as_json = client.get(url, {"format": "json"}, HTTP_ACCEPT="text/csv")
    assert as_json["Content-Type"] == "application/json"
    assert as_json.json()["count"] == 1
