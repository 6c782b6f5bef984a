"""An editor prepares a change to a published action item as a draft, shows it to an
outside reviewer through a preview link and sends it for approval; an approver approves it
and the public page shows it; the history shows both versions with the field diff, and
restoring the old version brings the old text back (issue 12's acceptance walk)."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from almen.accounts.mfa import totp_code
from almen.accounts.roles import APPROVERS_GROUP, CONTENT_EDITORS_GROUP, staff_groups_ensure
from almen.editorial.history import history_record
from almen.editorial.models import ApprovalRule
from goals.models import ActionItem
from tests.conftest import STAFF_TOTP_SECRET, with_authenticator
from tests.goals.factories import ActionItemFactory

pytestmark = pytest.mark.django_db(transaction=True)

OLD_TEXT = "Sikre adgang til viden om grønne handlinger."
NEW_TEXT = "Sikre adgang til viden om grønne handlinger for alle beboere."


def _staff(django_user_model, *, email: str, groups: list[str]):
    user = django_user_model.objects.create_user(
        username=email, email=email, password="pw-editorial-1", is_staff=True
    )
    all_groups = staff_groups_ensure()
    user.groups.add(*(all_groups[name] for name in groups))
    return with_authenticator(user)


def _signed_in(browser, live_server, email: str):
    page = browser.new_context(locale="da-DK").new_page()
    page.goto(live_server.url + "/admin/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("pw-editorial-1")
    page.get_by_role("button", name="Log ind", exact=True).click()
    page.wait_for_load_state()
    page.locator("input[name=code]").fill(totp_code(secret=STAFF_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/admin/"
    return page


def test_a_draft_is_previewed_sent_for_approval_approved_and_published(
    live_server, browser, page, django_user_model
):
    action = ActionItemFactory(text=OLD_TEXT)
    history_record(objects=[action], comment="Indlæst af load_content")  # as loaded content is
    ApprovalRule.objects.create(
        content_type=ContentType.objects.get_for_model(ActionItem), approval_required=True
    )
    _staff(django_user_model, email="redaktor@bl.dk", groups=[CONTENT_EDITORS_GROUP])
    _staff(
        django_user_model,
        email="godkender@bl.dk",
        groups=[CONTENT_EDITORS_GROUP, APPROVERS_GROUP],
    )
    public_url = live_server.url + action.pillar.get_absolute_url()
    page.goto(public_url)  # the anonymous visitor (and the page cache) see the live text
    assert page.get_by_text(OLD_TEXT).count() == 1

    editor = _signed_in(browser, live_server, "redaktor@bl.dk")
    editor.goto(f"{live_server.url}/admin/goals/actionitem/{action.pk}/change/")
    assert editor.locator("input[name=_save]").count() == 0  # approval is required
    editor.locator("#id_text").fill(NEW_TEXT)
    editor.get_by_role("button", name="Gem som kladde").click()
    editor.wait_for_load_state()
    assert "Kladden er gemt. Den udgivne tekst er uændret." in editor.content()
    assert editor.locator("#editorial-draft-banner").is_visible()
    editor.locator("#id__preview_days").select_option("3")
    editor.get_by_role("button", name="Lav et forhåndsvisningslink").click()
    editor.wait_for_load_state()
    preview_url = editor.locator("#editorial-preview-links li a").first.get_attribute("href")
    assert re.search(r"/forhaandsvisning/[^/]+/$", preview_url)

    outsider = browser.new_context(locale="da-DK").new_page()  # no login at all
    outsider.goto(preview_url)
    assert outsider.get_by_text(NEW_TEXT).count() == 1
    assert outsider.locator("#editorial-preview").inner_text().startswith("FORHÅNDSVISNING")
    page.goto(public_url)
    assert page.get_by_text(OLD_TEXT).count() == 1
    assert page.get_by_text(NEW_TEXT).count() == 0

    editor.get_by_role("button", name="Send til godkendelse").click()
    editor.wait_for_load_state()
    assert "Kladden afventer godkendelse." in editor.content()

    approver = _signed_in(browser, live_server, "godkender@bl.dk")
    awaiting = approver.locator("#dashboard-awaiting")
    assert "Afventer min godkendelse" in awaiting.inner_text()
    awaiting.get_by_role("link").first.click()
    approver.wait_for_load_state()
    assert approver.locator("#id_text").input_value() == NEW_TEXT
    approver.get_by_role("button", name="Godkend og udgiv").click()
    approver.wait_for_load_state()
    assert "Kladden er udgivet." in approver.content()

    page.goto(public_url)
    assert page.get_by_text(NEW_TEXT).count() == 1
    assert outsider.goto(preview_url).status == 410

    # The history: both versions, who or what made them, and the field diff.
    approver.goto(f"{live_server.url}/admin/goals/actionitem/{action.pk}/history/")
    rows = approver.locator("#change-history tbody tr")
    assert rows.count() == 2
    assert "Kladde udgivet" in rows.nth(0).inner_text()
    assert "Indlæst af load_content" in rows.nth(1).inner_text()
    approver.locator("input[type=submit][value=Sammenlign]").click()
    approver.wait_for_load_state()
    diff = approver.locator("#content").inner_text()
    assert "tekst" in diff
    assert approver.locator("ins").filter(has_text="for alle beboere").count() >= 1

    # Restoring the loaded version is itself a new version, and the public page follows.
    approver.goto(f"{live_server.url}/admin/goals/actionitem/{action.pk}/history/")
    approver.locator("#change-history tbody tr").nth(1).locator("a").first.click()
    approver.wait_for_load_state()
    assert approver.locator("#id_text").input_value() == OLD_TEXT
    approver.locator("input[name=_save]").click()
    approver.wait_for_load_state()
    page.goto(public_url)
    assert page.get_by_text(OLD_TEXT).count() == 1
    assert page.get_by_text(NEW_TEXT).count() == 0
    approver.goto(f"{live_server.url}/admin/goals/actionitem/{action.pk}/history/")
    assert approver.locator("#change-history tbody tr").count() == 3
