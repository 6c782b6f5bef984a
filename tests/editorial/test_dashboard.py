import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from almen.editorial.drafts import draft_save, draft_submit
from almen.editorial.history import history_record
from tests.editorial.conftest import NEW_TEXT, post_form
from tests.goals.factories import ActionItemFactory, PillarFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def _section(page: str, section_id: str) -> str:
    start = page.index(f'id="{section_id}"')
    return page[start : page.index("</div>", start)]


def test_my_drafts_lists_the_editors_open_drafts_with_links(editor_client, editor, approver):
    mine = ActionItemFactory(text="Min handling.")
    theirs = PillarFactory(title="Andres søjle")
    draft_save(obj=mine, values={"text": "Min kladde."}, user=editor)
    draft_save(obj=theirs, values={"title": "Ny titel"}, user=approver)

    page = html.unescape(editor_client.get(INDEX).content.decode())

    section = _section(page, "dashboard-my-drafts")
    assert "Mine kladder" in section
    assert reverse("admin:goals_actionitem_change", args=[mine.pk]) in section
    assert "Min handling." in section
    assert "Andres søjle" not in section
    assert "Afventer min godkendelse" not in page  # editors do not approve


def test_awaiting_my_approval_lists_submitted_drafts_for_approvers(
    editor, approver_client, django_capture_on_commit_callbacks
):
    submitted = ActionItemFactory(text="Sendt til godkendelse.")
    kept = ActionItemFactory(text="Bare en kladde.")
    with django_capture_on_commit_callbacks(execute=True):
        draft_submit(
            draft=draft_save(obj=submitted, values={"text": "X."}, user=editor), user=editor
        )
    draft_save(obj=kept, values={"text": "Y."}, user=editor)

    page = html.unescape(approver_client.get(INDEX).content.decode())

    section = _section(page, "dashboard-awaiting")
    assert "Afventer min godkendelse" in section
    assert "Sendt til godkendelse." in section
    assert reverse("admin:goals_actionitem_change", args=[submitted.pk]) in section
    assert "Rikke Redaktør" in section
    assert "Bare en kladde." not in section


def test_recent_changes_show_who_when_what_and_link_the_objects(editor_client, editor, action_item):
    post_form(editor_client, action_item, "_save", text=NEW_TEXT)
    history_record(objects=[PillarFactory(title="Indlæst søjle")], comment="load_content")

    page = html.unescape(editor_client.get(INDEX).content.decode())

    section = _section(page, "dashboard-recent-changes")
    assert "Seneste ændringer" in section
    assert section.index("load_content") < section.index(NEW_TEXT[:20])  # newest first
    assert "systemet" in section  # no user: a process did it
    assert "Rikke Redaktør" in section
    assert reverse("admin:goals_actionitem_change", args=[action_item.pk]) in section


def test_the_start_page_needs_the_same_number_of_queries_however_much_there_is(
    editor_client, editor
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(INDEX).status_code == 200
        return len(queries)

    item = ActionItemFactory()
    draft_save(obj=item, values={"text": "En."}, user=editor)
    history_record(objects=[item], comment="Første")
    editor_client.get(INDEX)
    few = count()
    for index in range(5):
        other = ActionItemFactory()
        draft_save(obj=other, values={"text": f"Flere {index}."}, user=editor)
        history_record(objects=[other, PillarFactory()], comment=f"Ændring {index}")
    assert count() == few
