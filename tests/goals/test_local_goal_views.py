import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from goals import local_goal_services as services
from tests.api.factories import staff_key_create
from tests.local_goals_setup import cast_create

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def cast(db, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return cast_create()


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_overview_lists_published_goals_only_with_counts_and_filters(cast):
    page = _text(Client().get(reverse("goals:local-goal-list")))
    assert "Mål published_a" in page and "Mål published_b" in page
    assert "Mål draft_a" not in page and "Mål draft_b" not in page
    assert "2 lokale mål" in page
    kalundborg = _text(Client().get(reverse("goals:local-goal-list"), {"municipality": "326"}))
    assert "Mål published_a" in kalundborg and "Mål published_b" not in kalundborg
    assert "1 lokalt mål" in kalundborg
    nothing = _text(Client().get(reverse("goals:local-goal-list"), {"status": "achieved"}))
    assert "Intet offentliggjort lokalt mål passer til filtrene." in nothing


def test_a_publish_reaches_the_cached_public_pages_at_once(cast):
    client = Client()
    assert "Mål draft_a" not in _text(client.get(reverse("goals:local-goal-list")))
    assert "Mål draft_a" not in _text(client.get("/kommuner/kalundborg/"))
    services.local_goal_publish(user=cast.editor_a, goal=cast.draft_a)
    assert "Mål draft_a" in _text(client.get(reverse("goals:local-goal-list")))
    assert "Mål draft_a" in _text(client.get("/kommuner/kalundborg/"))


def test_user_text_is_escaped_everywhere(cast):
    cast.published_a.text = '<script>alert("x")</script>'
    cast.published_a.housing_areas = "<b>afd</b>"
    cast.published_a.save()
    for url in (
        reverse("goals:local-goal-list"),
        cast.published_a.get_absolute_url(),
        "/kommuner/kalundborg/",
        reverse("organisations:organisation-detail", kwargs={"slug": "organisation-a"}),
    ):
        page = _text(Client().get(url))
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert" in page


def test_downloads_neutralise_formulas(cast):
    cast.published_a.text = '=HYPERLINK("http://evil")'
    cast.published_a.responsible_role = "+Driftschef"
    cast.published_a.save()
    response = Client().get(reverse("goals:local-goal-csv"), {"municipality": "326"})
    assert response["Content-Disposition"].startswith('attachment; filename="lokale-maal-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Organisation", "Mål", "Handling"]
    assert len(rows) == 2
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert rows[1][7] == "'+Driftschef"
    xlsx = Client().get(reverse("goals:local-goal-xlsx"), {"municipality": "326"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[1][1] == '\'=HYPERLINK("http://evil")'
    assert values[1][10] == 30
    api = Client().get(reverse("local-goal-list"), {"format": "csv", "municipality": "326"})
    api_rows = list(csv.reader(io.StringIO(api.content.decode())))
    assert api_rows[1][3] == '\'=HYPERLINK("http://evil")'


def test_the_action_item_page_tells_how_widely_it_is_adopted(cast):
    goal = cast.published_a
    url = reverse(
        "goals:action-detail",
        kwargs={
            "programme_slug": goal.pillar.programme.slug,
            "pillar_slug": goal.pillar.slug,
            "pk": goal.action_item_id,
        },
    )
    page = _text(Client().get(url))
    assert "Taget op af 2 boligorganisationer i 2 kommuner" in page
    assert "I gang</span>: 2" in page
    pillar_page = _text(Client().get(goal.pillar.get_absolute_url()))
    assert "Taget op af 2 boligorganisationer i 2 kommuner" in pillar_page


def test_attachments_are_downloads_only_for_those_who_may_see_them(cast):
    update = services.progress_update_create(
        user=cast.editor_b,
        goal=cast.draft_b,
        date=date(2026, 11, 30),
        text="Kladde med bilag",
        status="planned",
        progress=0,
        attachment=SimpleUploadedFile("plan.pdf", PDF),
    )
    url = reverse("goals:progress-update-attachment", kwargs={"pk": update.pk})
    assert Client().get(url).status_code == 404
    editor_a = Client()
    editor_a.force_login(cast.editor_a)
    assert editor_a.get(url).status_code == 404
    editor_b = Client()
    editor_b.force_login(cast.editor_b)
    response = editor_b.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    services.local_goal_publish(user=cast.editor_b, goal=cast.draft_b)
    assert Client().get(url).status_code == 200
    services.progress_update_hide(user=cast.staff, update=update, reason="Personfølsomt")
    assert Client().get(url).status_code == 404
    assert editor_b.get(url).status_code == 200


def test_a_hidden_goal_shows_its_reason_to_the_organisation_only(cast):
    services.local_goal_hide(user=cast.staff, goal=cast.published_b, reason="Personoplysninger")
    url = cast.published_b.get_absolute_url()
    assert Client().get(url).status_code == 404
    editor_b = Client()
    editor_b.force_login(cast.editor_b)
    assert "Skjult af BL: Personoplysninger" in _text(editor_b.get(url))
    assert "Skjult af BL: Personoplysninger" in _text(editor_b.get(reverse("members:dashboard")))


def test_the_api_lists_published_goals_and_staff_keys_also_see_draft_counts(cast):
    data = Client().get(reverse("local-goal-list"), {"municipality": "657"}).json()
    assert [goal["text"] for goal in data["results"]] == ["Mål published_b"]
    assert "draft_count" not in data
    goal = data["results"][0]
    assert goal["organisation"] == {
        "slug": "organisation-b",
        "name": "Organisation B",
        "is_demo": False,
    }
    assert goal["municipalities"] == ["657"]
    assert goal["status_label"] == "i gang"
    key = staff_key_create(user=cast.staff)
    staff = Client().get(
        reverse("local-goal-list"), {"municipality": "657"}, HTTP_AUTHORIZATION=f"Api-Key {key}"
    )
    assert staff.json()["draft_count"] == 1
    assert "private" in staff["Cache-Control"]
    draft = reverse("local-goal-detail", kwargs={"pk": cast.draft_b.pk})
    assert Client().get(draft).status_code == 404


def test_the_municipality_page_and_the_councillors_pack_show_the_goals_by_pillar(cast):
    page = _text(Client().get("/kommuner/kalundborg/"))
    assert "Boligorganisationernes lokale mål" in page
    assert "Mål published_a" in page and "Mål published_b" not in page
    assert "Mål draft_a" not in page


def test_an_editor_adopts_an_action_item_through_the_pages(cast):
    client = Client()
    client.force_login(cast.editor_a)
    action = cast.published_a.action_item
    dashboard = _text(client.get(reverse("members:dashboard") + f"?handling={action.pk}"))
    assert f"/min-organisation/organisation-a/nyt-maal/?handling={action.pk}" in dashboard
    form = _text(client.get(f"/min-organisation/organisation-a/nyt-maal/?handling={action.pk}"))
    assert "styrke biodiversiteten i boligområderne</textarea>" in form
    response = client.post(
        "/min-organisation/organisation-a/nyt-maal/",
        {
            "action_item": action.pk,
            "text": "Vi sår vilde blomster i alle afdelinger i Kalundborg.",
            "municipalities": [cast.kalundborg.pk],
            "housing_areas": "Afdeling 4",
            "responsible_role": "Driftschef",
            "target_date": "2027-06-30",
            "status": "planned",
            "progress": "0",
        },
    )
    assert response.status_code == 302
    manage = _text(client.get(response["Location"]))
    assert "Tilpasset fra handlingen" in manage
    assert "Kladde" in manage


def test_theme_pages_show_the_local_goals_of_the_themes_action_items(cast):
    from tests.goals.factories import ThemeFactory

    theme = ThemeFactory(slug="natur", name="Natur")
    cast.published_a.action_item.themes.add(theme)
    page = _text(Client().get(theme.get_absolute_url()))
    assert "Boligorganisationernes lokale mål" in page
    assert "Mål published_a" in page and "Mål published_b" in page
    assert "Mål draft_a" not in page
    overview = _text(Client().get(reverse("goals:local-goal-list"), {"theme": "natur"}))
    assert "2 lokale mål" in overview


def test_the_organisation_page_lists_its_published_goals_only(cast):
    page = _text(Client().get(cast.org_a.get_absolute_url()))
    assert "Mål published_a" in page
    assert "Mål draft_a" not in page and "Mål published_b" not in page
    assert "Kalundborg" in page
