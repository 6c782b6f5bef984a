from almen.core.api.keys import api_key_create


def partner_key_create(*, organisation: str = "KL", name: str = "Dataudtræk") -> str:
    """A partner key, in clear (as the admin shows it once)."""
    _api_key, key = api_key_create(name=name, organisation=organisation)
    return key


def staff_key_create(*, user) -> str:
    _api_key, key = api_key_create(name="Rapportering", organisation="BL", user=user)
    return key


def auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
