"""Publishing, withdrawing, imports and load_content are in the same history as admin
saves: a version with who did it (the user) or what (the comment)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Revision, Version

from campaigns.models import Campaign
from goals.models import ActionItem, Pillar, Programme
from municipalities.models import HousingOrganisation, Municipality, Observation
from municipalities.services import municipalities_content_load
from tests.campaigns.factories import CampaignFactory
from tests.goals.factories import ProgrammeFactory
from tests.goals.test_admin import _form_data
from tests.municipalities.factories import MunicipalitySheetFactory

pytestmark = pytest.mark.django_db

OBSERVATIONS = "kommunekode;indikator;periode;værdi\n326;dwellings_family;2026;3.401\n"
ORGANISATIONS = "name,cvr,municipality_codes\nBoligselskabet Vest,12345674,326;657\n"
COUNCILLORS = "name,email,municipality_code,party,role\nDemo Anne,anne@example.org,326,,\n"


def _latest(obj) -> Version:
    return Version.objects.get_for_object(obj).select_related("revision").first()


def test_withdrawing_and_publishing_a_programme_in_admin(anne, anne_client):
    programme = ProgrammeFactory()
    changelist = reverse("admin:goals_programme_changelist")

    anne_client.post(changelist, {"action": "unpublish", "_selected_action": [programme.pk]})

    withdrawn = _latest(programme)
    assert withdrawn.revision.comment == "Trukket tilbage (gjort til kladde)"
    assert withdrawn.revision.user == anne
    assert withdrawn.field_dict["status"] == Programme.Status.DRAFT

    anne_client.post(changelist, {"action": "publish", "_selected_action": [programme.pk]})

    published = _latest(programme)
    assert published.pk > withdrawn.pk
    assert (published.revision.comment, published.revision.user) == ("Udgivet", anne)
    assert published.field_dict["status"] == Programme.Status.PUBLISHED


def test_the_observation_import_command(tmp_path):
    municipalities_content_load()
    path = tmp_path / "tal-2026.csv"
    path.write_text(OBSERVATIONS, encoding="utf-8")

    call_command("import_observations", str(path), stdout=io.StringIO())

    observation = Observation.objects.get(end_year=2026, indicator__key="dwellings_family")
    version = _latest(observation)
    assert version.revision.comment == "Import af tal: tal-2026.csv, 1 rækker"
    assert version.revision.user is None
    assert version.field_dict["value"] == observation.value
    Observation.objects.filter(pk=observation.pk).update(value=1)
    version.revert()  # stored as reversion stores it, so it restores alike
    observation.refresh_from_db()
    assert observation.value == 3401


def test_the_observation_import_in_admin(anne, anne_client, django_capture_on_commit_callbacks):
    municipalities_content_load()
    kalundborg = Municipality.objects.get(code="326")
    content = OBSERVATIONS + "326;residents;2025;6.050\n"
    response = anne_client.post(
        reverse("admin:municipalities_observation_import"),
        {"file": SimpleUploadedFile("tal.csv", content.encode(), content_type="text/csv")},
    )
    confirm = reverse(
        "admin:municipalities_observation_import_upload", args=[response.context["upload"].pk]
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert anne_client.post(confirm, {"confirm": "1"}).status_code == 302

    changed = Observation.objects.get(
        municipality=kalundborg, indicator__key="residents", end_year=2025
    )
    version = _latest(changed)
    assert version.revision.comment == "Import af tal: tal.csv, 2 rækker"
    assert version.revision.user == anne
    assert version.revision.version_set.count() == 2  # the created and the changed row


def test_the_organisation_import_in_admin_and_as_a_command(anne, anne_client, tmp_path):
    url = reverse("admin:municipalities_housingorganisation_import")
    upload = SimpleUploadedFile("medlemmer.csv", ORGANISATIONS.encode(), content_type="text/csv")
    anne_client.post(url, {"file": upload})
    assert anne_client.post(url, {"confirm": "1"}).status_code == 302

    organisation = HousingOrganisation.objects.get(cvr="12345674")
    version = _latest(organisation)
    assert version.revision.comment == ("Import af boligorganisationer: medlemmer.csv, 1 rækker")
    assert version.revision.user == anne
    assert sorted(version.field_dict["municipalities"]) == sorted(
        organisation.municipalities.values_list("pk", flat=True)
    )

    path = tmp_path / "medlemmer-2.csv"
    path.write_text(ORGANISATIONS.replace("Vest", "Vestegnen"), encoding="utf-8")
    call_command("import_organisations", str(path), stdout=io.StringIO())

    version = _latest(organisation)
    assert version.revision.comment == "Import af boligorganisationer: medlemmer-2.csv, 1 rækker"
    assert version.revision.user is None
    assert version.field_dict["name"] == "Boligselskabet Vestegnen"


def test_the_councillor_import_is_recorded_on_the_campaign_not_the_recipients(
    staff_user, staff_client, tmp_path, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_recipient", "view_recipient"])
    )
    campaign = CampaignFactory()
    response = staff_client.post(
        reverse("admin:campaigns_recipient_import"),
        {
            "campaign": campaign.pk,
            "file": SimpleUploadedFile("liste.csv", COUNCILLORS.encode(), content_type="text/csv"),
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(response.context["confirm_url"], {"confirm": "1"})

    assert campaign.recipients.count() == 1
    version = _latest(campaign)
    assert version.revision.comment == "Import af byrådsmedlemmer: liste.csv, 1 rækker"
    assert version.revision.user == staff_user
    assert not Version.objects.filter(content_type__model="recipient").exists()

    path = tmp_path / "liste-2.csv"
    path.write_text(COUNCILLORS.replace("anne@", "anne.b@"), encoding="utf-8")
    call_command("import_councillors", str(path), "--campaign", campaign.slug, stdout=io.StringIO())

    version = _latest(campaign)
    assert version.revision.comment == "Import af byrådsmedlemmer: liste-2.csv, 1 rækker"
    assert version.revision.user is None


def test_load_content_records_what_it_created_or_changed_in_one_revision():
    call_command("load_content", stdout=io.StringIO())

    revision = Revision.objects.get()
    assert (revision.comment, revision.user) == ("Indlæst af load_content", None)
    pillar = Pillar.objects.first()
    assert _latest(pillar).revision == revision
    assert _latest(Campaign.objects.first()).revision == revision
    assert _latest(Observation.objects.first()).revision == revision
    action = ActionItem.objects.filter(themes__isnull=False).first()
    assert _latest(action).field_dict["themes"]  # the tags set after the row was saved
    recorded_pillars = set(
        revision.version_set.filter(content_type__model="pillar").values_list(
            "object_id", flat=True
        )
    )
    assert recorded_pillars == {str(pk) for pk in Pillar.objects.values_list("pk", flat=True)}

    call_command("load_content", stdout=io.StringIO())  # everything unchanged or kept

    assert Revision.objects.count() == 1

    ActionItem.objects.filter(pk=action.pk).delete()
    call_command("load_content", stdout=io.StringIO())  # the deleted row is created again

    again = Revision.objects.latest("pk")
    assert again.comment == "Indlæst af load_content"
    recreated = ActionItem.objects.get(pillar=action.pillar, text=action.text)
    assert [(v.content_type.model, v.object_id) for v in again.version_set.all()] == [
        ("actionitem", str(recreated.pk))
    ]


def test_withdrawing_a_sheet_in_its_change_form_leads_the_comment(anne, anne_client):
    sheet = MunicipalitySheetFactory(is_published=True)
    change_url = reverse("admin:municipalities_municipalitysheet_change", args=[sheet.pk])
    data = _form_data(anne_client.get(change_url))
    del data["is_published"]

    assert anne_client.post(change_url, data).status_code == 302

    version = _latest(sheet)
    assert version.revision.comment == "Trukket tilbage (gjort til kladde). Ændrede Offentliggjort."
    assert version.revision.user == anne
    assert version.field_dict["is_published"] is False


def test_the_sheet_import_command_records_what_it_created_in_one_revision(tmp_path):
    from municipalities.models import MunicipalitySheet
    from tests.municipalities.test_imports import SHEET_FILE

    municipalities_content_load()
    path = tmp_path / "aarhus-2026.yaml"
    path.write_text(SHEET_FILE, encoding="utf-8")

    call_command("import_sheet", str(path), stdout=io.StringIO())

    sheet = MunicipalitySheet.objects.get(municipality__slug="aarhus", year=2026)
    version = _latest(sheet)
    assert (version.revision.comment, version.revision.user) == (
        "Import af kommuneark: aarhus-2026.yaml",
        None,
    )
    assert version.revision.version_set.count() == 7  # the rows it created
    call_command("import_sheet", str(path), stdout=io.StringIO())  # all unchanged
    assert _latest(sheet).pk == version.pk
