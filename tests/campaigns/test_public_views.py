"""The public campaign pages (/kampagner/): Stem Med, Vi Samles (source 002) and KV25
(source 003), verbatim, with their periods, goals and captions; never personal data."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from campaigns.models import Campaign, CampaignCase
from campaigns.services.content import campaigns_content_changed
from goals.models import Pillar, Theme
from tests.goals.factories import programme_build

from .factories import CampaignFactory, RecipientFactory, WebinarSessionFactory

STEM_MED = [
    "Med en højtløftet fane om, at valghandlingen er kronjuvelen i vores demokrati, begav "
    "BL’s kommunikationsteam sig ud i det ganske land for at stemme dørklokker op til "
    "folketingsvalget 2022. Missionen var at få de almene beboere til at stemme med. Det "
    "blev til gode samtaler i den rullende valgsofa i tre forskellige boligområder, hvorfra "
    "vi videostreamede på sociale kanaler.",
    "Også Stem Med-plakater blev flittigt bestilt og hængt op af boligorganisationerne. Den "
    "enorme opbakning i boligorganisationerne har givet os et fingerpeg om, at vi skal "
    "gentage den slags kampagner, når der er egnede anledninger.",
]
VI_SAMLES = [
    "Almene Boligdage 2023 rammes ind af en fortælling om betydningen af at samles og "
    "engagere sig i de lokale fællesskaber og demokratiet under overskriften ”Vi samles”.",
    "Almene boligdage 2023 rummer en række aktiviteter. Vi samles derfor:",
    "På fem lokale folkefestivaler og i andre deltagende boligområder.",
    "Om en undersøgelse af engagementets tilstand og fremtid i den almene sektor.",
    "På den afsluttende konference den 30. september 2023 på Tivoli Hotel i København.",
    "Formålet er at starte en samtale og bevægelse, hvor vi på én gang undersøger, hvordan "
    "det står til med beboerengagementet, fællesskabet, frivilligheden og demokratiet i de "
    "almene boligområder og hylder det store arbejde, der gøres til gensidig inspiration på "
    "tværs af sektoren.",
]
VI_SAMLES_CAPTIONS = [
    "“Vi Samles” er en ny kampagne fra landets almene boligorganisationer. Vi sætter fokus "
    "på, hvordan du og jeg kan gøre en forskel sammen. Billedet er fra ”Vi Samles” "
    "festivalen i Aalborg, hvor mere end 2.500 beboere og gæster deltog.",
    "Foto: Anna Caroline Munk",
    "“Vi Samles” er en kampagne i 2023 fra BL og landets almene boligorganisationer",
    "Fra Vi Samles i Aalborg.",
    "Foto: Lars Græsborg Mathiasen",
]
KV25 = [
    "Efter kommunalvalget 2025 fik de nyvalgte byrådsmedlemmer en velkomstpakke fra "
    "boligorganisationerne i deres kommune, lavet i samarbejde med BL – Danmarks Almene "
    "Boliger.",
    "Samarbejdsfelter og mærkesager – hvor vi ser potentiale for fælles indsats mellem "
    "kommuner og boligorganisationer",
]


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).strip()


LIST_URL = "/kampagner/"


def test_the_list_shows_every_published_campaign_with_the_sources_texts(client, kv25):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    page = _text(response)
    for text in [*STEM_MED, *VI_SAMLES, *VI_SAMLES_CAPTIONS, *KV25]:
        assert text in page, text
    assert "Folketingsvalget 2022" in page and "Almene Boligdage 2023" in page
    assert "1. januar 2026 – 31. marts 2026" in page
    # The most recent first.
    assert page.index("Velkommen til nye byrådsmedlemmer – KV25") < page.index("Vi Samles")
    assert page.index("Vi Samles") < page.index("Stem Med")
    # The goals they serve link to the goal pages.
    html = response.content.decode()
    byer = Pillar.objects.get(programme__slug="2022-2024", slug="byer-i-balance")
    assert f'href="{byer.get_absolute_url()}"' in html
    democracy = Theme.objects.get(slug="demokrati-og-deltagelse")
    assert f'href="{democracy.get_absolute_url()}"' in html
    assert 'href="/kampagner/stem-med/"' in html


def test_current_campaigns_come_first_then_earlier_ones(client, kv25, time_machine):
    time_machine.move_to("2026-02-15 12:00:00+01:00")
    page = _text(client.get(LIST_URL))
    assert page.index("Aktuelle kampagner") < page.index("Velkommen til nye byrådsmedlemmer")
    assert page.index("Velkommen til nye byrådsmedlemmer") < page.index("Tidligere kampagner")
    assert page.index("Tidligere kampagner") < page.index("Vi Samles")

    time_machine.move_to("2026-04-01 12:00:00+02:00")
    campaigns_content_changed()  # a new day: a fresh page (the cache lasts an hour)
    page = _text(client.get(LIST_URL))
    assert "Aktuelle kampagner" not in page
    assert page.index("Tidligere kampagner") < page.index("Velkommen til nye byrådsmedlemmer")


def test_the_list_in_english(client, kv25):
    response = client.get("/en/kampagner/")
    assert response.status_code == 200
    page = _text(response)
    assert "Earlier campaigns" in page and STEM_MED[0] in page  # content stays Danish


def test_vi_samles_page_with_captions_and_source(client, kv25):
    response = client.get("/kampagner/vi-samles/")
    assert response.status_code == 200
    page = _text(response)
    for text in [*VI_SAMLES, *VI_SAMLES_CAPTIONS]:
        assert text in page, text
    assert "Kilde: BL’s årsberetning 2022–2023 (Planlægning af Almene Boligdage 2023)" in page


def test_kv25_page_describes_the_welcome_campaign_without_personal_data(client, kv25):
    RecipientFactory(campaign=kv25, name="Anne Eksempel", email="anne@example.org", party="X")
    response = client.get("/kampagner/kv25/")
    assert response.status_code == 200
    page = _text(response)
    for text in KV25:
        assert text in page
    assert "Boliger til fremtidens behov" in page  # its mærkesager
    assert "Tirsdag 10. marts 2026, kl. 12.00–13.00" in page  # its webinar's dates
    html = response.content.decode()
    for personal in ["Anne Eksempel", "anne@example.org", "/velkommen/", "twentythree"]:
        assert personal not in html


def test_nav_links_the_campaigns(client, db):
    html = client.get("/om-portalen/").content.decode()
    assert '<a href="/kampagner/">Kampagner</a>' in html


def test_an_empty_list_says_so(client, db):
    assert "Der er endnu ikke offentliggjort nogen kampagner." in _text(client.get(LIST_URL))


def test_a_draft_is_hidden_from_the_public_and_shown_to_staff(staff_client, db):
    client = Client()
    CampaignFactory(slug="kv29", name="Kommende kampagne", status=Campaign.Status.DRAFT)
    assert "Kommende kampagne" not in _text(client.get(LIST_URL))
    assert client.get("/kampagner/kv29/").status_code == 404
    assert client.get("/kampagner/findes-ikke/").status_code == 404
    assert "Kommende kampagne" in _text(staff_client.get(LIST_URL))
    assert "Kladde: kampagnen er ikke offentlig endnu." in _text(
        staff_client.get("/kampagner/kv29/")
    )


def _campaigns(size: int) -> Campaign:
    programme = programme_build(
        pillars=size, actions_per_pillar=1, cases=0, sections=0, themes=size
    )
    first = None
    for _ in range(size):
        campaign = CampaignFactory(status=Campaign.Status.DONE, public_text="Tekst.")
        campaign.pillars.set(programme.pillars.all())
        campaign.themes.set(Theme.objects.all())
        for order in range(size):
            CampaignCase.objects.create(campaign=campaign, key=f"c{order}", text="Foto.")
            WebinarSessionFactory(webinar=campaign.webinar)
        first = first or campaign
    return first


@pytest.mark.parametrize("size", [1, 4])
@pytest.mark.parametrize(("page", "queries"), [("list", 4), ("detail", 7)])
def test_pages_run_a_constant_number_of_queries(
    client, db, django_assert_num_queries, size, page, queries
):
    campaign = _campaigns(size)
    url = LIST_URL if page == "list" else campaign.get_absolute_url()
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_num_queries(0):  # then from the cache
        assert client.get(url).content == response.content


def test_changing_campaign_content_rebuilds_the_cached_page(client, kv25):
    assert "Stem Med" in _text(client.get(LIST_URL))
    Campaign.objects.filter(slug="stem-med").update(name="Stem Med igen")
    assert "Stem Med igen" not in _text(client.get(LIST_URL))  # still cached
    campaigns_content_changed()
    assert "Stem Med igen" in _text(client.get(LIST_URL))


@pytest.mark.parametrize(
    ("query", "campaign"),
    [("valgsofa", "Stem Med"), ("Tivoli Hotel", "Vi Samles"), ("2.500 beboere", "Vi Samles")],
)
def test_the_site_search_finds_campaigns(client, kv25, query, campaign):
    response = client.get(reverse("goals:search"), {"q": query})
    html = response.content.decode()
    assert "<h2" in html and "Kampagner</h2>" in html
    slug = Campaign.objects.get(name=campaign).slug
    assert f'href="/kampagner/{slug}/"' in html


def test_a_topic_edited_in_admin_shows_at_once_on_the_public_page(staff_client, kv25):
    anonymous = Client()
    assert "Boliger til fremtidens behov" in _text(anonymous.get("/kampagner/kv25/"))
    topic = kv25.topics.get(slug="boliger-til-fremtidens-behov")
    response = staff_client.post(
        reverse("admin:campaigns_prioritytopic_change", args=[topic.pk]),
        {"slug": topic.slug, "title": "Boliger til alle", "text": topic.text, "order": 1},
    )
    assert response.status_code == 302
    page = _text(anonymous.get("/kampagner/kv25/"))
    assert "Boliger til alle" in page and "Boliger til fremtidens behov" not in page


@pytest.mark.parametrize(
    ("now", "first_session"),
    [
        ("2026-03-01 12:00 +01:00", "Tirsdag 10. marts 2026, kl. 12.00–13.00</li>"),
        ("2026-03-15 12:00 +01:00", "Tirsdag 10. marts 2026, kl. 12.00–13.00 – afholdt</li>"),
    ],
)
def test_kv25_page_marks_the_sessions_already_held(client, kv25, time_machine, now, first_session):
    time_machine.move_to(now, tick=False)
    html = client.get("/kampagner/kv25/").content.decode()
    assert first_session in html
    assert "Mandag 23. marts 2026, kl. 17.00–18.00</li>" in html


def test_kv25_page_links_a_held_sessions_recording(client, kv25, time_machine):
    time_machine.move_to("2026-04-01 12:00 +02:00", tick=False)
    session = kv25.webinar.sessions.order_by("starts_at").first()
    session.recording_url = "https://bl.dk/webinar-optagelse"
    session.save()
    html = client.get("/kampagner/kv25/").content.decode()
    assert (
        "Tirsdag 10. marts 2026, kl. 12.00–13.00 – afholdt · "
        '<a href="https://bl.dk/webinar-optagelse">Se optagelsen</a></li>'
    ) in html
