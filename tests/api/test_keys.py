import hashlib
import re

import pytest
from django.urls import reverse

from almen.core.api.keys import api_key_check, api_key_create, api_key_revoke
from almen.core.models import ApiKey
from tests.api.factories import auth

pytestmark = pytest.mark.django_db


def test_key_is_stored_only_as_its_hash():
    api_key, key = api_key_create(name="Forskning", organisation="Aalborg Universitet")
    assert re.fullmatch(r"[0-9a-f]{8}\.[-_A-Za-z0-9]{43}", key)
    assert api_key.prefix == key.split(".")[0]
    assert api_key.hashed_key == hashlib.sha256(key.encode()).hexdigest()
    stored = ApiKey.objects.values_list(flat=False).get(pk=api_key.pk)
    assert key not in [str(value) for value in stored]
    assert key.split(".")[1] not in "".join(str(value) for value in stored)


def test_check_accepts_the_key_and_rejects_others():
    api_key, key = api_key_create(name="Data", organisation="KL")
    assert api_key_check(key=key) == api_key
    assert api_key_check(key=key + "x") is None
    assert api_key_check(key=key.split(".")[0]) is None
    assert api_key_check(key="nonsense") is None
    assert api_key_check(key="deadbeef.wrong") is None


def test_check_records_last_use_and_revoked_key_fails():
    api_key, key = api_key_create(name="Data", organisation="KL")
    assert api_key.last_used_at is None
    api_key_check(key=key)
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None
    api_key_revoke(api_key=api_key)
    assert api_key_check(key=key) is None


def test_revoking_twice_keeps_the_first_time():
    api_key, _key = api_key_create(name="Data", organisation="KL")
    first = api_key_revoke(api_key=api_key).revoked_at
    assert api_key_revoke(api_key=api_key).revoked_at == first


def test_wrong_or_revoked_key_is_401_json(client):
    api_key, key = api_key_create(name="Data", organisation="KL")
    url = reverse("region-list")
    assert client.get(url, **auth(key)).status_code == 200
    response = client.get(url, **auth("deadbeef.not-a-key"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert response.json() == {"detail": "API-nøglen er ugyldig eller tilbagekaldt."}
    api_key_revoke(api_key=api_key)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en", **auth(key))
    assert response.status_code == 401
    assert response.json() == {"detail": "The API key is not valid or was revoked."}
    assert client.get(url, HTTP_AUTHORIZATION="Api-Key ").status_code == 401


def test_admin_shows_a_new_key_once_and_stores_its_hash(admin_client):
    response = admin_client.post(
        reverse("admin:core_apikey_add"), {"name": "Dataudtræk", "organisation": "KL"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    api_key = ApiKey.objects.get()
    key = re.search(r'value="([0-9a-f]{8}\.[-_A-Za-z0-9]{43})"', response.content.decode())[1]
    assert hashlib.sha256(key.encode()).hexdigest() == api_key.hashed_key
    assert api_key_check(key=key) == api_key
    change_page = admin_client.get(reverse("admin:core_apikey_change", args=[api_key.pk]))
    assert key.split(".")[1] not in change_page.content.decode()


def test_admin_revokes_selected_keys(admin_client, client):
    api_key, key = api_key_create(name="Data", organisation="KL")
    response = admin_client.post(
        reverse("admin:core_apikey_changelist"),
        {"action": "revoke_keys", "_selected_action": [api_key.pk]},
        follow=True,
    )
    assert response.status_code == 200
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    assert client.get(reverse("region-list"), **auth(key)).status_code == 401
