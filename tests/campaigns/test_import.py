"""Importing councillors from CSV/XLSX: the service, the command and the admin upload."""

import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from almen.core.models import ImportUpload
from campaigns.models import Recipient
from campaigns.services.recipients import ImportFileError, councillors_import
from tests.conftest import with_authenticator

from .factories import CampaignFactory, RecipientFactory

HEADER = "name,email,municipality_code,party,role\n"
GOOD = HEADER + (
    "Demo Anne,Anne@Example.org,326,Demo-partiet,Borgmester\nDemo Bo,bo@example.org,657,,\n"
)


@pytest.fixture
def campaign(db):
    return CampaignFactory()


def test_good_csv_imports_every_row(campaign):
    result = councillors_import(campaign=campaign, file_name="liste.csv", content=GOOD.encode())
    assert result.is_valid and result.created == 2
    anne = Recipient.objects.get(email="anne@example.org")  # lower-cased
    assert (anne.name, anne.municipality.name, anne.party, anne.role) == (
        "Demo Anne",
        "Kalundborg",
        "Demo-partiet",
        "Borgmester",
    )
    assert Recipient.objects.get(email="bo@example.org").municipality.name == "Herning"


def test_semicolon_csv_with_bom_as_excel_writes_it(campaign):
    content = "\ufeff" + GOOD.replace(",", ";")
    result = councillors_import(
        campaign=campaign, file_name="liste.csv", content=content.encode("utf-8")
    )
    assert result.created == 2
    assert campaign.recipients.count() == 2


def test_xlsx(campaign):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "email", "municipality_code", "party", "role"])
    sheet.append(["Demo Anne", "anne@example.org", 326, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = councillors_import(
        campaign=campaign, file_name="liste.xlsx", content=buffer.getvalue()
    )
    assert result.created == 1
    assert Recipient.objects.get().municipality.code == "326"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Demo Anne,anne@example.org,999,,", "Ukendt kommunekode “999”."),
        (
            "Demo Anne,anne(at)example.org,326,,",
            "“anne(at)example.org” er ikke en gyldig e-mailadresse.",
        ),
        (",anne@example.org,326,,", "Navn mangler."),
        ("Demo Anne,bo@example.org,326,,", "bo@example.org står også i række 2."),
        (
            "Demo Anne,eksisterende@example.org,326,,",
            "eksisterende@example.org er allerede modtager i denne kampagne.",
        ),
    ],
)
def test_a_bad_row_is_reported_and_nothing_is_saved(campaign, row, message):
    RecipientFactory(campaign=campaign, email="eksisterende@example.org")
    content = HEADER + "Demo Bo,bo@example.org,657,,\n" + row + "\n"
    result = councillors_import(campaign=campaign, file_name="liste.csv", content=content.encode())
    assert not result.is_valid
    assert [(error.row, error.message) for error in result.errors] == [(3, message)]
    assert result.created == 0
    assert campaign.recipients.count() == 1  # only the one that was there


def test_wrong_header_or_type_or_encoding_is_a_file_error(campaign):
    with pytest.raises(ImportFileError, match="mangler: email"):
        councillors_import(
            campaign=campaign, file_name="x.csv", content=b"name,mail,municipality_code\n"
        )
    with pytest.raises(ImportFileError):
        councillors_import(campaign=campaign, file_name="x.pdf", content=b"%PDF")
    with pytest.raises(ImportFileError, match="UTF-8"):
        councillors_import(campaign=campaign, file_name="x.csv", content=GOOD.encode("utf-16"))
    with pytest.raises(ImportFileError):
        councillors_import(campaign=campaign, file_name="x.xlsx", content=b"not a workbook")
    assert not Recipient.objects.exists()


def test_the_sample_file_imports(campaign):
    sample = Path(__file__).resolve().parents[2] / "campaigns" / "data" / "councillors-sample.csv"
    result = councillors_import(
        campaign=campaign, file_name=sample.name, content=sample.read_bytes()
    )
    assert result.created == 10
    assert campaign.recipients.filter(municipality__code="326").count() == 4
    assert all(
        email.endswith(("@example.org", "@example.com"))
        for email in campaign.recipients.values_list("email", flat=True)
    )


def test_command_dry_run_saves_nothing(campaign, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = StringIO()
    call_command(
        "import_councillors", str(path), "--campaign", campaign.slug, "--dry-run", stdout=out
    )
    assert "2 councillors" in out.getvalue()
    assert not Recipient.objects.exists()
    call_command("import_councillors", str(path), "--campaign", campaign.slug, stdout=out)
    assert campaign.recipients.count() == 2


def test_command_reports_row_errors(campaign, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(GOOD + "Demo C,c@example.org,000,,\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="1 errors"):
        call_command("import_councillors", str(path), "--campaign", campaign.slug, stderr=err)
    assert "Row 4:" in err.getvalue()
    assert not Recipient.objects.exists()
    with pytest.raises(CommandError, match="No campaign"):
        call_command("import_councillors", str(path), "--campaign", "nope")


def test_admin_upload_previews_then_imports(
    staff_client, staff_user, campaign, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_recipient", "view_recipient"])
    )
    url = reverse("admin:campaigns_recipient_import")
    upload = io.BytesIO(GOOD.encode())
    upload.name = "liste.csv"
    response = staff_client.post(url, {"campaign": campaign.pk, "file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 byrådsmedlemmer er klar til at blive importeret" in page
    assert not Recipient.objects.exists()

    # The file waits in the database for this user, not in the session.
    assert not [key for key in set(staff_client.session.keys()) if "import" in key]
    stored = ImportUpload.objects.get()
    assert (stored.user, stored.kind, stored.options) == (
        staff_user,
        "councillors",
        {"campaign": campaign.pk},
    )
    confirm_url = response.context["confirm_url"]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(confirm_url, {"confirm": "1"})
    assert response.status_code == 302
    assert response["Location"] == confirm_url
    assert campaign.recipients.count() == 2
    page = staff_client.get(confirm_url).content.decode()
    assert "liste.csv: færdig" in page
    assert '<th scope="row">Importerede byrådsmedlemmer</th><td>2</td>' in page
    assert f"?campaign__id__exact={campaign.pk}" in page
    # The stored upload is used once:
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(confirm_url, {"confirm": "1"})
    assert campaign.recipients.count() == 2


def test_admin_upload_shows_row_errors(staff_client, staff_user, campaign):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.add(Permission.objects.get(codename="add_recipient"))
    upload = io.BytesIO((GOOD + "Demo C,c@example,326,,\n").encode())
    upload.name = "liste.csv"
    response = staff_client.post(
        reverse("admin:campaigns_recipient_import"), {"campaign": campaign.pk, "file": upload}
    )
    page = response.content.decode()
    assert "Filen har 1 fejl. Intet er importeret." in page
    assert "“c@example” er ikke en gyldig e-mailadresse." in page
    assert not Recipient.objects.exists()
    assert not ImportUpload.objects.exists()


def test_admin_upload_needs_permission(client, django_user_model, campaign):
    user = django_user_model.objects.create_user(username="x", password="pw-x-12345", is_staff=True)
    client.force_login(with_authenticator(user))
    response = client.get(reverse("admin:campaigns_recipient_import"))
    assert response.status_code == 403


def test_admin_upload_over_the_size_limit_is_refused_before_reading(
    staff_client, staff_user, campaign
):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.add(Permission.objects.get(codename="add_recipient"))
    # A valid header and 3 MB of padding: over the 2 MB the reader accepts.
    upload = io.BytesIO((GOOD + " " * (3 * 1024 * 1024)).encode())
    upload.name = "liste.csv"
    response = staff_client.post(
        reverse("admin:campaigns_recipient_import"), {"campaign": campaign.pk, "file": upload}
    )
    assert response.status_code == 200
    assert "Filen er større end 2 MB." in response.content.decode()
    assert not Recipient.objects.exists()


def test_a_wrong_header_is_reported_before_the_rows_are_read(campaign):
    content = ("navn,mail\n" + "a,b\n" * 30_000).encode()
    with pytest.raises(ImportFileError, match="mangler: name, email, municipality_code"):
        councillors_import(campaign=campaign, file_name="liste.csv", content=content)
    too_long = (HEADER + "Demo,demo@example.org,326,,\n" * 20_001).encode()
    with pytest.raises(ImportFileError, match="mere end 20000 rækker"):
        councillors_import(campaign=campaign, file_name="liste.csv", content=too_long)


def test_formula_like_cells_are_warned_about_and_imported_as_written(
    staff_client, staff_user, campaign
):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.add(Permission.objects.get(codename="add_recipient"))
    text = HEADER + '=HYPERLINK("http://x"),anne@example.org,326,@parti,\n'
    result = councillors_import(campaign=campaign, file_name="liste.csv", content=text.encode())
    assert result.is_valid and result.created == 1
    assert [warning.row for warning in result.warnings] == [2, 2]
    assert campaign.recipients.get().name == '=HYPERLINK("http://x")'

    campaign.recipients.all().delete()
    upload = io.BytesIO(text.encode())
    upload.name = "liste.csv"
    page = staff_client.post(
        reverse("admin:campaigns_recipient_import"), {"campaign": campaign.pk, "file": upload}
    ).content.decode()
    assert "2 celler kan blive udført som en formel af et regnearksprogram." in page
    assert "Advarsel: Kolonnen name: “=HYPERLINK(&quot;http://x&quot;)” begynder med “=”" in page
    assert 'name="confirm"' in page
