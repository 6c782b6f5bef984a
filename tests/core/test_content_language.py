"""English pages mark BL's Danish content with lang="da" (WCAG 3.1.2), and only that;
Danish pages need no marks at all."""

import pytest
from django.urls import reverse
from django.utils import translation

from campaigns.models import Campaign
from campaigns.services.content import campaigns_content_load
from campaigns.tokens import recipient_token
from goals.services import goals_content_load
from municipalities.services import municipalities_content_load
from tests.campaigns.factories import RecipientFactory
from tests.core.html_language import languages_of, text_languages

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded_goals(db):
    goals_content_load()


@pytest.fixture
def kv25(loaded_goals) -> Campaign:
    campaigns_content_load()
    return Campaign.objects.get(slug="kv25")


def html_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_programme_page_in_english_marks_the_danish_texts(client, loaded_goals):
    html = html_of(client, "/en/maal/2026-2028/")
    for danish in [
        "Almene Mål 2026–2028",  # title
        "Demokrati og levende fællesskaber",  # a pillar
        "Derfor vil vi",  # BL's own action heading
        "Klima og energi",  # a theme tag
    ]:
        assert languages_of(html, danish) == {"da"}, danish
    for english in ["On this page", "Skip to content", "Goals"]:
        assert languages_of(html, english) == {"en"}, english


def test_every_action_item_of_an_english_page_is_marked_danish(client, loaded_goals):
    html = html_of(client, "/en/maal/2026-2028/demokrati-og-levende-faellesskaber/")
    assert 'class="action-list goals-actions"' in html
    paragraphs = html.split('class="action-list goals-actions"', 1)[1].split("</ol>", 1)[0]
    assert paragraphs.count('<p lang="da">') == 4


def test_theme_and_search_pages_in_english_mark_the_danish_texts(client, loaded_goals):
    html = html_of(client, "/en/maal/temaer/")
    assert languages_of(html, "Klima og energi") == {"da"}
    html = html_of(client, "/en/maal/soeg/?q=klima")
    assert languages_of(html, "Det grønne potentiale") == {"da"}
    assert languages_of(html, "Search the goal programmes") == {"en"}


def test_kommuneark_in_english_marks_the_danish_texts(client, db):
    municipalities_content_load()
    html = html_of(client, "/en/kommuner/kalundborg/")
    for danish in [
        "Familieboliger",  # an indicator (chart, table and card)
        "Vidste du, at …",
        "Almene boliger i tal",
        "Kommunen har for at kunne løse boligsociale opgaver",
        "Du finder oplysninger om alle boligorganisationerne",
    ]:
        assert languages_of(html, danish) == {"da"}, danish
    assert languages_of(html, "Key figures") == {"en"}
    assert languages_of(html, "Whole country:") == {"en"}


def test_pack_in_english_marks_the_danish_texts(client, kv25):
    recipient = RecipientFactory(campaign=kv25)
    token = recipient_token(recipient)
    with translation.override("en"):
        html = html_of(client, reverse("campaigns:pack", kwargs={"token": token}))
    for danish in [
        "Boliger til fremtidens behov",  # a priority topic
        "For at give dig et hurtigt indblik i den almene boligsektor",  # the introduction
    ]:
        assert languages_of(html, danish) == {"da"}, danish
    assert languages_of(html, "Areas of cooperation and priority topics") == {"en"}


def test_danish_pages_carry_no_extra_language_marks(client, loaded_goals):
    html = html_of(client, "/maal/2026-2028/")
    assert html.count('lang="da"') == 1  # <html lang="da"> only
    assert {language for _, language in text_languages(html)} <= {"da", "en"}
    assert languages_of(html, "Demokrati og levende fællesskaber") == {"da"}
