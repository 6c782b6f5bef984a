import html

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import translation

from almen.accounts.roles import APPROVERS_GROUP, CONTENT_EDITORS_GROUP
from almen.editorial.models import ContentDraft
from goals.models import ActionItem, Programme, Theme
from tests.editorial.conftest import NEW_TEXT, OLD_TEXT, change_url, post_form

pytestmark = pytest.mark.django_db

with translation.override("da"):
    # The Danish name of the content type, as the admin shows it (its wording is not ours).
    KIND = str(ActionItem._meta.verbose_name)


def _page(client, url) -> str:
    return html.unescape(client.get(url).content.decode())


def _submitted(client, action_item, capture):
    with capture(execute=True):
        response = post_form(client, action_item, "_draft_submit", text=NEW_TEXT)
    assert response.status_code == 302
    return ContentDraft.objects.get()


def test_the_groups_hold_the_draft_and_approval_permissions(editor, approver):
    assert editor.has_perm("editorial.change_contentdraft")
    assert editor.has_perm("editorial.add_previewlink")
    assert not editor.has_perm("editorial.approve_contentdraft")
    assert not editor.has_perm("editorial.change_approvalrule")
    assert approver.has_perm("editorial.approve_contentdraft")
    assert approver.has_perm("editorial.change_approvalrule")
    assert {group.name for group in approver.groups.all()} == {
        CONTENT_EDITORS_GROUP,
        APPROVERS_GROUP,
    }


def test_without_a_rule_an_editor_saves_published_content_directly(editor_client, action_item):
    response = post_form(editor_client, action_item, "_save", text=NEW_TEXT)

    assert response.status_code == 302
    action_item.refresh_from_db()
    assert action_item.text == NEW_TEXT


def test_with_approval_required_an_editor_cannot_publish(
    editor_client, action_item, approval_required
):
    page = _page(editor_client, change_url(action_item))
    assert 'name="_save"' not in page
    assert "Ændringer af dette udgivne indhold skal godkendes" in page
    assert "Send til godkendelse" in page

    assert post_form(editor_client, action_item, "_save", text=NEW_TEXT).status_code == 403
    post_form(editor_client, action_item, "_draft_save", text=NEW_TEXT)
    page = _page(editor_client, change_url(action_item))
    assert 'name="_draft_publish"' not in page
    assert post_form(editor_client, action_item, "_draft_publish").status_code == 403

    action_item.refresh_from_db()
    assert action_item.text == OLD_TEXT


def test_approval_applies_to_published_content_only(editor_client, action_item, approval_required):
    programme = action_item.pillar.programme
    programme.status = Programme.Status.DRAFT
    programme.save()

    response = post_form(editor_client, action_item, "_save", text=NEW_TEXT)

    assert response.status_code == 302
    action_item.refresh_from_db()
    assert action_item.text == NEW_TEXT


def test_sending_for_approval_emails_the_approvers_in_danish(
    editor_client, approver, action_item, approval_required, django_capture_on_commit_callbacks
):
    draft = _submitted(editor_client, action_item, django_capture_on_commit_callbacks)

    assert draft.state == ContentDraft.State.AWAITING_APPROVAL
    assert draft.submitted_by.username == "redaktor"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["godkender@bl.dk"]
    assert message.subject == f"{KIND.capitalize()} “{OLD_TEXT}” venter på din godkendelse"
    assert (
        f"Rikke Redaktør har sendt en kladde til {KIND} “{OLD_TEXT}” til godkendelse."
        in message.body
    )
    assert "http://testserver" not in message.body
    assert change_url(action_item) in message.body
    page = _page(editor_client, change_url(action_item))
    assert "Kladden afventer godkendelse." in page


def test_an_approver_approves_and_publishes_and_the_author_is_told(
    editor_client,
    approver_client,
    anonymous_client,
    action_item,
    approval_required,
    django_capture_on_commit_callbacks,
):
    _submitted(editor_client, action_item, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    page = _page(approver_client, change_url(action_item))
    assert "Godkend og udgiv" in page
    assert "Send retur med kommentar" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(approver_client, action_item, "_draft_publish")

    assert response.status_code == 302
    action_item.refresh_from_db()
    assert action_item.text == NEW_TEXT
    assert NEW_TEXT in _page(anonymous_client, action_item.pillar.get_absolute_url())
    draft = ContentDraft.objects.get()
    assert draft.state == ContentDraft.State.PUBLISHED
    assert draft.reviewer.username == "godkender"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redaktor@bl.dk"]
    assert message.subject == f"{KIND.capitalize()} “{NEW_TEXT}” er godkendt og udgivet"
    assert "Gustav Godkender har godkendt din kladde" in message.body
    assert "Ændringen er nu udgivet." in message.body


def test_returning_with_a_comment_emails_the_author(
    editor_client,
    approver_client,
    action_item,
    approval_required,
    django_capture_on_commit_callbacks,
):
    _submitted(editor_client, action_item, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_form(
            approver_client,
            action_item,
            "_draft_return",
            _draft_comment="Skriv hellere “beboerne” end “alle beboere”.",
        )

    assert response.status_code == 302
    draft = ContentDraft.objects.get()
    assert draft.state == ContentDraft.State.RETURNED
    assert draft.reviewer_comment == "Skriv hellere “beboerne” end “alle beboere”."
    action_item.refresh_from_db()
    assert action_item.text == OLD_TEXT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redaktor@bl.dk"]
    assert message.subject == f"{KIND.capitalize()} “{OLD_TEXT}” er sendt retur med en kommentar"
    assert (
        f"Gustav Godkender har sendt din kladde til {KIND} “{OLD_TEXT}” retur med denne kommentar:"
        in message.body
    )
    assert "Skriv hellere “beboerne” end “alle beboere”." in message.body
    page = _page(editor_client, change_url(action_item))
    assert "Sendt retur af Gustav Godkender med denne kommentar:" in page
    assert "Skriv hellere “beboerne” end “alle beboere”." in page


def test_returning_needs_a_comment_and_an_approver(
    editor_client,
    approver_client,
    action_item,
    approval_required,
    django_capture_on_commit_callbacks,
):
    _submitted(editor_client, action_item, django_capture_on_commit_callbacks)

    response = post_form(approver_client, action_item, "_draft_return", _draft_comment="  ")
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Skriv en kommentar til forfatteren."]
    assert ContentDraft.objects.get().state == ContentDraft.State.AWAITING_APPROVAL

    response = post_form(editor_client, action_item, "_draft_return", _draft_comment="Nej.")
    assert response.status_code == 403
    assert ContentDraft.objects.get().state == ContentDraft.State.AWAITING_APPROVAL


def test_approval_rules_are_kept_by_approvers(editor_client, approver_client):
    url = reverse("admin:editorial_approvalrule_changelist")
    assert editor_client.get(url).status_code == 403
    assert approver_client.get(url).status_code == 200
    add = approver_client.get(reverse("admin:editorial_approvalrule_add"))
    field = add.context["adminform"].form.fields["content_type"]
    choices = {content_type.pk for content_type in field.queryset}
    assert ContentType.objects.get_for_model(ActionItem).pk in choices
    assert ContentType.objects.get_for_model(Theme).pk not in choices  # no drafts of themes
    assert len(choices) == 8


def test_the_approvers_are_the_active_staff_holding_the_permission(editor, approver, admin_user):
    from almen.editorial.drafts import approvers

    assert approvers() == [approver]  # superusers only where they are in the group
    approver.is_active = False
    approver.save()
    assert approvers() == []


def test_an_approver_sending_their_own_draft_is_not_emailed_about_it(
    approver_client, action_item, django_capture_on_commit_callbacks
):
    draft = _submitted(approver_client, action_item, django_capture_on_commit_callbacks)

    assert draft.state == ContentDraft.State.AWAITING_APPROVAL
    assert mail.outbox == []
