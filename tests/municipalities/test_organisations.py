from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from municipalities.models import HousingOrganisation, validate_cvr
from tests.municipalities.factories import HousingOrganisationFactory

HEADER = "name,cvr,municipality_codes,website,email\n"
GOOD = HEADER + (
    "Boligselskabet Vest,12345674,326;657,https://vest.example.org/,kontakt@vest.example.org\n"
    "Almene Boliger Øst,10000009,101,,\n"
)


@pytest.mark.parametrize("cvr", ["12345674", "10000009"])
def test_valid_cvr_numbers_pass_the_modulus_11_check(cvr):
    validate_cvr(cvr)


@pytest.mark.parametrize(
    "cvr, message",
    [
        ("12345675", "kontrolcifferet passer ikke"),
        ("1234567", "otte cifre"),
        ("1234567a", "otte cifre"),
        ("01234567", "otte cifre"),
    ],
)
def test_invalid_cvr_numbers_are_refused(cvr, message):
    with pytest.raises(ValidationError) as error:
        validate_cvr(cvr)
    assert message in error.value.messages[0]


def _import(tmp_path, content: str, *args) -> str:
    path = tmp_path / "medlemmer.csv"
    path.write_text(content, encoding="utf-8")
    out = StringIO()
    call_command("import_organisations", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_import_creates_and_is_idempotent_by_cvr(db, tmp_path):
    assert "Dry run, nothing saved: 2 create" in _import(tmp_path, GOOD, "--dry-run")
    assert not HousingOrganisation.objects.exists()
    assert "Saved: 2 create, 0 update, 0 unchanged." in _import(tmp_path, GOOD)
    vest = HousingOrganisation.objects.get(cvr="12345674")
    assert (vest.name, vest.slug, vest.email) == (
        "Boligselskabet Vest",
        "boligselskabet-vest",
        "kontakt@vest.example.org",
    )
    assert sorted(m.code for m in vest.municipalities.all()) == ["326", "657"]
    assert HousingOrganisation.objects.get(cvr="10000009").slug == "almene-boliger-oest"
    assert "Saved: 0 create, 0 update, 2 unchanged." in _import(tmp_path, GOOD)
    renamed = GOOD.replace("Boligselskabet Vest", "Boligselskabet Vestegnen")
    assert "Saved: 0 create, 1 update, 1 unchanged." in _import(tmp_path, renamed)
    vest.refresh_from_db()
    assert (vest.name, vest.slug) == ("Boligselskabet Vestegnen", "boligselskabet-vest")
    assert HousingOrganisation.objects.count() == 2


def test_one_bad_row_saves_nothing_and_every_error_is_reported(db, tmp_path):
    bad = GOOD + "Forkert,12345675,999,ftp://x,ikke-en-mail\n,12345674,326,,\n"
    with pytest.raises(CommandError, match="Nothing saved: invalid rows on lines 4, 5"):
        _import(tmp_path, bad)
    assert not HousingOrganisation.objects.exists()


def test_the_import_reports_each_error_of_a_row(db):
    from municipalities.organisation_imports import organisations_import

    bad = GOOD + "Forkert,12345675,999,ftp://x,ikke-en-mail\n,12345674,,,\n"
    result = organisations_import(filename="m.csv", content=bad.encode(), dry_run=False)
    assert not result.saved
    assert result.rows[2].errors == [
        "12345675 er ikke et gyldigt CVR-nummer (kontrolcifferet passer ikke).",
        "Ukendt kommunekode “999”.",
        "“ftp://x” er ikke en webadresse.",
        "“ikke-en-mail” er ikke en mailadresse.",
    ]
    assert result.rows[3].errors == [
        "Navnet mangler.",
        "CVR 12345674 står også på linje 2.",
        "Angiv mindst én kommunekode.",
    ]


def test_a_file_without_the_columns_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="municipality_codes"):
        _import(tmp_path, "name,cvr\nA,12345674\n")


def test_the_admin_import_shows_a_dry_run_then_saves_on_confirmation(staff_client):
    url = reverse("admin:municipalities_housingorganisation_import")
    upload = StringIO(GOOD)
    upload.name = "medlemmer.csv"
    page = staff_client.post(url, {"file": upload})
    assert page.status_code == 200
    assert "Boligselskabet Vest" in page.content.decode()
    assert not HousingOrganisation.objects.exists()
    done = staff_client.post(url, {"confirm": "1"})
    assert done.status_code == 302
    assert HousingOrganisation.objects.count() == 2


def test_the_organisation_list_searches_and_filters(db):
    vest = HousingOrganisationFactory(name="Vestbo", slug="vestbo", cvr="12345674")
    vest.municipalities.set([vest_municipality := _municipality("326")])
    HousingOrganisationFactory(name="Midtbo", slug="midtbo").municipalities.set(
        [_municipality("657")]
    )
    url = reverse("organisations:organisation-list")
    everyone = Client().get(url).content.decode()
    assert "Vestbo" in everyone and "Midtbo" in everyone
    assert "Midtbo" not in Client().get(url, {"q": "vest"}).content.decode()
    assert "Vestbo" in Client().get(url, {"q": "12345674"}).content.decode()
    by_municipality = Client().get(url, {"municipality": "326"}).content.decode()
    assert "Vestbo" in by_municipality and "Midtbo" not in by_municipality
    by_region = Client().get(url, {"region": vest_municipality.region.code}).content.decode()
    assert "Vestbo" in by_region and "Midtbo" not in by_region
    empty = Client().get(url, {"q": "zzz"}).content.decode()
    assert "Ingen boligorganisation passer til søgningen." in empty


def test_the_organisation_page_and_demo_marking(db):
    from municipalities.services import municipalities_demo_data_create

    municipalities_demo_data_create()
    page = (
        Client()
        .get(
            reverse("organisations:organisation-detail", kwargs={"slug": "demo-boligselskab-vest"})
        )
        .content.decode()
    )
    assert "Demo Boligselskab Vest (demodata)" in page
    assert '<span class="badge">demodata</span>' in page
    assert "Kalundborg" in page
    kalundborg = Client().get("/kommuner/kalundborg/").content.decode()
    assert (
        '/organisationer/demo-boligselskab-vest/">Demo Boligselskab Vest (demodata)</a>'
        in kalundborg
    )
    assert Client().get("/organisationer/findes-ikke/").status_code == 404


def _municipality(code):
    from municipalities.models import Municipality

    return Municipality.objects.get(code=code)
