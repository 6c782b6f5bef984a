import pytest
from django.contrib.auth.models import Group

from almen.accounts.roles import APPROVERS_GROUP, CAMPAIGN_STAFF_GROUP, CONTENT_EDITORS_GROUP


def _permissions(name: str) -> set[tuple[str, str]]:
    group = Group.objects.get(name=name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.django_db
def test_migrating_creates_the_content_editors_group_with_goal_and_figure_permissions_only():
    codenames = _permissions(CONTENT_EDITORS_GROUP)
    assert CONTENT_EDITORS_GROUP == "BL-redaktør"
    assert ("goals", "change_actionitem") in codenames
    assert ("municipalities", "add_observation") in codenames
    assert {app for app, _ in codenames} == {"goals", "municipalities", "editorial"}
    # drafts of their content, but neither approving them nor deciding where approval applies
    assert ("editorial", "change_contentdraft") in codenames
    assert ("editorial", "add_previewlink") in codenames
    assert ("editorial", "approve_contentdraft") not in codenames
    assert ("editorial", "change_approvalrule") not in codenames


@pytest.mark.django_db
def test_migrating_creates_the_campaign_group_with_campaign_and_recipient_permissions_only():
    codenames = _permissions(CAMPAIGN_STAFF_GROUP)
    assert CAMPAIGN_STAFF_GROUP == "BL-kampagne"
    assert ("campaigns", "change_campaign") in codenames
    assert ("campaigns", "view_recipient") in codenames
    assert ("campaigns", "delete_recipient") in codenames
    assert {app for app, _ in codenames} == {"campaigns", "editorial"}
    assert ("editorial", "approve_contentdraft") not in codenames


@pytest.mark.django_db
def test_migrating_creates_the_approvers_group_with_the_approval_permissions():
    codenames = _permissions(APPROVERS_GROUP)
    assert APPROVERS_GROUP == "BL-godkender"
    assert ("editorial", "approve_contentdraft") in codenames
    assert ("editorial", "change_approvalrule") in codenames
    assert ("editorial", "change_contentdraft") in codenames
    assert {app for app, _ in codenames} == {"editorial"}


@pytest.mark.django_db
def test_there_is_one_content_group_only():
    assert not Group.objects.filter(name="BL-redaktører").exists()
    assert Group.objects.filter(name__startswith="BL-").count() == 3
