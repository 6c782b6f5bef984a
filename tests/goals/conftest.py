import pytest
from django.test import Client

from goals.services import goals_content_load


@pytest.fixture
def loaded_goals(db):
    """The goal programmes as published, loaded from content/goals/."""
    return goals_content_load()


@pytest.fixture
def anonymous_client():
    """A client of its own: pytest-django's ``client`` is the one ``staff_client`` signs in."""
    return Client()
