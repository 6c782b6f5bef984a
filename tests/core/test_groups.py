import pytest
from django.contrib.auth.models import Group

from almen.core.services import CONTENT_EDITORS_GROUP


@pytest.mark.django_db
def test_migrating_creates_the_editors_group_with_every_content_permission_and_no_other():
    group = Group.objects.get(name=CONTENT_EDITORS_GROUP)
    codenames = set(group.permissions.values_list("content_type__app_label", "codename").distinct())
    assert ("goals", "change_actionitem") in codenames
    assert ("municipalities", "add_observation") in codenames
    assert ("campaigns", "change_campaign") in codenames
    assert {app for app, _ in codenames} == {"goals", "municipalities", "campaigns"}
