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


WARNING = "Anne Redaktør (anne) gemte dette 06.12.2026 kl. 10:15, efter du åbnede det."


def test_the_second_save_shows_the_first_editors_change_and_overwrites_only_when_confirmed(
    clock, editor_client, other_editor_client, other_editor
):
    action = ActionItemFactory(text="Den oprindelige tekst.")
    history_record(objects=[action], comment="Indlæst af load_content")
    change_url = reverse("admin:goals_actionitem_change", args=[action.pk])
    first = _form_data(editor_client.get(change_url))
    second = _form_data(other_editor_client.get(change_url))
    first["text"] = "Annes tekst."
    second["text"] = "Bos tekst."

    clock.shift(dt.timedelta(minutes=15))
    assert editor_client.post(change_url, first).status_code == 302
    response = other_editor_client.post(change_url, second)

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

    again = other_editor_client.post(change_url, second)  # not confirmed: warned again
    assert again.status_code == 200
    action.refresh_from_db()
    assert action.text == "Annes tekst."

    second["editorial_overwrite"] = "on"
    response = other_editor_client.post(change_url, second)

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == "Bos tekst."
    latest = Version.objects.get_for_object(action).first()
    assert latest.revision.user == other_editor
    assert latest.field_dict["text"] == "Bos tekst."


def test_saving_twice_in_a_row_alone_gives_no_warning(editor_client):
    action = ActionItemFactory(text="Den oprindelige tekst.")
    change_url = reverse("admin:goals_actionitem_change", args=[action.pk])
    for text in ["Første.", "Anden."]:
        data = _form_data(editor_client.get(change_url))
        page = editor_client.get(change_url).content.decode()
        assert 'type="checkbox" name="editorial_overwrite"' not in page
        data["text"] = text
        assert editor_client.post(change_url, data).status_code == 302
    assert ActionItem.objects.get(pk=action.pk).text == "Anden."


def test_an_inline_change_by_another_editor_warns_on_the_parent(editor_client, other_editor_client):
    action = ActionItemFactory(text="Den oprindelige tekst.")
    pillar_url = reverse("admin:goals_pillar_change", args=[action.pillar.pk])
    history_record(objects=[action.pillar], comment="Indlæst af load_content")
    first = _form_data(editor_client.get(pillar_url))
    second = _form_data(other_editor_client.get(pillar_url))
    first["actions-0-text"] = "Annes tekst."
    second["title"] = "Bos titel"

    assert editor_client.post(pillar_url, first).status_code == 302
    response = other_editor_client.post(pillar_url, second)

    assert response.status_code == 200
    assert "Bo Redaktør" not in _warning(response)
    assert "Anne Redaktør (anne) gemte dette" in _warning(response)


def test_without_an_earlier_version_the_warning_shows_where_theirs_differs_from_yours(
    clock, editor_client, other_editor_client
):
    action = ActionItemFactory(text="Den oprindelige tekst.", order=3)
    change_url = reverse("admin:goals_actionitem_change", args=[action.pk])
    first = _form_data(editor_client.get(change_url))
    second = _form_data(other_editor_client.get(change_url))
    first["text"] = "Annes tekst."
    second["text"] = "Bos tekst."

    assert editor_client.post(change_url, first).status_code == 302
    response = other_editor_client.post(change_url, second)

    warning = _warning(response)
    assert "Tekst: nu »Annes tekst.«." in warning
    assert "Rækkefølge" not in warning
