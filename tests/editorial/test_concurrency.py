"""Two editors open the same action item; the second save warns instead of overwriting."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from reversion.models import Version

from almen.editorial.history import history_record
from goals.models import ActionItem
from tests.goals.factories import ActionItemFactory
from tests.goals.test_admin import _form_data

pytestmark = pytest.mark.django_db


def _warning(response) -> str:
    """The text of the warning above the form (the form's non-field errors)."""
    form = response.context["adminform"].form
    return " ".join(html.unescape(" ".join(form.non_field_errors())).split())


def _both_open(url, first_client, second_client, first: dict, second: dict):
    """Both editors open the change form, then each makes their changes in it."""
    opened_first = _form_data(first_client.get(url))
    opened_second = _form_data(second_client.get(url))
    return {**opened_first, **first}, {**opened_second, **second}


def _anne_saves_before_bo(action, anne_client, bo_client):
    """Both open the action item; Anne saves her text, then Bo tries to save his."""
    change_url = reverse("admin:goals_actionitem_change", args=[action.pk])
    anne, bo = _both_open(
        change_url, anne_client, bo_client, {"text": "Annes tekst."}, {"text": "Bos tekst."}
    )
    assert anne_client.post(change_url, anne).status_code == 302
    return change_url, bo, bo_client.post(change_url, bo)


WARNING = "Anne Redaktør (anne) gemte dette 06.12.2026 kl. 10:15, efter du åbnede det."


def test_the_second_save_shows_the_first_editors_change_and_overwrites_only_when_confirmed(
    clock, anne_client, bo_client, bo
):
    action = ActionItemFactory(text="Den oprindelige tekst.")
    history_record(objects=[action], comment="Indlæst af load_content")
    clock.shift(dt.timedelta(minutes=15))

    change_url, second, response = _anne_saves_before_bo(action, anne_client, bo_client)

    assert response.status_code == 200
    action.refresh_from_db()
    assert action.text == "Annes tekst."
    warning = _warning(response)
    assert warning == (
        f"{WARNING} Dine ændringer er ikke gemt. "
        "Tekst: »Den oprindelige tekst.« blev til »Annes tekst.«. "
        "Genindlæs siden for at tage udgangspunkt i deres version, eller sæt kryds ved "
        "»Gem alligevel og overskriv ændringerne« og gem igen."
    )
    assert WARNING in html.unescape(response.content.decode())
    assert 'type="checkbox" name="editorial_overwrite"' in response.content.decode()
    assert Version.objects.get_for_object(action).count() == 2

    again = bo_client.post(change_url, second)  # not confirmed: warned again
    assert again.status_code == 200
    action.refresh_from_db()
    assert action.text == "Annes tekst."

    second["editorial_overwrite"] = "on"
    response = bo_client.post(change_url, second)

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == "Bos tekst."
    latest = Version.objects.get_for_object(action).first()
    assert latest.revision.user == bo
    assert latest.field_dict["text"] == "Bos tekst."


def test_saving_twice_in_a_row_alone_gives_no_warning(anne_client):
    action = ActionItemFactory(text="Den oprindelige tekst.")
    change_url = reverse("admin:goals_actionitem_change", args=[action.pk])
    for text in ["Første.", "Anden."]:
        data = _form_data(anne_client.get(change_url))
        page = anne_client.get(change_url).content.decode()
        assert 'type="checkbox" name="editorial_overwrite"' not in page
        data["text"] = text
        assert anne_client.post(change_url, data).status_code == 302
    assert ActionItem.objects.get(pk=action.pk).text == "Anden."


def test_an_inline_change_by_another_editor_warns_on_the_parent(anne_client, bo_client):
    action = ActionItemFactory(text="Den oprindelige tekst.")
    pillar_url = reverse("admin:goals_pillar_change", args=[action.pillar.pk])
    history_record(objects=[action.pillar], comment="Indlæst af load_content")
    first, second = _both_open(
        pillar_url,
        anne_client,
        bo_client,
        {"actions-0-text": "Annes tekst."},
        {"title": "Bos titel"},
    )

    assert anne_client.post(pillar_url, first).status_code == 302
    response = bo_client.post(pillar_url, second)

    assert response.status_code == 200
    assert "Bo Redaktør" not in _warning(response)
    assert "Anne Redaktør (anne) gemte dette" in _warning(response)


def test_without_an_earlier_version_the_warning_shows_where_theirs_differs_from_yours(
    clock, anne_client, bo_client
):
    action = ActionItemFactory(text="Den oprindelige tekst.", order=3)

    _, _, response = _anne_saves_before_bo(action, anne_client, bo_client)

    warning = _warning(response)
    assert "Tekst: nu »Annes tekst.«." in warning
    assert "Rækkefølge" not in warning


def test_a_change_by_load_content_after_opening_is_named_by_its_comment(anne_client):
    action = ActionItemFactory(text="Den oprindelige tekst.")
    history_record(objects=[action], comment="Indlæst af load_content")
    change_url = reverse("admin:goals_actionitem_change", args=[action.pk])
    data = {**_form_data(anne_client.get(change_url)), "text": "Annes tekst."}
    ActionItem.objects.filter(pk=action.pk).update(text="Tekst fra filen.")
    history_record(
        objects=[ActionItem.objects.get(pk=action.pk)], comment="Indlæst af load_content"
    )

    warning = _warning(anne_client.post(change_url, data))

    assert warning.startswith("Systemet (Indlæst af load_content) gemte dette 06.12.2026 kl. 10:00")
    assert "Tekst: »Den oprindelige tekst.« blev til »Tekst fra filen.«." in warning


def test_a_view_only_page_shows_no_version_fields(client, django_user_model):
    from django.contrib.auth.models import Permission

    from tests.conftest import with_authenticator

    viewer = django_user_model.objects.create_user(username="laeser", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_actionitem"))
    client.force_login(with_authenticator(viewer))
    action = ActionItemFactory(text="Den oprindelige tekst.")

    page = client.get(reverse("admin:goals_actionitem_change", args=[action.pk]))

    assert page.status_code == 200
    assert "Den oprindelige tekst." in page.content.decode()
    assert "field-editorial_token" not in page.content.decode()
    assert "field-editorial_overwrite" not in page.content.decode()
