import pytest

from goals.services import goals_content_load


@pytest.fixture
def loaded_goals(db):
    """The goal programmes as published, loaded from content/goals/."""
    return goals_content_load()
