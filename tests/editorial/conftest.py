import datetime as dt

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from almen.accounts.roles import APPROVERS_GROUP, CONTENT_EDITORS_GROUP, staff_groups_ensure
from almen.editorial.models import ApprovalRule
from goals.models import ActionItem
from tests.conftest import with_authenticator
from tests.goals.factories import ActionItemFactory
from tests.goals.test_admin import _form_data

OLD_TEXT = "Sikre adgang til viden om grønne handlinger."
NEW_TEXT = "Sikre adgang til viden om grønne handlinger for alle beboere."


def _staff(django_user_model, *, username: str, email: str, groups: list[str], name: str):
    first, last = name.split()
    user = django_user_model.objects.create_user(
        username=username,
        email=email,
        password="pw-editorial-1",
        is_staff=True,
        first_name=first,
        last_name=last,
    )
    all_groups = staff_groups_ensure()
    user.groups.add(*(all_groups[group] for group in groups))
    return with_authenticator(user)


@pytest.fixture
def editor(db, django_user_model):
    return _staff(
        django_user_model,
        username="redaktor",
        email="redaktor@bl.dk",
        groups=[CONTENT_EDITORS_GROUP],
        name="Rikke Redaktør",
    )


@pytest.fixture
def approver(db, django_user_model):
    return _staff(
        django_user_model,
        username="godkender",
        email="godkender@bl.dk",
        groups=[CONTENT_EDITORS_GROUP, APPROVERS_GROUP],
        name="Gustav Godkender",
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return _client(editor)


@pytest.fixture
def approver_client(approver):
    return _client(approver)


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def action_item(db):
    """An action item of a published programme."""
    return ActionItemFactory(text=OLD_TEXT)


@pytest.fixture
def approval_required(db):
    return ApprovalRule.objects.create(
        content_type=ContentType.objects.get_for_model(ActionItem), approval_required=True
    )


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def post_form(client, obj, button: str, **changes):
    """Post ``obj``'s change form as a browser would, with ``changes`` and ``button``."""
    data = _form_data(client.get(change_url(obj)))
    data.update(changes)
    data[button] = "1"
    return client.post(change_url(obj), data)


# Two editors for the history and concurrency tests (test_versions, test_concurrency,
# test_history_recording), signed in with the clock at a fixed time.


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
def anne(db, django_user_model):
    """A BL-redaktør: staff, not a superuser, with the authenticator admin requires."""
    return _editor(django_user_model, "anne", "Anne")


@pytest.fixture
def bo(db, django_user_model):
    return _editor(django_user_model, "bo", "Bo")


@pytest.fixture
def clock():
    """The clock stands at 10:00 Copenhagen time on 6 December 2026 until moved."""
    start = dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


@pytest.fixture
def anne_client(clock, anne):
    return _client(anne)


@pytest.fixture
def bo_client(clock, bo):
    return _client(bo)
