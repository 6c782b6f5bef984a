"""The front page: the current programme's pillars, national figures, map and campaign."""

import re

import pytest
import time_machine
from django.utils import timezone

from almen.core.cache import content_changed
from campaigns.models import Campaign
from campaigns.services.content import campaigns_content_load
from goals.services import goals_content_load
from municipalities.services import municipalities_content_load

pytestmark = pytest.mark.django_db

HOME_QUERIES = 6


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def everything_loaded(db):
    goals_content_load()
    municipalities_content_load()
    campaigns_content_load()


def test_home_shows_the_current_programme_figures_map_and_campaign(client, everything_loaded):
    response = client.get("/")
    assert response.status_code == 200
    text = text_of(response)
    html = response.content.decode()
    assert "Almene Mål 2026–2028" in text
    pillars = re.findall(
        r'<li class="card home-pillar">.*?<a href="([^"]+)">([^<]+)</a>', html, re.S
    )
    assert pillars == [
        (
            "/maal/2026-2028/en-ny-samfundskontrakt-frihed-med-ansvar/",
            "En ny samfundskontrakt – frihed med ansvar",
        ),
        (
            "/maal/2026-2028/det-groenne-potentiale-i-drift-byggeri-og-faellesskab/",
            "Det grønne potentiale – i drift, byggeri og fællesskab",
        ),
        (
            "/maal/2026-2028/demokrati-og-levende-faellesskaber/",
            "Demokrati og levende fællesskaber",
        ),
    ]
    # "Almene boliger i tal" states no year: the figure is shown without one.
    assert "Beboere i almene boliger 975.000 Kilde" in text
    assert "Almene boligers andel af boligmassen 20 pct. Kilde" in text
    assert html.count('class="municipality-map__link') == 98
    assert html.count('class="municipality-map__link has-figures"') == 2
    assert 'action="/kommuner/" role="search"' in html
    assert "Velkommen til nye byrådsmedlemmer – KV25" in text
    assert "Tirsdag 10. marts 2026, 12.00–13.00" in text


def test_home_in_english_uses_english_numbers_and_marks_danish(client, everything_loaded):
    text = text_of(client.get("/en/"))
    # "Almene boliger i tal" states no year: the figure is shown without one.
    assert "Beboere i almene boliger 975,000 Source" in text
    assert "Almene boligers andel af boligmassen 20% Source" in text
    assert "Tuesday 10 March 2026, 12:00–13:00" in text


def test_home_without_content_still_works(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'class="card home-pillar"' not in response.content.decode()
    assert "home-campaign" not in response.content.decode()


def test_home_queries_do_not_grow_with_the_data(
    client, everything_loaded, django_assert_num_queries
):
    with django_assert_num_queries(HOME_QUERIES):
        client.get("/")
    Campaign.objects.create(slug="kv29", name="KV29", status=Campaign.Status.READY)
    content_changed(area="campaigns")
    with django_assert_num_queries(HOME_QUERIES):
        client.get("/en/")


def test_home_is_cached_until_a_campaign_changes(
    client, everything_loaded, django_assert_num_queries
):
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200
    Campaign.objects.filter(slug="kv25").update(name="KV25 – nyt navn")
    content_changed(area="campaigns")
    assert "KV25 – nyt navn" in text_of(client.get("/"))


def test_the_running_campaign_is_preferred_to_a_later_one(client, everything_loaded):
    Campaign.objects.create(
        slug="next",
        name="Næste kampagne",
        status=Campaign.Status.READY,
        period_start=timezone.datetime(2026, 6, 1).date(),
        period_end=timezone.datetime(2026, 7, 1).date(),
    )
    with time_machine.travel("2026-02-01 12:00 +01:00", tick=False):
        assert "Velkommen til nye byrådsmedlemmer – KV25" in text_of(client.get("/"))
    content_changed(area="campaigns")
    with time_machine.travel("2026-11-30 12:00 +01:00", tick=False):
        text = text_of(client.get("/"))
    # Neither runs any more: the latest one.
    assert "Næste kampagne" in text
    assert "KV25" not in text


def test_a_draft_campaign_is_never_shown(client, everything_loaded):
    Campaign.objects.filter(slug="kv25").update(status=Campaign.Status.DRAFT)
    text = text_of(client.get("/"))
    assert "Velkommen til nye byrådsmedlemmer – KV25" not in text
    assert "Vi Samles" in text  # the latest campaign that is not a draft
    Campaign.objects.update(status=Campaign.Status.DRAFT)
    content_changed(area="campaigns")
    assert "home-campaign" not in client.get("/").content.decode()
