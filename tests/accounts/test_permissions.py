import pytest
from django.contrib.auth.models import AnonymousUser

from almen.accounts.permissions import (
    user_can_administer_organisation,
    user_can_edit_organisation,
    user_can_moderate,
    user_can_see_private_goals,
)
from almen.accounts.selectors import organisations_administered_by, organisations_for_user
from tests.local_goals_setup import cast_create


@pytest.fixture
def cast(db):
    return cast_create()


def test_who_may_do_what_with_organisation_a(cast):
    anonymous = AnonymousUser()
    table = {
        "anonymous": (anonymous, False, False, False, False),
        "plain": (cast.plain, False, False, False, False),
        "editor_a": (cast.editor_a, True, False, False, True),
        "admin_a": (cast.admin_a, True, True, False, True),
        "editor_b": (cast.editor_b, False, False, False, False),
        "staff": (cast.staff, False, False, True, True),
    }
    for name, (user, edit, administer, moderate, see_private) in table.items():
        assert user_can_edit_organisation(user=user, organisation=cast.org_a) is edit, name
        assert user_can_administer_organisation(user=user, organisation=cast.org_a) is administer, (
            name
        )
        assert user_can_moderate(user=user) is moderate, name
        assert user_can_see_private_goals(user=user, organisation=cast.org_a) is see_private, name


def test_an_inactive_member_may_do_nothing(cast):
    cast.admin_a.is_active = False
    cast.admin_a.save()
    assert not user_can_edit_organisation(user=cast.admin_a, organisation=cast.org_a)
    assert list(organisations_for_user(user=cast.admin_a)) == []


def test_the_organisations_of_a_user(cast, django_assert_num_queries):
    from almen.accounts.models import Membership

    Membership.objects.create(user=cast.editor_a, organisation=cast.org_b, role="admin")
    with django_assert_num_queries(1):
        assert [o.slug for o in organisations_for_user(user=cast.editor_a)] == [
            "organisation-a",
            "organisation-b",
        ]
    assert [o.slug for o in organisations_administered_by(user=cast.editor_a)] == ["organisation-b"]
    assert list(organisations_for_user(user=AnonymousUser())) == []
