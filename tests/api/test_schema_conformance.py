"""The OpenAPI schema says exactly what the API returns: real responses of every endpoint,
with all content and the demo data loaded, are validated against the schema by a strict
OAS 3.0 validator (``nullable`` only counts where OAS 3.0 lets it), and so are the
schema's own examples; every example parameter value exists in the loaded data."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils.module_loading import import_string
from openapi_schema_validator import OAS30ReadValidator

from campaigns.models import Campaign
from tests.api.factories import auth, staff_key_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    return client.get(reverse("api-schema"), {"format": "json"}).json()


@pytest.fixture
def staff_key(staff_user):
    """All published content, the demo data, a campaign without a webinar, and a staff key
    (for the reporting endpoints)."""
    call_command("load_content", verbosity=0)
    for builder in settings.DEMO_DATA_BUILDERS:
        import_string(builder)()
    Campaign.objects.create(slug="uden-webinar", name="Uden webinar", status="ready")
    return staff_key_create(user=staff_user)


def _errors(spec: dict, schema: dict, instance) -> list[str]:
    # "#/components/..." references resolve against the root: give it the components.
    validator = OAS30ReadValidator({**schema, "components": spec["components"]})
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(instance)
    ]


def _example_values(parameter: dict) -> list:
    return [example["value"] for example in parameter.get("examples", {}).values()]


def _operations(spec: dict):
    for path, operations in spec["paths"].items():
        yield path, operations["get"]


def _url(path: str, operation: dict) -> str:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", str(_path_value(path, parameter)))
    return path


def _path_value(path: str, parameter: dict):
    # A local goal's id is made by the database, so no documented example can name one
    # that exists in every database: the published demo goal stands in for it.
    if path == "/api/v1/local-goals/{id}/":
        from goals.models import LocalGoal

        return LocalGoal.objects.public().values_list("pk", flat=True)[0]
    return _example_values(parameter)[0]


def test_every_endpoint_returns_what_the_schema_says(client, spec, staff_key):
    checked = 0
    problems = []
    for path, operation in _operations(spec):
        url = _url(path, operation)
        queries = [{}] + [
            {parameter["name"]: value}
            for parameter in operation.get("parameters", [])
            if parameter["in"] == "query" and parameter["name"] != "format"
            for value in _example_values(parameter)
        ]
        for query in queries:
            response = client.get(url, {**query, "page_size": 100}, **auth(staff_key))
            checked += 1
            # Every documented example value exists in the loaded data.
            if response.status_code != 200:
                problems.append((url, query, response.status_code, response.content[:200]))
                continue
            body = response.json()
            schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
            problems += [(url, query, error) for error in _errors(spec, schema, body)[:3]]
            if "results" in body and not body["results"] and not query:
                problems.append((url, query, "lists nothing: the check would prove little"))
    assert problems == [], "\n".join(map(str, problems))
    assert checked > 40


def test_the_nulls_the_api_returns_are_allowed(client, spec, staff_key):
    """The fields the issue found null where the schema forbade it."""
    observations = client.get("/api/v1/observations/", {"national": "true"}).json()
    assert observations["results"][0]["municipality"] is None
    profile = client.get("/api/v1/municipalities/326/profile/").json()
    assert any(figure["national"] is None for figure in profile["figures"])
    campaign = client.get("/api/v1/campaigns/uden-webinar/").json()
    assert campaign["webinar"] is None
    recipients = client.get("/api/v1/campaigns/kv25/recipients/", **auth(staff_key)).json()
    assert recipients["results"][0]["invitation"] is None
    for body, component in [
        (observations["results"][0], "Observation"),
        (profile, "MunicipalityProfile"),
        (campaign, "Campaign"),
        (recipients["results"][0], "RecipientStatus"),
    ]:
        schema = {"$ref": f"#/components/schemas/{component}"}
        assert _errors(spec, schema, body) == []
    # And null is not allowed everywhere: the validator is strict.
    broken = {**observations["results"][0], "indicator": None}
    assert _errors(spec, {"$ref": "#/components/schemas/Observation"}, broken)


def test_the_schemas_examples_conform_to_it(spec):
    checked = 0
    problems = []
    for path, operation in _operations(spec):
        for status, response in operation["responses"].items():
            content = response.get("content", {}).get("application/json")
            if not content:
                continue
            for name, example in content.get("examples", {}).items():
                errors = _errors(spec, content["schema"], example["value"])
                problems += [(path, status, name, error) for error in errors[:2]]
                checked += 1
    assert problems == [], "\n".join(map(str, problems))
    assert checked > 40


def test_csv_is_documented_and_returned(client, spec, staff_key):
    operation = spec["paths"]["/api/v1/observations/"]["get"]
    assert operation["responses"]["200"]["content"]["text/csv"]["schema"] == {"type": "string"}
    response = client.get("/api/v1/observations/", {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
