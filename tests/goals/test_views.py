import html

import pytest
from django.conf import settings
from django.urls import reverse

from goals.models import Programme
from tests.goals.factories import (
    ActionItemFactory,
    PillarFactory,
    ProgrammeFactory,
    programme_build,
)
from tests.goals.test_services import ACTIONS_2024_2026, ACTIONS_2026_2028

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_list_shows_every_published_programme_current_first(client, loaded_goals):
    response = client.get(reverse("goals:programme-list"))
    assert response.status_code == 200
    page = _text(response)
    positions = [
        page.index(title)
        for title in ("Almene Mål 2026–2028", "Almene Mål 2024–2026", "Almene Mål 2022–2024")
    ]
    assert positions == sorted(positions)
    assert "Nuværende program" in page


def test_2026_2028_shows_its_three_pejlemaerker_and_twelve_items(client, loaded_goals):
    response = client.get(reverse("goals:programme-detail", kwargs={"slug": "2026-2028"}))
    assert response.status_code == 200
    page = _text(response)
    for pillar, actions in ACTIONS_2026_2028.items():
        assert pillar in page
        for action in actions:
            assert action in page
    assert page.count("Derfor vil vi") == 3
    assert "Tre pejlemærker for vores fælles fremtid" in page
    assert "Forudsætninger for at lykkes" in page
    assert "Rita fra Grantoften" in page and "Foto: Andreas Holm Hansen" in page
    assert "Udgivet af BL – Danmarks Almene Boliger, januar 2026." in page


def test_2024_2026_shows_its_three_maalsaetninger_nine_items_and_sdg_11(client, loaded_goals):
    page = _text(client.get(reverse("goals:programme-detail", kwargs={"slug": "2024-2026"})))
    for pillar, actions in ACTIONS_2024_2026.items():
        assert pillar in page
        for action in actions:
            assert action in page
    assert page.count("BL vil") >= 3
    assert "Mål 11: Bæredygtige byer og lokalsamfund" in page
    assert "36%" in page and "ca. 10. mia. kr. årligt" in page


def test_2022_2024_shows_its_two_pillars(client, loaded_goals):
    page = _text(client.get(reverse("goals:programme-detail", kwargs={"slug": "2022-2024"})))
    assert "Byer i balance" in page and "En grønnere almen sektor" in page


def test_a_pillar_page(client, loaded_goals):
    url = reverse(
        "goals:pillar-detail",
        kwargs={"programme_slug": "2026-2028", "slug": "demokrati-og-levende-faellesskaber"},
    )
    page = _text(client.get(url))
    assert "<h1>Demokrati og levende fællesskaber</h1>" in page
    assert "Det beboerdemokratiske fundament er en hjørnesten i den almene sektor" in page
    for action in ACTIONS_2026_2028["Demokrati og levende fællesskaber"]:
        assert action in page
    assert "Grundlovsdag i Rosenhøj" in page
    assert "Demokratiet skal ikke kun forsvares" in page


def test_a_theme_across_programmes(client, loaded_goals):
    response = client.get(reverse("goals:theme-detail", kwargs={"slug": "klima-og-energi"}))
    page = _text(response)
    assert "<h1>Klima og energi</h1>" in page
    for title in ("Almene Mål 2026–2028", "Almene Mål 2024–2026", "Almene Mål 2022–2024"):
        assert title in page
    assert "Sikre adgang til viden om grønne handlinger." in page
    assert "Grønt tag med nyttehaver på Milestedet i Rødovre" in page
    assert page.index("Almene Mål 2026–2028") < page.index("Almene Mål 2022–2024")
    themes = _text(client.get(reverse("goals:theme-list")))
    assert "Ældre og seniorer" in themes
    assert (
        client.get(reverse("goals:theme-detail", kwargs={"slug": "findes-ikke"})).status_code == 404
    )


def test_unknown_programme_and_pillar_are_404(client, loaded_goals):
    assert client.get("/maal/1999-2001/").status_code == 404
    assert client.get("/maal/2026-2028/findes-ikke/").status_code == 404
    assert client.get("/maal/2024-2026/demokrati-og-levende-faellesskaber/").status_code == 404


class TestDrafts:
    @pytest.fixture
    def draft(self):
        programme = ProgrammeFactory(status=Programme.Status.DRAFT, title="Hemmelige Mål 3100–3102")
        pillar = PillarFactory(programme=programme, title="En hemmelig søjle")
        ActionItemFactory(pillar=pillar, text="et hemmeligt forslag")
        return programme

    def test_drafts_are_invisible_to_the_public(self, client, draft):
        pillar = draft.pillars.get()
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(pillar.get_absolute_url()).status_code == 404
        assert "Hemmelige Mål" not in _text(client.get(reverse("goals:programme-list")))
        search = _text(client.get(reverse("goals:search"), {"q": "hemmeligt"}))
        assert "et hemmeligt forslag" not in search

    def test_staff_see_a_preview_with_a_draft_banner_that_is_never_cached(
        self, client, staff_client, draft
    ):
        response = staff_client.get(draft.get_absolute_url())
        assert response.status_code == 200
        page = _text(response)
        assert "Kladde" in page
        assert (
            "Programmet er ikke offentliggjort. Kun BL's medarbejdere kan se denne forhåndsvisning."
            in page
        )
        assert "et hemmeligt forslag" in page
        assert "Kladde" in _text(staff_client.get(draft.pillars.get().get_absolute_url()))
        assert "Hemmelige Mål" in _text(staff_client.get(reverse("goals:programme-list")))
        client.logout()
        assert client.get(draft.get_absolute_url()).status_code == 404

    def test_published_pages_have_no_banner(self, client, loaded_goals):
        page = _text(client.get("/maal/2026-2028/"))
        assert "Kladde" not in page


class TestSearch:
    def test_hits_are_grouped_and_highlighted(self, client, loaded_goals):
        response = client.get(reverse("goals:search"), {"q": "biodiversitet"})
        assert response.status_code == 200
        page = _text(response)
        assert "<mark>biodiversiteten</mark> i boligområderne" in page
        assert "Grønt tag med nyttehaver på Milestedet i Rødovre" in page
        assert "Almene Mål 2026–2028" in page and "Almene Mål 2024–2026" in page

    def test_cases_are_found_by_place(self, client, loaded_goals):
        page = _text(client.get(reverse("goals:search"), {"q": "Rosenhøj"}))
        assert "Grundlovsdag i <mark>Rosenhøj</mark>" in page

    def test_all_words_must_match(self, client, loaded_goals):
        page = _text(client.get(reverse("goals:search"), {"q": "solceller olie"}))
        assert "udskiftning af <mark>olie</mark>- og gasfyr" in page
        # The action item and the narrative of its pillar; nothing with only one of the words.
        assert "2 resultater for “solceller olie”." in page
        assert "opsætning af <mark>solceller</mark> på alle de almene tage" in page

    def test_empty_query_asks_for_a_word(self, client, django_assert_num_queries):
        with django_assert_num_queries(0):
            response = client.get(reverse("goals:search"), {"q": "  "})
        assert response.status_code == 200
        assert "Skriv et ord eller to" in _text(response)

    def test_no_hits(self, client, loaded_goals):
        page = _text(client.get(reverse("goals:search"), {"q": "zebraer"}))
        assert "Ingen resultater for “zebraer”." in page

    def test_markup_in_the_query_is_escaped(self, client, loaded_goals):
        response = client.get(reverse("goals:search"), {"q": "<script>alert(1)</script>"})
        assert response.status_code == 200
        assert b"<script>alert" not in response.content

    @pytest.mark.skipif(not settings.USES_POSTGRES, reason="Danish stemming needs PostgreSQL")
    def test_danish_full_text_search_finds_other_word_forms(self, client, loaded_goals):
        page = _text(client.get(reverse("goals:search"), {"q": "generationerne"}))
        assert "også for unge og nye <mark>generationer</mark>" in page


PAGES = {
    "list": (lambda programme: reverse("goals:programme-list"), 2),
    "programme": (lambda programme: programme.get_absolute_url(), 11),
    "pillar": (lambda programme: programme.pillars.first().get_absolute_url(), 7),
    "themes": (lambda programme: reverse("goals:theme-list"), 1),
    "theme": (lambda programme: programme.pillars.first().themes.first().get_absolute_url(), 4),
    # The programmes, pillars, action items, cases and (a provider) campaigns.
    "search": (lambda programme: reverse("goals:search") + "?q=handling", 5),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("size", [1, 4])
def test_every_page_runs_a_constant_number_of_queries(
    client, django_assert_num_queries, page, size
):
    programme = None
    for _ in range(size):
        built = programme_build(
            pillars=size, actions_per_pillar=size, cases=size, sections=size, themes=size
        )
        programme = programme or built
    url, queries = PAGES[page]
    url = url(programme)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_num_queries(0):
        assert client.get(url).content == response.content


def test_a_draft_listed_first_for_staff_is_not_called_current(staff_client, loaded_goals):
    ProgrammeFactory(status=Programme.Status.DRAFT, title="Kommende Mål 3100–3102", order=0)
    page = _text(staff_client.get(reverse("goals:programme-list")))
    assert page.index("Kommende Mål 3100–3102") < page.index("Nuværende program")
    assert page.index("Nuværende program") < page.index("Almene Mål 2024–2026")
    assert page.count("Nuværende program") == 1


@pytest.mark.parametrize(
    ("slug", "title"),
    [
        ("byer-i-balance", "Byer i balance"),
        ("en-groennere-almen-sektor", "En grønnere almen sektor"),
    ],
)
def test_2022_2024_pillar_pages_show_what_the_source_says_and_that_it_has_no_more(
    client, loaded_goals, slug, title
):
    url = reverse("goals:pillar-detail", kwargs={"programme_slug": "2022-2024", "slug": slug})
    page = _text(client.get(url))
    assert f"<h1>{title}</h1>" in page
    assert "Hvad kilden siger om denne målsætning" in page
    assert (
        "Programmet blev udviklet i en tværgående arbejdsgruppe bestående af repræsentanter fra "
        "alle BL’s 11 kredse, og de to prioriterede målsætninger for årene 2022 – 2024 blev "
        "defineret som ”Byer i balance” og ”En grønnere almen sektor”. Med andre ord; social "
        "og klimamæssig bæredygtighed."
    ) in page
    assert (
        "Kilden, BL’s årsberetning (Tilbageblik på 2022), siger ikke mere om denne målsætning: "
        "den har ingen yderligere tekst og ingen handlinger."
    ) in page


def test_a_pillar_with_its_own_text_has_no_source_note(client, loaded_goals):
    url = reverse(
        "goals:pillar-detail",
        kwargs={"programme_slug": "2024-2026", "slug": "robuste-by-og-boligfaellesskaber"},
    )
    assert "siger ikke mere om" not in _text(client.get(url))


def test_the_2024_2026_caption_before_its_first_pillar(client, loaded_goals):
    caption = "Lokale fællesskaber er vigtige for beboernes trivsel."
    programme = _text(client.get(reverse("goals:programme-detail", kwargs={"slug": "2024-2026"})))
    assert caption in programme
    credit = programme.index("Foto: Lars Græsborg Mathiasen", programme.index(caption))
    assert credit < programme.index("Grønt tag med nyttehaver på Milestedet i Rødovre")
    url = reverse(
        "goals:pillar-detail",
        kwargs={"programme_slug": "2024-2026", "slug": "robuste-by-og-boligfaellesskaber"},
    )
    pillar = _text(client.get(url))
    assert caption in pillar and "Foto: Lars Græsborg Mathiasen" in pillar
