import html
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from almen.editorial.drafts import draft_save
from almen.editorial.models import ContentDraft, PreviewLink
from almen.editorial.previews import preview_link_create, preview_link_token
from tests.editorial.conftest import NEW_TEXT, OLD_TEXT, post_form
from tests.goals.factories import ActionItemFactory, PillarFactory

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
MADE = datetime(2026, 12, 1, 10, 0, tzinfo=COPENHAGEN)


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _url(link) -> str:
    return reverse("editorial:preview", kwargs={"token": preview_link_token(link=link)})


@pytest.fixture
def link(editor_client, action_item):
    with time_machine.travel(MADE, tick=False):
        response = post_form(
            editor_client, action_item, "_preview_create", text=NEW_TEXT, _preview_days="3"
        )
    assert response.status_code == 302
    return PreviewLink.objects.get()


def test_making_a_link_saves_the_draft_and_shows_the_link(editor_client, action_item, link):
    assert ContentDraft.objects.get().data == {"text": NEW_TEXT}
    assert link.expires_at == datetime(2026, 12, 4, 10, 0, tzinfo=COPENHAGEN)
    assert link.created_by.username == "redaktor"
    with time_machine.travel(MADE, tick=False):
        page = _text(
            editor_client.get(reverse("admin:goals_actionitem_change", args=[action_item.pk]))
        )
    assert f"http://testserver{_url(link)}" in page
    assert "virker til 4. december 2026 10.00" in page


def test_a_link_lasts_one_to_fourteen_days(editor_client, action_item):
    response = post_form(editor_client, action_item, "_preview_create", _preview_days="15")
    assert [str(m) for m in response.wsgi_request._messages] == [
        "Vælg, hvor mange dage linket skal virke."
    ]
    assert not PreviewLink.objects.exists()


def test_the_preview_shows_the_draft_marked_and_not_indexed_while_the_public_page_does_not(
    anonymous_client, action_item, link
):
    public_url = action_item.pillar.get_absolute_url()
    assert OLD_TEXT in _text(anonymous_client.get(public_url))  # cached

    with time_machine.travel(MADE, tick=False):
        response = anonymous_client.get(_url(link))

    assert response.status_code == 200
    page = _text(response)
    assert NEW_TEXT in page
    assert OLD_TEXT + "<" not in page
    assert "Forhåndsvisning" in page
    assert (
        "Siden viser en kladde, der ikke er udgivet endnu. Linket virker til 4. december 2026 10.00"
        in page
    )
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert action_item.pillar.title in page  # the pillar's public page
    action_item.refresh_from_db()
    assert action_item.text == OLD_TEXT
    public = _text(anonymous_client.get(public_url))
    assert OLD_TEXT in public
    assert NEW_TEXT not in public
    assert "Forhåndsvisning" not in public


def test_the_preview_follows_the_draft_and_is_never_cached(
    anonymous_client, editor, action_item, link
):
    with time_machine.travel(MADE, tick=False):
        assert NEW_TEXT in _text(anonymous_client.get(_url(link)))
        draft_save(obj=action_item, values={"text": "Tredje udgave."}, user=editor)
        assert "Tredje udgave." in _text(anonymous_client.get(_url(link)))


def test_an_expired_link_is_refused(anonymous_client, link):
    with time_machine.travel(datetime(2026, 12, 4, 9, 59, tzinfo=COPENHAGEN), tick=False):
        assert anonymous_client.get(_url(link)).status_code == 200
    with time_machine.travel(datetime(2026, 12, 4, 10, 0, tzinfo=COPENHAGEN), tick=False):
        response = anonymous_client.get(_url(link))
    assert response.status_code == 410
    page = _text(response)
    assert "Forhåndsvisningen er ikke længere tilgængelig" in page
    assert "Dette forhåndsvisningslink udløb 4. december 2026 10.00." in page
    assert NEW_TEXT not in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_revoked_link_is_refused(editor_client, anonymous_client, action_item, link):
    change = reverse("admin:goals_actionitem_change", args=[action_item.pk])
    with time_machine.travel(MADE, tick=False):
        editor_client.post(change, {"_preview_revoke": link.pk + 1})  # not this draft's
        assert editor_client.post(change, {"_preview_revoke": "x"}).status_code == 302
        assert PreviewLink.objects.get().revoked_at is None
        response = editor_client.post(change, {"_preview_revoke": link.pk})
        assert response.status_code == 302
        response = anonymous_client.get(_url(link))
    assert PreviewLink.objects.get().revoked_at == MADE
    assert response.status_code == 410
    assert "Dette forhåndsvisningslink er tilbagekaldt af BL." in _text(response)
    assert NEW_TEXT not in _text(response)


def test_a_link_to_a_published_draft_is_refused(editor_client, anonymous_client, action_item, link):
    with time_machine.travel(MADE, tick=False):
        post_form(editor_client, action_item, "_draft_publish")
        response = anonymous_client.get(_url(link))
    assert response.status_code == 410
    assert "Kladden, som linket viste, er blevet udgivet." in _text(response)


def test_a_tampered_or_unknown_token_is_not_found(anonymous_client, link):
    token = preview_link_token(link=link)
    key, signature = token.split(":")
    tampered = f"{key[:-1]}{'0' if key[-1] != '0' else '1'}:{signature}"
    for bad in (tampered, key, f"{key}:x", "nonsense"):
        response = anonymous_client.get(reverse("editorial:preview", kwargs={"token": bad}))
        assert response.status_code == 404, bad
    link.delete()
    assert (
        anonymous_client.get(reverse("editorial:preview", kwargs={"token": token})).status_code
        == 404
    )


def test_the_preview_needs_the_same_number_of_queries_however_big_the_page(
    anonymous_client, editor
):
    small = ActionItemFactory(text="Lille side.")
    big_pillar = PillarFactory()
    big = ActionItemFactory(pillar=big_pillar, text="Stor side.")
    ActionItemFactory.create_batch(5, pillar=big_pillar)
    counts = []
    with time_machine.travel(MADE, tick=False):
        for item in (small, big):
            draft = draft_save(obj=item, values={"text": "Ny tekst."}, user=editor)
            url = _url(preview_link_create(draft=draft, days=2, user=editor))
            anonymous_client.get(url)  # warm the per-process caches (content types, URLs)
            with CaptureQueriesContext(connection) as queries:
                assert anonymous_client.get(url).status_code == 200
            counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_section_without_a_page_of_its_own_is_previewed_on_its_programme(
    anonymous_client, editor
):
    from tests.goals.factories import ProgrammeSectionFactory

    section = ProgrammeSectionFactory(title="Hvad er en almen bolig?", body="Gammel brødtekst.")
    draft = draft_save(obj=section, values={"body": "Ny brødtekst om almene boliger."}, user=editor)
    with time_machine.travel(MADE, tick=False):
        url = _url(preview_link_create(draft=draft, days=1, user=editor))
        response = anonymous_client.get(url)
    assert response.status_code == 200
    page = _text(response)
    assert "Ny brødtekst om almene boliger." in page
    assert section.programme.title in page
    assert "Gammel brødtekst." in _text(anonymous_client.get(section.programme.get_absolute_url()))
