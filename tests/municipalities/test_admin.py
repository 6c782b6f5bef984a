from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from almen.core.cache import content_version
from municipalities.models import Observation
from tests.conftest import with_authenticator

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:municipalities_observation_import")
HEADER = "kommunekode;indikator;periode;værdi\n"
GOOD = HEADER + "326;dwellings_family;2026;3.401\n326;residents;2025;6.050\n"
BAD = HEADER + "326;dwellings_family;2026;3.401\n999;residents;2026;1\n"


def _upload(text: str, name: str = "tal.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.mark.parametrize(
    "name",
    ["region", "municipality", "indicator", "observation", "nationalfact", "housingorganisation"],
)
def test_admin_lists_open_for_staff(staff_client, loaded, name):
    url = reverse(f"admin:municipalities_{name}_changelist")
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"q": "kalundborg"}).status_code == 200


def test_observation_list_links_to_the_import(staff_client, loaded):
    response = staff_client.get(reverse("admin:municipalities_observation_changelist"))
    assert f'href="{IMPORT_URL}"' in response.text
    assert "Importér tal" in response.text


def test_import_dry_run_then_confirm(staff_client, loaded, kalundborg):
    before = Observation.objects.count()
    response = staff_client.post(IMPORT_URL, {"file": _upload(GOOD)})
    assert response.status_code == 200
    assert Observation.objects.count() == before
    rows = response.context["result"].rows
    assert [(row.line, row.action) for row in rows] == [(2, "create"), (3, "update")]
    assert "Prøvekørsel af tal.csv" in response.text
    assert "1 oprettes, 1 ændres." in response.text
    assert "<td>3.401</td>" in response.text
    assert "<td>6.000</td>" in response.text  # the current value of the changed row
    assert 'name="confirm"' in response.text
    version = content_version(area="municipalities")

    response = staff_client.post(IMPORT_URL, {"confirm": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:municipalities_observation_changelist")
    assert Observation.objects.count() == before + 1
    residents = Observation.objects.get(
        municipality=kalundborg, indicator__key="residents", end_year=2025
    )
    assert residents.value == Decimal(6050)
    assert content_version(area="municipalities") == version + 1
    # The stored upload is used once.
    assert staff_client.post(IMPORT_URL, {"confirm": "1"}).status_code == 302
    assert Observation.objects.count() == before + 1


def test_import_with_a_bad_row_offers_no_confirm_and_saves_nothing(staff_client, loaded):
    before = Observation.objects.count()
    response = staff_client.post(IMPORT_URL, {"file": _upload(BAD)})
    assert response.status_code == 200
    assert "1 række har fejl. Intet bliver gemt" in response.text
    assert "Ukendt kommunekode “999”." in response.text
    assert 'name="confirm"' not in response.text
    assert staff_client.post(IMPORT_URL, {"confirm": "1"}).status_code == 302
    assert Observation.objects.count() == before


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
