import pytest

from campaigns.models import Campaign
from campaigns.services.content import campaigns_content_load
from goals.services import goals_content_load


@pytest.fixture
def kv25(db) -> Campaign:
    """The published KV25 campaign, loaded from content/ (with the goal pillars it links)."""
    goals_content_load()
    campaigns_content_load()
    return Campaign.objects.get(slug="kv25")
