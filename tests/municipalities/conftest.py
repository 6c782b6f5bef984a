import pytest

from municipalities.models import Municipality
from municipalities.services import municipalities_content_load


@pytest.fixture
def loaded(db):
    """The published kommuneark content from content/municipalities/."""
    municipalities_content_load()


@pytest.fixture
def kalundborg(db) -> Municipality:
    return Municipality.objects.get(code="326")


@pytest.fixture
def herning(db) -> Municipality:
    return Municipality.objects.get(code="657")
