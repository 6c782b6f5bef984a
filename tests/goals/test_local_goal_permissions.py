"""The permission matrix: every role against every view and API endpoint that writes local
goals. Allowed writes redirect (302) to the organisation's pages; anonymous visitors are
sent to the login page; another organisation's goal is 404 while it is private and 403
once it is public. Every refusal leaves the data as it was."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from goals.models import LocalGoal, ProgressUpdate
from tests.api.factories import staff_key_create
from tests.local_goals_setup import cast_create

ROLES = ["anonymous", "plain", "editor_a", "admin_a", "editor_b", "staff"]
LOGIN = "login"
OK = "ok"
PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def cast(db):
    return cast_create()


def _client(cast, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    return client


def _goal_data(cast, municipality):
    return {
        "text": "Ændret tekst",
        "municipalities": [municipality.pk],
        "responsible_role": "Driftschef",
        "status": "in_progress",
        "progress": "50",
    }


def _update_data():
    return {
        "date": "2026-11-30",
        "text": "Ny opdatering",
        "status": "in_progress",
        "progress": "60",
        "attachment": SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf"),
    }


def _snapshot():
    return (
        sorted(
            LocalGoal.objects.values_list("pk", "text", "is_published", "deleted_at", "hidden_at")
        ),
        sorted(ProgressUpdate.objects.values_list("pk", "text", "hidden_at")),
    )


# (name, url, data, expected per role). Goals of B are the targets: B's editor may, A's
# members may not, whatever the id in the URL.
def _cases(cast):
    herning = cast.herning
    return [
        (
            "create a goal for A",
            reverse("members:goal-create", kwargs={"organisation_slug": "organisation-a"}),
            {**_goal_data(cast, cast.kalundborg), "action_item": cast.published_a.action_item_id},
            {
                "anonymous": LOGIN,
                "plain": 403,
                "editor_a": OK,
                "admin_a": OK,
                "editor_b": 403,
                "staff": 403,
            },
        ),
        (
            "create a goal for B",
            reverse("members:goal-create", kwargs={"organisation_slug": "organisation-b"}),
            {**_goal_data(cast, herning), "action_item": cast.published_b.action_item_id},
            {
                "anonymous": LOGIN,
                "plain": 403,
                "editor_a": 403,
                "admin_a": 403,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "edit B's published goal",
            reverse("members:goal-edit", kwargs={"pk": cast.published_b.pk}),
            _goal_data(cast, herning),
            {
                "anonymous": LOGIN,
                "plain": 403,
                "editor_a": 403,
                "admin_a": 403,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "edit B's draft",
            reverse("members:goal-edit", kwargs={"pk": cast.draft_b.pk}),
            _goal_data(cast, herning),
            {
                "anonymous": LOGIN,
                "plain": 404,
                "editor_a": 404,
                "admin_a": 404,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "publish B's draft",
            reverse("members:goal-publish", kwargs={"pk": cast.draft_b.pk}),
            {},
            {
                "anonymous": LOGIN,
                "plain": 404,
                "editor_a": 404,
                "admin_a": 404,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "unpublish B's goal",
            reverse("members:goal-publish", kwargs={"pk": cast.published_b.pk}),
            {"publish": "0"},
            {
                "anonymous": LOGIN,
                "plain": 403,
                "editor_a": 403,
                "admin_a": 403,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "delete B's published goal",
            reverse("members:goal-delete", kwargs={"pk": cast.published_b.pk}),
            {},
            {
                "anonymous": LOGIN,
                "plain": 403,
                "editor_a": 403,
                "admin_a": 403,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "delete B's draft",
            reverse("members:goal-delete", kwargs={"pk": cast.draft_b.pk}),
            {},
            {
                "anonymous": LOGIN,
                "plain": 404,
                "editor_a": 404,
                "admin_a": 404,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "attach an update to B's published goal",
            reverse("members:update-create", kwargs={"pk": cast.published_b.pk}),
            None,
            {
                "anonymous": LOGIN,
                "plain": 403,
                "editor_a": 403,
                "admin_a": 403,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "attach an update to B's draft",
            reverse("members:update-create", kwargs={"pk": cast.draft_b.pk}),
            None,
            {
                "anonymous": LOGIN,
                "plain": 404,
                "editor_a": 404,
                "admin_a": 404,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "edit B's update",
            reverse("members:update-edit", kwargs={"pk": cast.update_b.pk}),
            None,
            {
                "anonymous": LOGIN,
                "plain": 403,
                "editor_a": 403,
                "admin_a": 403,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "edit the update of B's draft",
            reverse("members:update-edit", kwargs={"pk": cast.draft_update_b.pk}),
            None,
            {
                "anonymous": LOGIN,
                "plain": 404,
                "editor_a": 404,
                "admin_a": 404,
                "editor_b": OK,
                "staff": 403,
            },
        ),
        (
            "hide B's goal (BL)",
            reverse("goals:local-goal-hide", kwargs={"pk": cast.published_b.pk}),
            {"reason": "Personoplysninger i teksten"},
            {
                "anonymous": LOGIN,
                "plain": 403,
                "editor_a": 403,
                "admin_a": 403,
                "editor_b": 403,
                "staff": OK,
            },
        ),
        (
            "hide B's update (BL)",
            reverse("goals:progress-update-hide", kwargs={"pk": cast.update_b.pk}),
            {"reason": "Forkert bilag"},
            {
                "anonymous": LOGIN,
                "plain": 403,
                "editor_a": 403,
                "admin_a": 403,
                "editor_b": 403,
                "staff": OK,
            },
        ),
    ]


CASE_NAMES = [
    "create a goal for A",
    "create a goal for B",
    "edit B's published goal",
    "edit B's draft",
    "publish B's draft",
    "unpublish B's goal",
    "delete B's published goal",
    "delete B's draft",
    "attach an update to B's published goal",
    "attach an update to B's draft",
    "edit B's update",
    "edit the update of B's draft",
    "hide B's goal (BL)",
    "hide B's update (BL)",
]


@pytest.mark.parametrize("case_name", CASE_NAMES)
def test_permission_matrix(cast, case_name, settings, tmp_path):
    """Each role in turn, every write rolled back before the next role tries."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    _name, url, data, expected = next(case for case in _cases(cast) if case[0] == case_name)
    for role in ROLES:
        with transaction.atomic():
            before = _snapshot()
            response = _client(cast, role).post(url, data if data is not None else _update_data())
            outcome = expected[role]
            if outcome == LOGIN:
                assert response.status_code == 302, role
                assert response["Location"].startswith(reverse("account_login")), role
                assert _snapshot() == before, role
            elif outcome == OK:
                assert response.status_code == 302, (role, response.content[:500])
                assert not response["Location"].startswith(reverse("account_login")), role
                assert _snapshot() != before, role
            else:
                assert response.status_code == outcome, role
                assert _snapshot() == before, role
                assert not list(tmp_path.rglob("*.pdf")), role
            transaction.set_rollback(True)
        for stored in tmp_path.rglob("*.pdf"):
            stored.unlink()


@pytest.mark.parametrize("role", ROLES)
def test_the_edit_pages_answer_get_as_they_answer_post(cast, role):
    """Opening another organisation's edit page tells as little as writing to it."""
    client = _client(cast, role)
    expected_draft = {
        "anonymous": 302,
        "plain": 404,
        "editor_a": 404,
        "admin_a": 404,
        "editor_b": 200,
        "staff": 403,
    }
    expected_public = {**expected_draft, "plain": 403, "editor_a": 403, "admin_a": 403}
    for name in ("members:goal-edit", "members:goal-manage", "members:update-create"):
        assert (
            client.get(reverse(name, kwargs={"pk": cast.draft_b.pk})).status_code
            == expected_draft[role]
        )
        assert (
            client.get(reverse(name, kwargs={"pk": cast.published_b.pk})).status_code
            == expected_public[role]
        )


def test_an_editor_cannot_put_a_goal_in_a_municipality_of_another_organisation(cast):
    client = _client(cast, "editor_a")
    url = reverse("members:goal-create", kwargs={"organisation_slug": "organisation-a"})
    data = {**_goal_data(cast, cast.herning), "action_item": cast.published_a.action_item_id}
    response = client.post(url, data)
    assert response.status_code == 200
    assert f"{cast.herning.pk} er ikke blandt de mulige værdier" in response.content.decode()
    assert LocalGoal.objects.filter(organisation=cast.org_a).count() == 2


@pytest.mark.parametrize("role", ROLES)
def test_the_api_has_no_writes(cast, role):
    staff_key = staff_key_create(user=cast.staff)
    client = _client(cast, role)
    count = LocalGoal.objects.count()
    for url in (reverse("local-goal-list"), reverse("organisation-list")):
        response = client.post(url, {"text": "x"}, content_type="application/json")
        assert response.status_code in (401, 403, 405)
    detail = reverse("local-goal-detail", kwargs={"pk": cast.published_b.pk})
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)(detail, {"text": "x"}, content_type="application/json")
        assert response.status_code in (401, 403, 405)
    response = Client().post(
        reverse("local-goal-list"), {"text": "x"}, HTTP_AUTHORIZATION=f"Api-Key {staff_key}"
    )
    assert response.status_code == 405
    assert LocalGoal.objects.count() == count
    assert LocalGoal.objects.get(pk=cast.published_b.pk).text == "Mål published_b"
