"""Admin saves are versions; the history compares and restores them (as a BL-redaktør)."""

import html

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from reversion.models import Version
from reversion.revisions import _get_options

from almen.editorial.admin import ContentAdmin
from almen.editorial.registry import VERSIONED_MODELS
from goals.models import ActionItem
from goals.services import goals_content_load
from tests.goals.test_admin import _form_data

pytestmark = pytest.mark.django_db

OLD = "Sikre adgang til viden om grønne handlinger."
FIRST = "Sikre adgang til viden om grønne handlinger for alle beboere."
SECOND = "Sikre adgang til viden om grønne handlinger for alle beboere og ansatte."


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _edit(client, action, text):
    change_url = reverse("admin:goals_actionitem_change", args=[action.pk])
    data = _form_data(client.get(change_url))
    data["text"] = text
    response = client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def test_two_edits_are_two_versions_compared_and_the_first_restored(
    anne, anne_client, anonymous_client
):
    goals_content_load()
    action = ActionItem.objects.get(text=OLD)
    page_url = action.pillar.get_absolute_url()
    assert OLD in _text(anonymous_client.get(page_url))  # now cached

    _edit(anne_client, action, FIRST)
    _edit(anne_client, action, SECOND)

    versions = list(Version.objects.get_for_object(action))  # newest first
    assert [v.field_dict["text"] for v in versions] == [SECOND, FIRST]
    assert [v.revision.user for v in versions] == [anne, anne]
    assert [v.revision.comment for v in versions] == ["Ændrede Tekst.", "Ændrede Tekst."]
    history_url = reverse("admin:goals_actionitem_history", args=[action.pk])
    history = " ".join(_text(anne_client.get(history_url)).split())
    assert history.count("anne (Anne Redaktør)") == 2
    assert history.count("Ændrede Tekst.") == 2
    assert "Dato/tid" in history and 'value="Sammenlign"' in history
    assert "Vælg en version på listen for at se den og gendanne den" in history

    compare = anne_client.get(
        reverse("admin:goals_actionitem_compare", args=[action.pk]),
        {"version_id1": versions[1].pk, "version_id2": versions[0].pk},
    )
    assert compare.status_code == 200
    compared = _text(compare)
    assert f"<h1>Sammenlign {FIRST}</h1>" in compared
    assert "<h3>tekst</h3>" in compared
    # The old text with what the second edit added marked:
    assert (
        "Sikre adgang til viden om grønne handlinger for alle beboere<ins> og ansatte</ins>."
        in (compared)
    )

    restore_url = reverse("admin:goals_actionitem_revision", args=[action.pk, versions[1].pk])
    restore_form = anne_client.get(restore_url)
    assert restore_form.status_code == 200
    assert f"<h1>Gendan {FIRST}</h1>" in _text(restore_form)
    assert "Tryk på Gem herunder for at gendanne denne version." in _text(restore_form)
    assert FIRST in _text(restore_form)  # the form holds the old text
    action.refresh_from_db()
    assert action.text == SECOND  # opening the old version changes nothing
    response = anne_client.post(restore_url, _form_data(restore_form))

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == FIRST
    page = _text(anonymous_client.get(page_url))
    assert FIRST in page and SECOND not in page
    restored = Version.objects.get_for_object(action).first()
    assert restored.pk > versions[0].pk
    assert restored.revision.user == anne
    assert restored.revision.comment.startswith("Gendannet til tidligere version, gemt den ")
    assert restored.field_dict["text"] == FIRST
    assert action.loaded_hash == ""  # staff's text: load_content leaves it
    goals_content_load()
    action.refresh_from_db()
    assert action.text == FIRST


def test_an_inline_edit_is_in_the_parent_version(anne_client):
    goals_content_load()
    action = ActionItem.objects.get(text=OLD)
    pillar = action.pillar
    change_url = reverse("admin:goals_pillar_change", args=[pillar.pk])
    data = _form_data(anne_client.get(change_url))
    index = next(i for i in range(20) if data.get(f"actions-{i}-id") == action.pk)
    data[f"actions-{index}-text"] = FIRST

    assert anne_client.post(change_url, data).status_code == 302

    pillar_version = Version.objects.get_for_object(pillar).get()
    action_version = Version.objects.get_for_object(action).get()
    assert action_version.revision == pillar_version.revision
    assert action_version.field_dict["text"] == FIRST


def test_the_registry_decides_what_is_versioned_and_follows_every_inline():
    """Admin autodiscovery runs before EditorialConfig.ready: ContentAdmin applies the
    registry first, so nothing is registered by reversion's guesswork from inlines."""
    content_admins = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ContentAdmin)
    }
    assert len(content_admins) >= 15
    for model, model_admin in content_admins.items():
        follow = VERSIONED_MODELS[f"{model._meta.app_label}.{model.__name__}"]
        for inline in model_admin.inlines:
            inline_model, follow_field = model_admin._reversion_introspect_inline_admin(inline)
            assert f"{inline_model._meta.app_label}.{inline_model.__name__}" in VERSIONED_MODELS
            assert follow_field in follow, (model, inline)
    for label, follow in VERSIONED_MODELS.items():
        model = apps.get_model(label)
        assert reversion.is_registered(model)
        assert _get_options(model).follow == follow
