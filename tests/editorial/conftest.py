import datetime as dt

import pytest
import time_machine
from django.test import Client

from almen.accounts.roles import CONTENT_EDITORS_GROUP, staff_groups_ensure
from tests.conftest import with_authenticator


def _editor(django_user_model, username: str, first_name: str):
    user = django_user_model.objects.create_user(
        username=username,
        email=f"{username}@bl.dk",
        password=f"pw-{username}-1",
        first_name=first_name,
        last_name="Redaktør",
        is_staff=True,
    )
    user.groups.add(staff_groups_ensure()[CONTENT_EDITORS_GROUP])
    return with_authenticator(user)


@pytest.fixture
def editor(db, django_user_model):
    """A BL-redaktør: staff, not a superuser, with the authenticator admin requires."""
    return _editor(django_user_model, "anne", "Anne")


@pytest.fixture
def other_editor(db, django_user_model):
    return _editor(django_user_model, "bo", "Bo")


@pytest.fixture
def clock():
    """The clock stands at 10:00 Copenhagen time on 6 December 2026 until moved."""
    start = dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


@pytest.fixture
def editor_client(clock, editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def other_editor_client(clock, other_editor):
    client = Client()
    client.force_login(other_editor)
    return client


@pytest.fixture
def anonymous_client():
    return Client()
