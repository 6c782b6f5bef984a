import pytest
from django.urls import reverse

from goals.models import Programme
from tests.goals.factories import (
    ActionItemFactory,
    CaseFactory,
    PillarFactory,
    ProgrammeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_programme_2026_2028_has_three_pillars_and_twelve_items(client, loaded_content):
    response = client.get(reverse("programme-detail", kwargs={"slug": "2026-2028"}))
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Almene Mål 2026–2028"
    assert body["period"] == "2026–2028"
    assert [pillar["number"] for pillar in body["pillars"]] == [1, 2, 3]
    assert [pillar["title"] for pillar in body["pillars"]] == [
        "En ny samfundskontrakt – frihed med ansvar",
        "Det grønne potentiale – i drift, byggeri og fællesskab",
        "Demokrati og levende fællesskaber",
    ]
    assert [len(pillar["actions"]) for pillar in body["pillars"]] == [4, 4, 4]
    for pillar in body["pillars"]:
        assert [action["order"] for action in pillar["actions"]] == sorted(
            action["order"] for action in pillar["actions"]
        )
    first = body["pillars"][0]["actions"][0]["text"]
    assert first.startswith("styrke det almene handlerum i den lokale udvikling")
    actions = client.get(reverse("action-list"), {"programme": "2026-2028", "page_size": 100})
    assert actions.json()["count"] == 12


def test_programme_list_is_published_only_current_first(client):
    newer = ProgrammeFactory(slug="2026-2028", start_year=2026, end_year=2028, order=1)
    older = ProgrammeFactory(slug="2024-2026", start_year=2024, end_year=2026, order=2)
    ProgrammeFactory(slug="2028-2030", start_year=2028, end_year=2030, status="draft", order=0)
    PillarFactory(programme=newer, number=1, slug="a", title="A")
    body = client.get(reverse("programme-list")).json()
    assert [programme["slug"] for programme in body["results"]] == [newer.slug, older.slug]
    assert body["results"][0]["pillars"] == [{"slug": "a", "number": 1, "title": "A"}]
    assert body["results"][0]["url"] == "http://testserver/maal/2026-2028/"


def test_draft_programme_and_its_content_are_hidden(client):
    draft = ProgrammeFactory(slug="2028-2030", status=Programme.Status.DRAFT)
    pillar = PillarFactory(programme=draft, slug="hemmelig")
    ActionItemFactory(pillar=pillar)
    CaseFactory(programme=draft, slug="hemmelig-historie")
    assert client.get(reverse("programme-detail", kwargs={"slug": "2028-2030"})).status_code == 404
    assert client.get(reverse("pillar-list")).json()["count"] == 0
    assert client.get(reverse("action-list")).json()["count"] == 0
    assert client.get(reverse("case-list")).json()["count"] == 0
    assert (
        client.get(reverse("case-detail", kwargs={"slug": "hemmelig-historie"})).status_code == 404
    )
    response = client.get(reverse("action-list"), {"programme": "2028-2030"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["programme"]
    assert client.get(reverse("action-list"), {"pillar": "hemmelig"}).status_code == 400


def test_pillar_action_and_case_filters(client):
    climate, democracy = ThemeFactory(slug="klima"), ThemeFactory(slug="demokrati")
    programme = ProgrammeFactory(slug="2026-2028", start_year=2026, end_year=2028)
    other = ProgrammeFactory(slug="2024-2026", start_year=2024, end_year=2026)
    green = PillarFactory(programme=programme, number=1, slug="groen")
    green.themes.set([climate])
    people = PillarFactory(programme=programme, number=2, slug="mennesker")
    old_green = PillarFactory(programme=other, number=1, slug="groen")
    first = ActionItemFactory(pillar=green, order=2, text="b")
    ActionItemFactory(pillar=green, order=1, text="a").themes.set([climate])
    ActionItemFactory(pillar=people, order=1, text="c").themes.set([democracy])
    ActionItemFactory(pillar=old_green, order=1, text="d")
    case = CaseFactory(programme=programme, slug="rita")
    case.pillars.set([people])
    case.themes.set([democracy])

    pillars = client.get(reverse("pillar-list"), {"programme": "2026-2028"}).json()
    assert [p["slug"] for p in pillars["results"]] == ["groen", "mennesker"]
    assert pillars["results"][0]["themes"] == ["klima"]
    assert client.get(reverse("pillar-list"), {"theme": "klima"}).json()["count"] == 1

    url = reverse("action-list")
    texts = [a["text"] for a in client.get(url, {"programme": "2026-2028"}).json()["results"]]
    assert texts == ["a", "b", "c"]
    assert [a["text"] for a in client.get(url, {"pillar": "groen"}).json()["results"]] == [
        "a",
        "b",
        "d",
    ]
    both = client.get(url, {"pillar": "groen", "programme": "2024-2026"}).json()["results"]
    assert [a["text"] for a in both] == ["d"]
    assert [a["text"] for a in client.get(url, {"theme": "klima"}).json()["results"]] == ["a"]
    item = client.get(url, {"theme": "demokrati"}).json()["results"][0]
    assert item == {
        "programme": "2026-2028",
        "pillar": "mennesker",
        "pillar_number": 2,
        "key": "",
        "order": 1,
        "text": "c",
        "themes": ["demokrati"],
    }
    assert first.text == "b"
    bad = client.get(url, {"theme": "nope"})
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["theme"]

    cases = client.get(reverse("case-list"), {"pillar": "mennesker"}).json()
    assert [c["slug"] for c in cases["results"]] == ["rita"]
    assert client.get(reverse("case-list"), {"theme": "klima"}).json()["count"] == 0
    detail = client.get(reverse("case-detail", kwargs={"slug": "rita"})).json()
    assert detail["programme"] == "2026-2028"
    assert detail["pillars"] == ["mennesker"]


def test_themes_count_published_content_only(client):
    climate = ThemeFactory(slug="klima", name="Klima og energi")
    published = PillarFactory(programme=ProgrammeFactory())
    published.themes.set([climate])
    draft = PillarFactory(programme=ProgrammeFactory(status=Programme.Status.DRAFT))
    draft.themes.set([climate])
    body = client.get(reverse("theme-detail", kwargs={"slug": "klima"})).json()
    assert body["name"] == "Klima og energi"
    assert body["pillar_count"] == 1
    assert client.get(reverse("theme-list")).json()["count"] == 1
    assert client.get(reverse("theme-detail", kwargs={"slug": "nope"})).status_code == 404
