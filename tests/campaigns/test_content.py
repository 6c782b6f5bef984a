"""The loaded KV25 content against BL's welcome pack (source 003)."""

from datetime import UTC, datetime

import pytest

from campaigns.models import Campaign, CampaignCase, CampaignSection, PriorityTopic, Webinar
from campaigns.services.content import campaigns_content_load

TOPIC_TITLES = [
    "Boliger til fremtidens behov",
    "Styrkede rammer for fællesskaber",
    "Social støtte til beboere med psykiske udfordringer",
    "Styrkede lokalområder med tomme boliger",
    "Blandede by- og boligområder",
    "Flere nære sundhedstilbud",
    "Mere biodiversitet i byerne",
    "Energi- og klimavenlige boliger",
]


def test_campaign_with_eight_topics_in_order(kv25):
    assert kv25.name == "Velkommen til nye byrådsmedlemmer – KV25"
    assert kv25.sender_line == "Boligorganisationerne i {municipality} Kommune"
    assert kv25.introduction.startswith(
        "For at give dig et hurtigt indblik i den almene boligsektor har vi samlet en pakke"
    )
    assert "boligorganisationerne klar." in kv25.introduction
    titles = [
        link.topic.title for link in kv25.campaign_topics.select_related("topic").order_by("order")
    ]
    assert titles == TOPIC_TITLES


def test_loaded_campaign_is_ready_to_send_and_a_reload_keeps_its_sending_status(kv25):
    assert kv25.status == Campaign.Status.READY
    kv25.status = Campaign.Status.SENDING
    kv25.save(update_fields=["status"])
    campaigns_content_load()
    kv25.refresh_from_db()
    assert kv25.status == Campaign.Status.SENDING


def test_topic_text_is_verbatim_with_hyphenation_repaired(kv25):
    topic = PriorityTopic.objects.get(title="Energi- og klimavenlige boliger")
    assert topic.text == (
        "De almene boliger kan spille en nøglerolle i den grønne omstilling. Med "
        "energieffektivisering, klimasikring og CO₂-neutrale løsninger bidrager sektoren "
        "aktivt til at nå Danmarks klimamål – samtidig med at vi skaber sunde og trygge hjem "
        "til fremtiden."
    )


def test_topics_link_the_goal_pillars_they_serve(kv25):
    topic = PriorityTopic.objects.get(slug="mere-biodiversitet-i-byerne")
    assert sorted(topic.pillars.values_list("programme__slug", "slug")) == [
        ("2024-2026", "ambitioese-groenne-faellesskaber"),
        ("2026-2028", "det-groenne-potentiale-i-drift-byggeri-og-faellesskab"),
    ]


def test_webinar_with_speakers_and_two_sessions_in_danish_time(kv25):
    webinar = kv25.webinar
    assert webinar.title == "Webinar om mulighederne i den almene boligsektor"
    assert webinar.description.startswith("Hvis du har fået lyst til at lære mere")
    assert [(s.name, s.title) for s in webinar.speakers.order_by("order")] == [
        ("Bent Madsen", "Adm. direktør"),
        ("Solveig Råberg Tingey", "Viceadm. direktør"),
    ]
    sessions = list(webinar.sessions.order_by("order"))
    assert [(s.starts_at, s.ends_at) for s in sessions] == [
        (datetime(2026, 3, 10, 11, 0, tzinfo=UTC), datetime(2026, 3, 10, 12, 0, tzinfo=UTC)),
        (datetime(2026, 3, 23, 16, 0, tzinfo=UTC), datetime(2026, 3, 23, 17, 0, tzinfo=UTC)),
    ]
    assert [s.join_url for s in sessions] == [
        "https://bl.twentythree.com/webinar-om-mulighederne-i-den/join",
        "https://bl.twentythree.com/webinar-om-mulighederne-i-den-1/join",
    ]
    assert [s.capacity for s in sessions] == [None, None]


def test_loading_again_changes_nothing_and_keeps_staff_edits(kv25):
    topic = PriorityTopic.objects.get(slug="boliger-til-fremtidens-behov")
    topic.title = "Redigeret af BL"
    topic.save()
    kv25.campaign_topics.filter(topic__slug="mere-biodiversitet-i-byerne").delete()

    summary = campaigns_content_load()

    assert "created" not in summary and "updated" not in summary
    topic.refresh_from_db()
    assert topic.title == "Redigeret af BL"
    assert kv25.campaign_topics.count() == 7  # staff removed one; it is not put back
    assert sorted(Campaign.objects.values_list("slug", flat=True)) == [
        "kv25",
        "stem-med",
        "vi-samles",
    ]
    assert CampaignSection.objects.count() == 6
    assert CampaignCase.objects.count() == 3
    assert Webinar.objects.get().sessions.count() == 2


@pytest.mark.django_db
def test_a_missing_goal_pillar_is_skipped_with_a_warning(caplog):
    # Goals are not loaded: the topics load, without pillar links, and the summary says so.
    summary = campaigns_content_load()
    assert PriorityTopic.objects.count() == 8
    assert not PriorityTopic.objects.filter(pillars__isnull=False).exists()
    assert "goal pillar 2026-2028/det-groenne-potentiale-i-drift-byggeri-og-faellesskab" in summary
    assert "is not loaded" in caplog.text
