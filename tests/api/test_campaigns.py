import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, Invitation, Registration
from tests.api.factories import auth
from tests.campaigns.factories import (
    CampaignFactory,
    CampaignTopicFactory,
    RecipientFactory,
    WebinarSessionFactory,
    WebinarSpeakerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    campaign = CampaignFactory(slug="kv25", name="KV25", status=Campaign.Status.READY)
    WebinarSpeakerFactory(webinar=campaign.webinar, name="Bent Madsen", title="Adm. direktør")
    CampaignTopicFactory(campaign=campaign, topic__slug="boliger", order=2)
    CampaignTopicFactory(campaign=campaign, topic__slug="faellesskaber", order=1)
    session = WebinarSessionFactory(webinar=campaign.webinar, key="10-marts", capacity=1)
    WebinarSessionFactory(webinar=campaign.webinar, key="23-marts")
    sent = RecipientFactory(campaign=campaign, name="Anna Andersen", email="anna@example.org")
    Invitation.objects.create(
        recipient=sent, status=Invitation.Status.SENT, attempts=1, sent_at=timezone.now()
    )
    Registration.objects.create(recipient=sent, session=session)
    failed = RecipientFactory(campaign=campaign, name="Bo Berg", email="bo@example.org")
    Invitation.objects.create(recipient=failed, status=Invitation.Status.FAILED, attempts=6)
    return campaign


PERSONAL = ("anna@example.org", "Anna Andersen", "Bo Berg", "join")


def test_public_campaigns_have_no_personal_data(client, campaign):
    response = client.get(reverse("campaign-list"))
    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert item["slug"] == "kv25"
    assert [topic["slug"] for topic in item["topics"]] == ["faellesskaber", "boliger"]
    assert item["webinar"]["speakers"] == [{"name": "Bent Madsen", "title": "Adm. direktør"}]
    detail = client.get(reverse("campaign-detail", kwargs={"slug": "kv25"}))
    assert detail.json() == item
    for text in PERSONAL:
        assert text not in response.content.decode()
        assert text not in detail.content.decode()


def test_a_draft_campaign_is_not_public(client, campaign):
    CampaignFactory(slug="kv29", name="Kladde", status=Campaign.Status.DRAFT)
    listed = client.get(reverse("campaign-list")).json()
    assert [item["slug"] for item in listed["results"]] == ["kv25"]
    detail = client.get(reverse("campaign-detail", kwargs={"slug": "kv29"}))
    assert detail.status_code == 404


def test_sessions_are_public_metadata_with_full_flag(client, campaign):
    response = client.get(reverse("session-list"), {"campaign": "kv25"})
    body = response.json()
    assert [(s["key"], s["is_full"]) for s in body["results"]] == [
        ("10-marts", True),
        ("23-marts", False),
    ]
    assert body["results"][0]["starts_at"] == "2026-03-10T12:00:00+01:00"
    for text in PERSONAL:
        assert text not in response.content.decode()
    bad = client.get(reverse("session-list"), {"webinar": "nope"})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["webinar"]


@pytest.mark.parametrize("name", ["campaign-recipients", "campaign-report"])
def test_staff_endpoints_refuse_anonymous_and_partner_keys(client, campaign, partner_key, name):
    url = reverse(name, kwargs={"slug": "kv25"})
    anonymous = client.get(url)
    assert anonymous.status_code == 401
    assert anonymous.json()["detail"]
    partner = client.get(url, **auth(partner_key))
    assert partner.status_code == 403
    assert "anna@example.org" not in partner.content.decode()


def test_staff_key_reads_recipients_with_status(client, campaign, staff_key):
    response = client.get(
        reverse("campaign-recipients", kwargs={"slug": "kv25"}), **auth(staff_key)
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    body = response.json()
    assert body["count"] == 2
    anna, bo = body["results"]
    assert anna["email"] == "anna@example.org"
    assert anna["municipality"] == {"code": "326", "name": "Kalundborg"}
    assert anna["invitation"]["status"] == "sent"
    assert [r["session"] for r in anna["registrations"]] == ["10-marts"]
    assert anna["registrations"][0]["cancelled_at"] is None
    assert bo["invitation"]["status"] == "failed"
    assert bo["invitation"]["attempts"] == 6
    failed = client.get(
        reverse("campaign-recipients", kwargs={"slug": "kv25"}),
        {"invitation_status": "failed"},
        **auth(staff_key),
    )
    assert [r["name"] for r in failed.json()["results"]] == ["Bo Berg"]
    for unknown in ("lost", ""):  # an empty status is not one of the documented choices
        bad = client.get(
            reverse("campaign-recipients", kwargs={"slug": "kv25"}),
            {"invitation_status": unknown},
            **auth(staff_key),
        )
        assert bad.status_code == 400
        assert list(bad.json()["errors"]) == ["invitation_status"]


def test_staff_report_counts(client, campaign, staff_key):
    response = client.get(reverse("campaign-report", kwargs={"slug": "kv25"}), **auth(staff_key))
    assert response.status_code == 200
    assert response.json() == {
        "campaign": "kv25",
        "recipients": {"total": 2, "unsubscribed": 0, "erased": 0, "opened": 0},
        "invitations": {"queued": 0, "sending": 0, "sent": 1, "failed": 1},
        "registrations": [
            {
                "session": "10-marts",
                "starts_at": "2026-03-10T12:00:00+01:00",
                "active": 1,
                "cancelled": 0,
            }
        ],
    }


def test_staff_session_also_works_and_unknown_campaign_is_404(staff_client, campaign):
    assert staff_client.get(reverse("campaign-report", kwargs={"slug": "kv25"})).status_code == 200
    assert staff_client.get(reverse("campaign-report", kwargs={"slug": "nope"})).status_code == 404


def test_a_staff_key_stops_working_for_staff_data_when_the_user_leaves_staff(
    client, campaign, staff_user, staff_key
):
    url = reverse("campaign-recipients", kwargs={"slug": "kv25"})
    assert client.get(url, **auth(staff_key)).status_code == 200
    staff_user.is_staff = False
    staff_user.save()
    assert client.get(url, **auth(staff_key)).status_code == 403


def test_a_staff_key_cannot_be_made_for_a_non_staff_user(django_user_model):
    from django.core.exceptions import ValidationError

    from tests.api.factories import staff_key_create

    user = django_user_model.objects.create_user(username="borger", is_staff=False)
    with pytest.raises(ValidationError):
        staff_key_create(user=user)


def test_earlier_campaigns_with_their_goals_and_captions(client):
    from campaigns.services.content import campaigns_content_load
    from goals.services import goals_content_load

    goals_content_load()
    campaigns_content_load()
    results = client.get(reverse("campaign-list")).json()["results"]
    assert [item["slug"] for item in results] == ["kv25", "vi-samles", "stem-med"]
    vi_samles = client.get(reverse("campaign-detail", kwargs={"slug": "vi-samles"})).json()
    assert vi_samles["period_label"] == "Almene Boligdage 2023"
    assert "Tivoli Hotel i København" in vi_samles["public_text"]
    assert vi_samles["pillars"] == [
        {"programme": "2022-2024", "slug": "byer-i-balance", "number": 1, "title": "Byer i balance"}
    ]
    assert sorted(vi_samles["themes"]) == ["demokrati-og-deltagelse", "faellesskaber"]
    assert [case["photo_credit"] for case in vi_samles["cases"]] == [
        "Anna Caroline Munk",
        "",
        "Lars Græsborg Mathiasen",
    ]
    assert vi_samles["url"] == "http://testserver/kampagner/vi-samles/"
    assert vi_samles["webinar"] is None and vi_samles["topics"] == []
