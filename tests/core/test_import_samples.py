"""Every import screen links a sample file that imports cleanly, and the file name the
editor uploaded stays with the import: on the dry run, on the result and in the database."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from almen.core.models import ImportUpload
from campaigns.models import Campaign, Recipient
from campaigns.services.content import campaigns_content_load
from goals.services import goals_content_load
from municipalities.models import HousingOrganisation, Observation
from municipalities.services import municipalities_content_load

pytestmark = pytest.mark.django_db

SAMPLES = [
    (
        "municipalities_observation",
        "observations-sample.csv",
        "kommunekode;kommune;indikator;periode;værdi;kilde",
    ),
    (
        "municipalities_housingorganisation",
        "organisations-sample.csv",
        "name,cvr,municipality_codes,website,email",
    ),
    ("campaigns_recipient", "councillors-sample.csv", "name,email,municipality_code,party,role"),
]


@pytest.fixture
def content(db):
    municipalities_content_load()
    goals_content_load()
    campaigns_content_load()


def _sample(client, prefix: str) -> bytes:
    response = client.get(reverse(f"admin:{prefix}_import_sample"))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(("prefix", "name", "header"), SAMPLES)
def test_the_import_page_links_a_sample_file_with_the_exact_header(
    staff_client, content, prefix, name, header
):
    sample_url = reverse(f"admin:{prefix}_import_sample")
    page = staff_client.get(reverse(f"admin:{prefix}_import")).content.decode()
    assert f'<a href="{sample_url}" download="{name}">Hent en eksempelfil ({name})</a>' in page

    response = staff_client.get(sample_url)
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = b"".join(response.streaming_content).decode("utf-8").splitlines()
    assert lines[0] == header
    assert len(lines) >= 2


def test_the_sample_file_needs_permission_to_download(client, django_user_model, content):
    from tests.conftest import with_authenticator

    user = django_user_model.objects.create_user(
        username="anden", email="anden@bl.dk", password="pw", is_staff=True
    )
    client.force_login(with_authenticator(user))
    for prefix, _name, _header in SAMPLES:
        assert client.get(reverse(f"admin:{prefix}_import_sample")).status_code == 403


def test_the_observation_sample_imports_and_keeps_the_uploaded_name(
    staff_client, staff_user, content, django_capture_on_commit_callbacks
):
    sample = _sample(staff_client, "municipalities_observation")
    uploaded = "Kommunetal Kalundborg marts 2026.csv"
    response = staff_client.post(
        reverse("admin:municipalities_observation_import"),
        {"file": SimpleUploadedFile(uploaded, sample)},
    )
    assert f"Prøvekørsel af {uploaded}" in response.content.decode()
    assert response.context["summary"]["error_count"] == 0
    upload = ImportUpload.objects.get()
    assert upload.filename == uploaded

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(response.context["confirm_url"], {"confirm": "1"})
    result = staff_client.get(response.context["confirm_url"]).content.decode()
    upload.refresh_from_db()
    assert upload.status == ImportUpload.Status.DONE
    assert f'<h2 id="import-status">{uploaded}: færdig</h2>' in result
    assert Observation.objects.filter(source__startswith="BL's egne beregninger").exists()


def test_the_councillor_sample_imports_and_keeps_the_uploaded_name(
    staff_client, content, django_capture_on_commit_callbacks
):
    campaign = Campaign.objects.get(slug="kv25")
    sample = _sample(staff_client, "campaigns_recipient")
    uploaded = "Byrådsmedlemmer KV25 – endelig liste.csv"
    response = staff_client.post(
        reverse("admin:campaigns_recipient_import"),
        {"campaign": campaign.pk, "file": SimpleUploadedFile(uploaded, sample)},
    )
    page = response.content.decode()
    assert response.context["summary"]["error_count"] == 0
    assert f"{uploaded}: 10 byrådsmedlemmer er klar" in page
    assert ImportUpload.objects.get().filename == uploaded

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(response.context["confirm_url"], {"confirm": "1"})
    result = staff_client.get(response.context["confirm_url"]).content.decode()
    assert f'<h2 id="import-status">{uploaded}: færdig</h2>' in result
    assert Recipient.objects.filter(campaign=campaign).count() == 10


def test_the_organisation_sample_imports_and_keeps_the_uploaded_name(staff_client, content):
    sample = _sample(staff_client, "municipalities_housingorganisation")
    uploaded = "BL medlemsliste 2026.csv"
    url = reverse("admin:municipalities_housingorganisation_import")
    response = staff_client.post(url, {"file": SimpleUploadedFile(uploaded, sample)})
    assert f"Prøvekørsel af {uploaded}" in response.content.decode()
    assert response.context["result"].is_valid

    response = staff_client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        f"{uploaded} er importeret: 1 oprettet, 0 ændret."
    ]
    assert HousingOrganisation.objects.filter(name="Eksempel Boligselskab").exists()
