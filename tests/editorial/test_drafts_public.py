"""A draft inside published content is invisible everywhere the public looks: every public
page, the API, the search, the theme pages, the sitemap, the welcome packs and the choice
of action items for local goals. Each test asserts the draft's text is absent and its
published sibling's text present."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from almen.accounts.models import Membership
from almen.editorial.publishing import PublishStatus
from campaigns.models import Campaign
from campaigns.tokens import recipient_token
from goals.local_goal_selectors import adoptable_action_items, adoptable_pillars
from goals.local_goal_services import local_goal_create
from tests.campaigns.factories import (
    CampaignFactory,
    CampaignTopicFactory,
    PriorityTopicFactory,
    RecipientFactory,
    municipality,
)
from tests.goals.factories import (
    ActionItemFactory,
    CaseFactory,
    PillarFactory,
    ProgrammeFactory,
    ProgrammeSectionFactory,
    ThemeFactory,
)
from tests.local_goals_setup import user_create
from tests.municipalities.factories import (
    HousingOrganisationFactory,
    MunicipalitySheetFactory,
    SheetSectionFactory,
)

DRAFT = PublishStatus.DRAFT
DRAFT_PILLAR = "Kladdesøjle om grønne tage"
SHOWN_PILLAR = "Offentlig søjle om trivsel"
DRAFT_ACTION = "Kladdehandling om solceller"
SHOWN_ACTION = "Offentlig handling om fællesskab"


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def content(db):
    """A published programme (the current one) with a published and a draft pillar, each
    with an action item and a case, all on one theme; and a draft action item beside a
    published one in the published pillar."""
    programme = ProgrammeFactory(order=0, slug="2026-2028", title="Almene Mål 2026–2028")
    theme = ThemeFactory(slug="klima", name="Klima")
    shown = PillarFactory(programme=programme, number=1, slug="trivsel", title=SHOWN_PILLAR)
    draft = PillarFactory(
        programme=programme, number=2, slug="groenne-tage", title=DRAFT_PILLAR, status=DRAFT
    )
    shown_action = ActionItemFactory(pillar=shown, text=SHOWN_ACTION)
    draft_action = ActionItemFactory(pillar=shown, text=DRAFT_ACTION, status=DRAFT)
    inside_draft = ActionItemFactory(pillar=draft, text="Handling i kladdesøjlen om tage")
    shown_case = CaseFactory(programme=programme, title="Historien fra Solgården")
    draft_case = CaseFactory(programme=programme, title="Kladdehistorien fra Vænget", status=DRAFT)
    for obj in (shown, draft, shown_action, draft_action, inside_draft, shown_case, draft_case):
        obj.themes.set([theme])
    shown_case.pillars.set([shown, draft])
    ProgrammeSectionFactory(programme=programme, title="Hvad er en almen bolig?")
    ProgrammeSectionFactory(programme=programme, title="Kladdeafsnit om økonomi", status=DRAFT)
    return {"programme": programme, "shown": shown, "draft": draft, "theme": theme}


def assert_only_published(text: str) -> None:
    assert SHOWN_PILLAR in text
    assert DRAFT_PILLAR not in text
    assert "groenne-tage" not in text
    assert "Handling i kladdesøjlen" not in text


# --- Public pages ---------------------------------------------------------------------------


def test_the_programme_list_leaves_out_a_draft_pillar(client, content):
    assert_only_published(text_of(client.get(reverse("goals:programme-list"))))


def test_the_front_page_leaves_out_a_draft_pillar(client, content):
    assert_only_published(text_of(client.get(reverse("home"))))


def test_the_programme_page_leaves_out_draft_pillars_actions_cases_and_sections(client, content):
    response = client.get(content["programme"].get_absolute_url())
    text = text_of(response)

    assert_only_published(text)
    assert SHOWN_ACTION in text and DRAFT_ACTION not in text
    assert "Historien fra Solgården" in text and "Kladdehistorien" not in text
    assert "Hvad er en almen bolig?" in text and "Kladdeafsnit om økonomi" not in text
    assert content["draft"].get_absolute_url() not in response.content.decode()


def test_a_draft_pillar_has_no_public_page_and_its_sibling_does_not_link_to_it(client, content):
    assert client.get(content["draft"].get_absolute_url()).status_code == 404
    response = client.get(content["shown"].get_absolute_url())
    text = text_of(response)

    assert SHOWN_ACTION in text and DRAFT_ACTION not in text
    assert DRAFT_PILLAR not in text
    assert content["draft"].get_absolute_url() not in response.content.decode()


def test_staff_still_preview_a_draft_pillar(staff_client, content):
    text = text_of(staff_client.get(content["draft"].get_absolute_url()))

    assert DRAFT_PILLAR in text and "Handling i kladdesøjlen om tage" in text


# --- Themes, search and sitemap --------------------------------------------------------------


def test_the_theme_pages_leave_out_a_draft_pillar_and_draft_action_item(client, content):
    listing = client.get(reverse("goals:theme-list"))
    assert listing.status_code == 200
    klima = next(theme for theme in listing.context["themes"] if theme.slug == "klima")
    # 1 pillar, 1 action item, 1 case: the drafts and what lies inside a draft not counted.
    assert (klima.pillar_count, klima.action_count, klima.case_count) == (1, 1, 1)

    text = text_of(client.get(content["theme"].get_absolute_url()))
    assert_only_published(text)
    assert SHOWN_ACTION in text and DRAFT_ACTION not in text
    assert "Kladdehistorien" not in text


def test_the_search_finds_no_draft_pillar_or_draft_action_item(client, content):
    text = text_of(client.get(reverse("goals:search"), {"q": "søjle"}))
    assert_only_published(text)

    text = text_of(client.get(reverse("goals:search"), {"q": "handling"}))
    assert SHOWN_ACTION in text
    assert DRAFT_ACTION not in text and "Handling i kladdesøjlen" not in text


def test_the_sitemap_leaves_out_a_draft_pillar(client, content):
    xml = client.get("/sitemap.xml").content.decode()

    assert content["shown"].get_absolute_url() in xml
    assert content["draft"].get_absolute_url() not in xml


# --- The API ----------------------------------------------------------------------------------


def test_the_api_pillar_and_action_lists_leave_out_drafts(client, content):
    pillars = client.get("/api/v1/pillars/").json()["results"]
    assert [pillar["title"] for pillar in pillars] == [SHOWN_PILLAR]

    actions = client.get("/api/v1/actions/").json()["results"]
    assert [action["text"] for action in actions] == [SHOWN_ACTION]


def test_the_api_programme_leaves_out_drafts(client, content):
    listing = client.get("/api/v1/programmes/").json()["results"]
    assert [pillar["title"] for pillar in listing[0]["pillars"]] == [SHOWN_PILLAR]

    detail = client.get("/api/v1/programmes/2026-2028/").json()
    assert [pillar["title"] for pillar in detail["pillars"]] == [SHOWN_PILLAR]
    assert [action["text"] for action in detail["pillars"][0]["actions"]] == [SHOWN_ACTION]
    assert [section["title"] for section in detail["sections"]] == ["Hvad er en almen bolig?"]
    assert [case["title"] for case in detail["cases"]] == ["Historien fra Solgården"]
    assert detail["cases"][0]["pillars"] == ["trivsel"]


def test_the_api_themes_count_no_drafts(client, content):
    themes = client.get("/api/v1/themes/").json()["results"]
    klima = next(theme for theme in themes if theme["slug"] == "klima")
    assert (klima["pillar_count"], klima["action_count"]) == (1, 1)


# --- Campaigns: welcome packs, campaign pages and their API ----------------------------------


@pytest.fixture
def campaign(content, time_machine):
    time_machine.move_to("2025-11-20 10:00 +01:00")
    campaign = CampaignFactory(slug="kv25-test", status=Campaign.Status.READY)
    topic = PriorityTopicFactory(title="Flere almene boliger")
    topic.pillars.set([content["shown"], content["draft"]])
    CampaignTopicFactory(campaign=campaign, topic=topic)
    campaign.pillars.set([content["shown"], content["draft"]])
    return campaign


def test_the_welcome_pack_leaves_out_a_draft_pillar(client, campaign):
    recipient = RecipientFactory(campaign=campaign, municipality=municipality("326"))
    token = recipient_token(recipient)

    text = text_of(client.get(reverse("campaigns:pack", kwargs={"token": token})))

    assert "Flere almene boliger" in text
    assert_only_published(text)


def test_the_campaign_page_and_api_leave_out_a_draft_pillar(client, campaign):
    assert_only_published(text_of(client.get(campaign.get_absolute_url())))

    campaigns = client.get("/api/v1/campaigns/").json()["results"]
    pillars = next(item for item in campaigns if item["slug"] == "kv25-test")["pillars"]
    assert [pillar["slug"] for pillar in pillars] == ["trivsel"]


# --- Local goals ------------------------------------------------------------------------------


def test_an_organisation_cannot_choose_a_draft_pillar_or_action_item(content):
    assert list(adoptable_pillars()) == [content["shown"]]
    assert [action.text for action in adoptable_action_items()] == [SHOWN_ACTION]

    draft_action = content["shown"].actions.get(text=DRAFT_ACTION)
    organisation = HousingOrganisationFactory()
    organisation.municipalities.set([municipality("326")])
    editor = user_create("editor@example.org")
    Membership.objects.create(user=editor, organisation=organisation, role=Membership.Role.EDITOR)
    with pytest.raises(ValidationError) as error:
        local_goal_create(
            user=editor,
            organisation=organisation,
            action_item=draft_action,
            municipalities=[municipality("326")],
            responsible_role="Driftschef",
        )
    assert error.value.messages == ["Vælg et offentliggjort pejlemærke eller en handling."]


# --- The kommuneark: a draft sheet section ----------------------------------------------------


@pytest.fixture
def sheet(db):
    sheet = MunicipalitySheetFactory()
    SheetSectionFactory(sheet=sheet, heading="Offentligt afsnit", text="Synlig tekst.")
    SheetSectionFactory(
        sheet=sheet, heading="Kladdeafsnit", text="Hemmelig kladdetekst.", status=DRAFT
    )
    return sheet


def test_the_kommuneark_page_leaves_out_a_draft_section(client, sheet):
    text = text_of(client.get(reverse("municipalities:municipality-detail", args=["kalundborg"])))

    assert "Offentligt afsnit" in text and "Synlig tekst." in text
    assert "Kladdeafsnit" not in text and "Hemmelig kladdetekst" not in text


def test_the_kommuneark_pdf_leaves_out_a_draft_section(client, sheet):
    import io

    from pypdf import PdfReader

    response = client.get(reverse("municipalities:municipality-pdf", args=["kalundborg"]))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)

    assert "Synlig tekst." in text
    assert "Hemmelig kladdetekst" not in text


def test_the_kommuneark_api_leaves_out_a_draft_section(client, sheet):
    profile = Client().get(reverse("municipality-profile", kwargs={"code": "326"}))
    assert profile.status_code == 200, profile.content
    sections = profile.json()["sheet"]["sections"]

    assert [section["heading"] for section in sections] == ["Offentligt afsnit"]
