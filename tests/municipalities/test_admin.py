from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from almen.core.cache import content_version
from almen.core.models import ImportUpload
from municipalities.models import Municipality, MunicipalitySheet, Observation
from tests.conftest import with_authenticator
from tests.municipalities.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:municipalities_observation_import")
HEADER = "kommunekode;indikator;periode;værdi\n"
GOOD = HEADER + "326;dwellings_family;2026;3.401\n326;residents;2025;6.050\n"
BAD = HEADER + "326;dwellings_family;2026;3.401\n999;residents;2026;1\n"


def _upload(text: str, name: str = "tal.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.mark.parametrize(
    "name",
    [
        "region",
        "municipality",
        "indicator",
        "observation",
        "nationalfact",
        "housingorganisation",
        "municipalitysheet",
        "sharedsheetsection",
    ],
)
def test_admin_lists_open_for_staff(staff_client, loaded, name):
    url = reverse(f"admin:municipalities_{name}_changelist")
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"q": "kalundborg"}).status_code == 200


def test_observation_list_links_to_the_import(staff_client, loaded):
    response = staff_client.get(reverse("admin:municipalities_observation_changelist"))
    assert f'href="{IMPORT_URL}"' in response.text
    assert "Importér tal" in response.text


def _confirm_url(response) -> str:
    upload = response.context["upload"]
    return reverse("admin:municipalities_observation_import_upload", args=[upload.pk])


def test_import_dry_run_then_confirm(
    staff_client, staff_user, loaded, kalundborg, django_capture_on_commit_callbacks
):
    before = Observation.objects.count()
    response = staff_client.post(IMPORT_URL, {"file": _upload(GOOD)})
    assert response.status_code == 200
    assert Observation.objects.count() == before
    rows = response.context["summary"]["first_rows"]
    assert [(row["line"], row["action"]) for row in rows] == [(2, "create"), (3, "update")]
    assert "Prøvekørsel af tal.csv" in response.text
    assert "1 oprettes, 1 ændres, 0 uændrede." in response.text
    assert "<td>3.401</td>" in response.text
    assert "<td>6.000</td>" in response.text  # the current value of the changed row
    assert 'name="confirm"' in response.text
    # The file waits in the database for this user, not in the session.
    upload = ImportUpload.objects.get()
    assert (upload.user, upload.status, bytes(upload.content)) == (
        staff_user,
        "checked",
        GOOD.encode(),
    )
    assert not [key for key in set(staff_client.session.keys()) if "import" in key]
    version = content_version(area="municipalities")
    url = _confirm_url(response)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"confirm": "1"})

    assert response.status_code == 302
    assert response["Location"] == url
    assert Observation.objects.count() == before + 1
    residents = Observation.objects.get(
        municipality=kalundborg, indicator__key="residents", end_year=2025
    )
    assert residents.value == Decimal(6050)
    # Invalidated (inside the import's transaction and again at its commit).
    assert content_version(area="municipalities") > version
    upload.refresh_from_db()
    assert (upload.status, bytes(upload.content)) == ("done", b"")  # the file is dropped
    page = staff_client.get(url)
    assert "tal.csv: færdig" in page.text
    assert '<th scope="row">Oprettet</th><td>1</td>' in page.text
    assert '<th scope="row">Ændret</th><td>1</td>' in page.text
    assert 'http-equiv="refresh"' not in page.text
    # The stored upload is used once.
    with django_capture_on_commit_callbacks(execute=True):
        assert staff_client.post(url, {"confirm": "1"}).status_code == 302
    assert Observation.objects.count() == before + 1


def test_import_with_a_bad_row_offers_no_confirm_and_saves_nothing(staff_client, loaded):
    before = Observation.objects.count()
    response = staff_client.post(IMPORT_URL, {"file": _upload(BAD)})
    assert response.status_code == 200
    assert "1 række har fejl. Intet bliver gemt" in response.text
    assert "Ukendt kommunekode “999”." in response.text
    assert 'name="confirm"' not in response.text
    assert not ImportUpload.objects.exists()
    assert Observation.objects.count() == before


def test_preview_of_many_bad_rows_shows_the_first_50_and_the_counts(staff_client, loaded):
    rows = "".join(f"999;residents;{2000 + n % 50};{n}\n" for n in range(5_000))
    response = staff_client.post(IMPORT_URL, {"file": _upload(HEADER + rows)})
    assert response.status_code == 200
    assert "5000 rækker har fejl. Intet bliver gemt" in response.text
    assert response.text.count("Ukendt kommunekode “999”.") == 50
    assert "De første 50 rækker med fejl" in response.text
    assert len(response.content) < 100_000


def test_formula_like_source_is_a_warning_not_an_error(staff_client, loaded):
    text = HEADER.replace("værdi", "værdi;kilde") + "326;dwellings_family;2026;3.401;=HYPERLINK()\n"
    response = staff_client.post(IMPORT_URL, {"file": _upload(text)})
    assert 'name="confirm"' in response.text
    assert "1 række har en advarsel." in response.text
    assert (
        "Advarsel: Kilden begynder med “=”, som regnearksprogrammer kan udføre som en formel."
        in response.text
    )


def test_cancel_deletes_the_upload(staff_client, loaded):
    response = staff_client.post(IMPORT_URL, {"file": _upload(GOOD)})
    response = staff_client.post(_confirm_url(response), {"cancel": "1"})
    assert response.status_code == 302
    assert response["Location"] == IMPORT_URL
    assert not ImportUpload.objects.exists()


def test_another_users_upload_is_not_found(staff_client, loaded, django_user_model):
    response = staff_client.post(IMPORT_URL, {"file": _upload(GOOD)})
    url = _confirm_url(response)
    other = django_user_model.objects.create_superuser(username="anden", password="pw")
    staff_client.force_login(with_authenticator(other))
    assert staff_client.get(url).status_code == 404
    assert staff_client.post(url, {"confirm": "1"}).status_code == 404
    assert ImportUpload.objects.get().status == "checked"


def test_import_of_an_unreadable_file_says_why(staff_client, loaded):
    response = staff_client.post(IMPORT_URL, {"file": _upload("x", name="tal.pdf")})
    assert "Upload en .csv- eller .xlsx-fil." in response.text


def test_import_needs_permission(client, django_user_model, loaded):
    user = django_user_model.objects.create_user(username="ansat", password="pw", is_staff=True)
    client.force_login(with_authenticator(user))
    assert client.get(IMPORT_URL).status_code == 403
    client.logout()
    assert client.get(IMPORT_URL).status_code == 302  # to the admin login


def test_saving_in_admin_invalidates_the_pages(staff_client, loaded, kalundborg):
    observation = Observation.objects.get(
        municipality=kalundborg, indicator__key="residents", end_year=2025
    )
    version = content_version(area="municipalities")
    response = staff_client.post(
        reverse("admin:municipalities_observation_change", args=[observation.pk]),
        {
            "municipality": kalundborg.pk,
            "indicator": observation.indicator_id,
            "start_year": 2025,
            "end_year": 2025,
            "value": "6100",
            "source": observation.source,
        },
    )
    assert response.status_code == 302
    assert content_version(area="municipalities") > version
    observation.refresh_from_db()
    assert observation.value == Decimal(6100)


def test_import_over_the_size_limit_is_refused_and_saves_nothing(staff_client, loaded):
    before = Observation.objects.count()
    response = staff_client.post(IMPORT_URL, {"file": _upload("x" * (3 * 1024 * 1024))})
    assert response.status_code == 200
    assert "Filen er større end 2 MB." in response.text
    assert Observation.objects.count() == before


def _large_file(*, rows: int) -> str:
    """``rows`` distinct figures: 98 municipalities × 10 indicators × as many years as
    needed, in as few bytes as the format allows (86,000 rows fit in 2 MB)."""
    codes = list(Municipality.objects.values_list("code", flat=True))
    lines = []
    for n in range(rows):
        year = 1900 + n // (len(codes) * 10)
        lines.append(f"{codes[n % len(codes)]};i{n // len(codes) % 10};{year};{n}\n")
    return HEADER + "".join(lines)


def test_an_86000_row_file_is_imported_by_the_task(
    staff_client, loaded, django_capture_on_commit_callbacks
):
    for number in range(10):
        IndicatorFactory(key=f"i{number}")
    before = Observation.objects.count()
    text = _large_file(rows=86_000)
    assert len(text.encode()) < 2 * 1024 * 1024

    response = staff_client.post(IMPORT_URL, {"file": _upload(text)})

    assert "86000 oprettes, 0 ændres, 0 uændrede." in response.text
    assert "Filens første 50 rækker" in response.text
    assert response.text.count('class="import-row import-row--create"') == 50
    assert len(response.content) < 100_000
    url = _confirm_url(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"confirm": "1"})
    assert response["Location"] == url
    assert Observation.objects.count() == before + 86_000
    assert ImportUpload.objects.get().summary["counts"]["create"] == 86_000
    assert '<th scope="row">Oprettet</th><td>86000</td>' in staff_client.get(url).text


def _inline_management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_staff_add_a_sheet_in_admin_and_it_shows(staff_client, loaded, client):
    aarhus = Municipality.objects.get(code="751")
    add_url = reverse("admin:municipalities_municipalitysheet_add")
    assert staff_client.get(add_url).status_code == 200
    response = staff_client.post(
        add_url,
        {
            "municipality": aarhus.pk,
            "year": "2026",
            "figures_source": "BL's egne beregninger",
            "is_published": "on",
            **_inline_management("sections", total=1),
            "sections-0-order": "5",
            "sections-0-status": "published",
            "sections-0-heading": "Aarhus' egen indledning",
            "sections-0-text": "Tekst skrevet til Aarhus.",
            **_inline_management("facts"),
        },
    )
    assert response.status_code == 302
    sheet = MunicipalitySheet.objects.get(municipality=aarhus, year=2026)
    # A new sheet that got sections of its own keeps just those; facts default to the
    # newest national ones up to its year.
    assert [section.shown_heading for section in sheet.sections.all()] == [
        "Aarhus' egen indledning"
    ]
    assert [f.fact.source for f in sheet.facts.select_related("fact")][0] == ("Boligstat.dk (2025)")
    client.logout()
    page = client.get("/kommuner/aarhus/")
    assert "Tekst skrevet til Aarhus." in page.text
    assert 'href="/kommuner/aarhus/pdf/"' in page.text
    assert client.get("/kommuner/aarhus/pdf/").status_code == 200


def test_a_new_sheet_without_sections_gets_the_shared_ones(staff_client, loaded):
    aalborg = Municipality.objects.get(code="851")
    response = staff_client.post(
        reverse("admin:municipalities_municipalitysheet_add"),
        {
            "municipality": aalborg.pk,
            "year": "2026",
            "figures_source": "",
            "is_published": "on",
            **_inline_management("sections"),
            **_inline_management("facts"),
        },
    )
    assert response.status_code == 302
    sheet = MunicipalitySheet.objects.get(municipality=aalborg)
    assert [section.shared.key for section in sheet.sections.order_by("order")] == [
        "unique-areas",
        "varied-housing",
        "housing-adaptation",
        "inclusive-society",
        "social-responsibility",
        "municipal-cooperation",
    ]
    assert sheet.sections.filter(text="").count() == 6


def test_a_section_needs_text_or_a_shared_section(staff_client, loaded):
    response = staff_client.post(
        reverse("admin:municipalities_municipalitysheet_add"),
        {
            "municipality": Municipality.objects.get(code="851").pk,
            "year": "2026",
            "is_published": "on",
            **_inline_management("sections", total=1),
            "sections-0-order": "1",
            "sections-0-status": "published",
            "sections-0-heading": "Kun en overskrift",
            "sections-0-text": "",
            **_inline_management("facts"),
        },
    )
    assert response.status_code == 200
    assert "Skriv afsnittets tekst, eller vælg et fælles afsnit." in response.text
    assert not MunicipalitySheet.objects.filter(municipality__code="851").exists()


def test_importing_figures_for_a_municipality_without_a_sheet_creates_one(
    staff_client, loaded, client, django_capture_on_commit_callbacks
):
    text = HEADER + "751;dwellings_family;2026;21.500\n751;residents;2026;52.000\n"
    response = staff_client.post(IMPORT_URL, {"file": _upload(text)})
    url = _confirm_url(response)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"confirm": "1"})
    response = staff_client.get(url)
    assert "Nyt kommuneark med de fælles afsnit: Aarhus Kommune 2026." in response.text
    client.logout()
    page = client.get("/kommuner/aarhus/")
    assert "BL har endnu ikke udgivet" not in page.text
    assert "De almene boligområder er unikke" in page.text
    assert "52.000 af dem bor i almene boliger i Aarhus Kommune." in page.text
