import html

import pytest
from reversion.models import Version

from almen.editorial.drafts import draft_fields
from almen.editorial.models import ContentDraft
from goals.models import ActionItem, Programme
from tests.editorial.conftest import NEW_TEXT, OLD_TEXT, change_url, post_form

pytestmark = pytest.mark.django_db


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_draft_holds_the_texts_only():
    assert draft_fields(ActionItem) == ["text"]
    fields = draft_fields(Programme)
    assert "introduction" in fields
    assert "title" in fields
    assert "status" not in fields  # a choice: publishing is not a draft's business
    assert "slug" not in fields


def test_a_draft_of_a_published_action_item_leaves_the_live_text_and_page_unchanged(
    editor_client, anonymous_client, action_item
):
    page_url = action_item.pillar.get_absolute_url()
    assert OLD_TEXT in _page(anonymous_client, page_url)  # now cached

    response = post_form(editor_client, action_item, "_draft_save", text=NEW_TEXT)

    assert response.status_code == 302
    action_item.refresh_from_db()
    assert action_item.text == OLD_TEXT
    draft = ContentDraft.objects.get()
    assert draft.content_object == action_item
    assert draft.data == {"text": NEW_TEXT}
    assert draft.state == ContentDraft.State.DRAFT
    assert draft.author.username == "redaktor"
    page = _page(anonymous_client, page_url)
    assert OLD_TEXT in page
    assert NEW_TEXT not in page


def test_the_change_form_opens_on_the_draft_with_a_banner_and_no_direct_save(
    editor_client, action_item
):
    post_form(editor_client, action_item, "_draft_save", text=NEW_TEXT)

    response = editor_client.get(change_url(action_item))

    assert response.context["adminform"].form.initial["text"] == NEW_TEXT
    page = html.unescape(response.content.decode())
    assert "Dette indhold har en kladde, der ikke er udgivet." in page
    assert "Formularen viser kladden; den offentlige side viser stadig den udgivne tekst." in page
    assert 'name="_save"' not in page
    assert 'name="_draft_publish"' in page
    assert "Udgiv kladden" in page
    assert "Gem som kladde" in page


def test_a_plain_save_is_refused_while_a_draft_is_open(editor_client, action_item):
    post_form(editor_client, action_item, "_draft_save", text=NEW_TEXT)

    response = post_form(editor_client, action_item, "_save", text="Noget helt tredje.")

    assert response.status_code == 403
    action_item.refresh_from_db()
    assert action_item.text == OLD_TEXT


def test_publishing_the_draft_applies_it_records_it_and_rebuilds_the_page(
    editor_client, anonymous_client, action_item, editor
):
    page_url = action_item.pillar.get_absolute_url()
    post_form(editor_client, action_item, "_draft_save", text=NEW_TEXT)
    assert OLD_TEXT in _page(anonymous_client, page_url)  # cached with the old text

    response = post_form(editor_client, action_item, "_draft_publish")

    assert response.status_code == 302
    action_item.refresh_from_db()
    assert action_item.text == NEW_TEXT
    page = _page(anonymous_client, page_url)
    assert NEW_TEXT in page
    draft = ContentDraft.objects.get()
    assert draft.state == ContentDraft.State.PUBLISHED
    assert draft.published_at is not None
    latest = Version.objects.get_for_object(action_item).first()
    assert latest.revision.comment == "Kladde udgivet"
    assert latest.revision.user == editor
    assert latest.field_dict["text"] == NEW_TEXT
    # The object is free again: the form saves directly.
    page = html.unescape(editor_client.get(change_url(action_item)).content.decode())
    assert 'name="_save"' in page
    assert "Dette indhold har en kladde" not in page


def test_publishing_takes_the_form_as_it_was_posted(editor_client, action_item):
    post_form(editor_client, action_item, "_draft_save", text=NEW_TEXT)

    post_form(editor_client, action_item, "_draft_publish", text="Rettet i sidste øjeblik.")

    action_item.refresh_from_db()
    assert action_item.text == "Rettet i sidste øjeblik."


def test_discarding_a_draft_keeps_the_live_text(editor_client, action_item):
    post_form(editor_client, action_item, "_draft_save", text=NEW_TEXT)

    response = post_form(editor_client, action_item, "_draft_discard")

    assert response.status_code == 302
    assert not ContentDraft.objects.exists()
    action_item.refresh_from_db()
    assert action_item.text == OLD_TEXT


def test_an_invalid_draft_shows_the_form_errors_and_stores_nothing(editor_client, action_item):
    response = post_form(editor_client, action_item, "_draft_save", text="")

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["text"]
    assert not ContentDraft.objects.exists()


def test_content_without_drafts_saves_as_before(editor_client):
    from tests.goals.factories import ThemeFactory

    theme = ThemeFactory(name="Klima")
    page = html.unescape(editor_client.get(change_url(theme)).content.decode())
    assert 'name="_save"' in page
    assert "_draft_save" not in page


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        ("tests.goals.factories.ProgrammeFactory", "introduction"),
        ("tests.goals.factories.ProgrammeSectionFactory", "body"),
        ("tests.goals.factories.PillarFactory", "lead"),
        ("tests.goals.factories.ActionItemFactory", "text"),
        ("tests.goals.factories.CaseFactory", "text"),
        ("tests.campaigns.factories.PriorityTopicFactory", "text"),
    ],
)
def test_every_content_admin_with_drafts_saves_and_publishes_one(
    client, admin_user, factory, field
):
    from django.utils.module_loading import import_string

    obj = import_string(factory)()
    live = getattr(obj, field)
    client.force_login(admin_user)

    assert post_form(client, obj, "_draft_save", **{field: "Kladdens tekst."}).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == live
    response = client.get(change_url(obj))
    assert response.context["adminform"].form.initial[field] == "Kladdens tekst."
    assert "Dette indhold har en kladde" in html.unescape(response.content.decode())

    assert post_form(client, obj, "_draft_publish").status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, field) == "Kladdens tekst."
