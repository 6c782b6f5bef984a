from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission

from campaigns.models import Campaign
from campaigns.services.content import campaigns_content_load
from goals.services import goals_content_load

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def kv25(db) -> Campaign:
    """The published KV25 campaign, loaded from content/ (with the goal pillars it links)."""
    goals_content_load()
    campaigns_content_load()
    return Campaign.objects.get(slug="kv25")


@pytest.fixture
def editor(staff_client, staff_user):
    """A staff client with every permission of the campaigns app."""
    staff_user.user_permissions.add(*Permission.objects.filter(content_type__app_label="campaigns"))
    return staff_client


# --- The clock ------------------------------------------------------------------------
# KV25's webinar sessions are on 10 March 2026 at 12.00 and 23 March 2026 at 17.00
# (Danish time), as are the factories' and fixtures' sessions. Tests that register, send or
# show the pack pin the clock on the side of those dates they are about.

BEFORE_THE_WEBINARS = datetime(2026, 2, 2, 10, 0, tzinfo=CPH)
BETWEEN_THE_WEBINARS = datetime(2026, 3, 15, 10, 0, tzinfo=CPH)
AFTER_THE_WEBINARS = datetime(2026, 3, 24, 10, 0, tzinfo=CPH)


@pytest.fixture
def before_the_webinars(time_machine):
    time_machine.move_to(BEFORE_THE_WEBINARS)


@pytest.fixture
def between_the_webinars(time_machine):
    time_machine.move_to(BETWEEN_THE_WEBINARS)


@pytest.fixture
def after_the_webinars(time_machine):
    time_machine.move_to(AFTER_THE_WEBINARS)
