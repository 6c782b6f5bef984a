"""Every endpoint runs a constant number of queries, whatever the page size or the amount
of content."""

import pytest
from django.urls import reverse

from campaigns.models import Campaign, Invitation, Registration
from goals.models import Theme
from municipalities.models import Indicator, Municipality
from tests.api.factories import auth
from tests.campaigns.factories import (
    CampaignFactory,
    CampaignTopicFactory,
    RecipientFactory,
    WebinarSessionFactory,
    WebinarSpeakerFactory,
)
from tests.goals.factories import programme_build
from tests.municipalities.factories import (
    HousingOrganisationFactory,
    IndicatorFactory,
    NationalFactFactory,
    ObservationFactory,
)

pytestmark = pytest.mark.django_db


def _content(size: int) -> None:
    municipalities = list(Municipality.objects.order_by("code")[:size])
    programme_build(pillars=size, actions_per_pillar=size, cases=size, sections=size, themes=size)
    for index in range(size):
        indicator = IndicatorFactory()
        NationalFactFactory()
        ObservationFactory(indicator=indicator, municipality=None)
        for municipality in municipalities:
            ObservationFactory(indicator=indicator, municipality=municipality)
        HousingOrganisationFactory().municipalities.set(municipalities)
        campaign = CampaignFactory(slug=f"kampagne-{index}", status=Campaign.Status.READY)
        WebinarSpeakerFactory.create_batch(size, webinar=campaign.webinar)
        CampaignTopicFactory.create_batch(size, campaign=campaign)
        sessions = WebinarSessionFactory.create_batch(size, webinar=campaign.webinar)
        for recipient in RecipientFactory.create_batch(size, campaign=campaign):
            Invitation.objects.create(recipient=recipient)
            for session in sessions:
                Registration.objects.create(recipient=recipient, session=session)


# (URL name, kwargs, query parameters, queries). Lists: count + page + prefetches (+1
# for each filter value that is looked up to validate it).
PUBLIC = [
    ("programme-list", {}, {}, 3),
    ("pillar-list", {}, {}, 4),
    ("action-list", {}, {}, 3),
    ("action-list", {}, {"theme": "{theme}"}, 4),
    ("theme-list", {}, {}, 2),
    ("case-list", {}, {}, 4),
    ("region-list", {}, {}, 2),
    ("municipality-list", {}, {}, 2),
    ("municipality-list", {}, {"region": "1085"}, 3),
    ("indicator-list", {}, {}, 2),
    ("observation-list", {}, {}, 2),
    ("observation-list", {}, {"municipality": "101", "indicator": "{indicator}"}, 4),
    ("fact-list", {}, {}, 2),
    ("organisation-list", {}, {}, 3),
    ("campaign-list", {}, {}, 7),
    ("session-list", {}, {}, 2),
]


@pytest.mark.parametrize(("name", "kwargs", "params", "queries"), PUBLIC)
def test_lists_run_constant_queries_whatever_the_page_size(
    client, django_assert_num_queries, name, kwargs, params, queries
):
    _content(3)
    known = {"{theme}": Theme.objects.first().slug, "{indicator}": Indicator.objects.first().key}
    params = {key: known.get(value, value) for key, value in params.items()}
    url = reverse(name, kwargs=kwargs)
    for page_size in (1, 100):
        with django_assert_num_queries(queries):
            response = client.get(url, {**params, "page_size": page_size})
        assert response.status_code == 200
        assert len(response.json()["results"]) == min(page_size, response.json()["count"])


@pytest.mark.parametrize("size", [1, 4])
def test_details_run_constant_queries_whatever_the_content(client, django_assert_num_queries, size):
    _content(size)
    slug = client.get(reverse("programme-list")).json()["results"][0]["slug"]
    theme = Theme.objects.first().slug
    for name, kwargs, queries in [
        ("programme-detail", {"slug": slug}, 12),
        ("municipality-detail", {"code": "101"}, 1),
        # Municipality, its sheet (none), indicators, its and the national observations.
        ("municipality-profile", {"code": "101"}, 5),
        ("campaign-detail", {"slug": "kampagne-0"}, 6),
        ("theme-detail", {"slug": theme}, 1),
    ]:
        with django_assert_num_queries(queries):
            assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize("size", [1, 4])
def test_staff_endpoints_run_constant_queries(client, staff_key, django_assert_num_queries, size):
    _content(size)
    # Key + campaign + count + page + registrations; the first use of a key also records
    # when it was used. Report: key + campaign + 3 aggregates.
    recipients = reverse("campaign-recipients", kwargs={"slug": "kampagne-0"})
    with django_assert_num_queries(6):
        assert client.get(recipients, {"page_size": 100}, **auth(staff_key)).status_code == 200
    with django_assert_num_queries(5):
        assert client.get(recipients, {"page_size": 1}, **auth(staff_key)).status_code == 200
    report = reverse("campaign-report", kwargs={"slug": "kampagne-0"})
    with django_assert_num_queries(5):
        assert client.get(report, **auth(staff_key)).status_code == 200
