import pytest

from almen.core.cache import content_version
from goals.models import (
    ActionItem,
    Case,
    Pillar,
    Programme,
    ProgrammeSection,
    SectionItem,
    SustainableDevelopmentGoal,
    Theme,
)
from goals.services import goals_content_load, programme_publish, programme_unpublish
from tests.goals.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

ACTIONS_2026_2028 = {
    "En ny samfundskontrakt – frihed med ansvar": [
        "styrke det almene handlerum i den lokale udvikling – i planlægning, tilpasning og "
        "fordeling – under hensyntagen til, at den ansvarlige løsning kan være bevarelse og "
        "renovering, nybyggeri eller nedrivning",
        "bidrage til en boligpolitik, der favner hele landet – hvor boligorganisationer får "
        "mulighed for at bygge, bevare eller tilpasse deres boligmasse i takt med lokale behov "
        "og befolkningsudvikling",
        "styrke opmærksomhed på sundhed og trivsel i alle boligområder – også uden for "
        "helhedsplanerne, hvor beboere med sårbarheder ofte står alene",
        "styrke beredskabet lokalt og samarbejdet med kommunerne – med blik for robust "
        "infrastruktur, information i krisesituationer, og en klar arbejdsdeling, så vi sammen "
        "kan skabe tryghed og robusthed i udsatte og uforudsigelige tider",
    ],
    "Det grønne potentiale – i drift, byggeri og fællesskab": [
        "bygge og renovere med respekt for natur og klima, og arbejde for lovgivning og "
        "økonomiske rammer, der fremmer omdannelse og transformation",
        "involvere beboerne i grønne hverdagsvalg og klimasikre løsninger, så indsatsen bliver "
        "lokalt forankret og meningsfuld",
        "styrke biodiversiteten i boligområderne, ved at tænke naturen ind i både udearealer, "
        "beplantning og materialevalg",
        "udvikle og udbrede grønne driftsformer og teknologier, der reducerer forbrug, "
        "understøtter cirkulær økonomi og skaber holdbare løsninger – økonomisk og "
        "miljømæssigt",
    ],
    "Demokrati og levende fællesskaber": [
        "vise og styrke den almene sektor som demokratisk aktør, gennem oplysning, debat og "
        "partnerskaber med civilsamfund og institutioner",
        "gentænke det formelle beboerdemokrati, så det opleves relevant og tilgængeligt – også "
        "for unge og nye generationer",
        "styrke kompetencer og støtte til både beboere og boligorganisationer, så flere trygt "
        "og kvalificeret kan tage ansvar og spille en aktiv rolle",
        "understøtte beboernes engagement og lokale initiativer, fx gennem uddelegering af "
        "kompetencer og støtte til nye fællesskabsformer, der skaber deltagelse og ejerskab",
    ],
}

ACTIONS_2024_2026 = {
    "Robuste by- og boligfællesskaber": [
        "Understøtte udviklingen af boligløsninger tilpasset fremtidens boligønsker og -behov "
        "i hele landet.",
        "Bidrage til bedre og lige adgang til velfærd, sundhed og flere fællesskaber for "
        "almene beboere.",
        "Arbejde for bedre rammer for at bibeholde og opføre betalige, fleksible og "
        "klimabevidste boligløsninger.",
    ],
    "Ambitiøse grønne fællesskaber": [
        "Understøtte grønne løsninger i byggesager og drift ved at stille krav til leverandører.",
        "Sikre adgang til viden om grønne handlinger.",
        "Arbejde for grøn og sikker forsyning gennem energifællesskaber, solceller og "
        "udskiftning af olie- og gasfyr.",
    ],
    "Levende demokratiske fællesskaber": [
        "Understøtte en styrket fortælling om det demokratiske fællesskab i den almene sektor.",
        "Styrke de demokratiske processer i den almene sektor ved at eksperimentere med og "
        "beskrive nye former for deltagelse – fysisk og digitalt.",
        "Arbejde for bedre rammer for etableringen af stærke lokale fællesskaber.",
    ],
}


def _actions(slug: str) -> dict[str, list[str]]:
    programme = Programme.objects.get(slug=slug)
    return {
        pillar.title: [action.text for action in pillar.actions.order_by("order")]
        for pillar in programme.pillars.order_by("number")
    }


def _counts() -> dict[str, int]:
    models = (Programme, ProgrammeSection, SectionItem, Pillar, ActionItem, Case, Theme)
    return {model.__name__: model.objects.count() for model in models} | {
        "SustainableDevelopmentGoal": SustainableDevelopmentGoal.objects.count()
    }


def test_the_three_programmes_are_loaded_current_first(loaded_goals):
    programmes = list(Programme.objects.order_by("order"))
    assert [(p.slug, p.title, p.status) for p in programmes] == [
        ("2026-2028", "Almene Mål 2026–2028", "published"),
        ("2024-2026", "Almene Mål 2024–2026", "published"),
        ("2022-2024", "Almene Mål 2022–2024", "published"),
    ]
    assert [p.action_heading for p in programmes] == ["Derfor vil vi", "BL vil", ""]
    assert [p.pillar_term_plural for p in programmes] == [
        "pejlemærker",
        "målsætninger",
        "målsætninger",
    ]


def test_all_twelve_derfor_vil_vi_items_of_2026_2028_word_for_word(loaded_goals):
    assert _actions("2026-2028") == ACTIONS_2026_2028
    assert ActionItem.objects.filter(pillar__programme__slug="2026-2028").count() == 12


def test_all_nine_bl_vil_items_of_2024_2026_word_for_word(loaded_goals):
    assert _actions("2024-2026") == ACTIONS_2024_2026
    assert ActionItem.objects.filter(pillar__programme__slug="2024-2026").count() == 9


def test_2022_2024_has_its_two_pillars(loaded_goals):
    assert _actions("2022-2024") == {"Byer i balance": [], "En grønnere almen sektor": []}
    introduction = Programme.objects.get(slug="2022-2024").introduction
    assert (
        "de to prioriterede målsætninger for årene 2022 – 2024 blev defineret som " in introduction
    )
    assert "”Byer i balance” og ”En grønnere almen sektor”" in introduction


def test_adoption_notes_and_facts(loaded_goals):
    current = Programme.objects.get(slug="2026-2028")
    previous = Programme.objects.get(slug="2024-2026")
    assert current.adoption_note == (
        "Almene Mål 2026–2028 er udarbejdet af repræsentanter fra BL’s bestyrelse og de 11 "
        "kredse og vedtaget af BL’s repræsentantskab i december 2025."
    )
    assert current.publication_note == "Udgivet af BL – Danmarks Almene Boliger, januar 2026."
    assert previous.adoption_note.endswith("vedtaget i BL's repræsentantskab den 5. december 2023.")
    assert str(previous.adopted_on) == "2023-12-05"
    fact = SectionItem.objects.get(section__programme=previous, key="frivilligt-engageret")
    assert (fact.title, fact.text) == (
        "36%",
        "af almene beboere er frivilligt engageret. Værdien af det frivillige arbejde kan "
        "opgøres til ca. 10. mia. kr. årligt.",
    )
    assert [sdg.number for sdg in previous.sdgs.all()] == [11]
    assert previous.sdgs.get().name == "Bæredygtige byer og lokalsamfund"
    assert all(
        [sdg.number for sdg in pillar.sdgs.all()] == [11] for pillar in previous.pillars.all()
    )


def test_programme_sections_of_2026_2028_in_order(loaded_goals):
    sections = ProgrammeSection.objects.filter(programme__slug="2026-2028").order_by("order")
    assert [(s.title, s.after_pillars, s.items.count()) for s in sections] == [
        ("Hvad er en almen bolig?", False, 0),
        ("Hvorfor almene mål?", False, 3),
        ("Den almene sektors rolle i en forandret virkelighed", False, 3),
        ("Forudsætninger for at lykkes", True, 3),
        ("Almene mål er til for at blive brugt.", True, 3),
    ]
    prerequisites = sections.get(key="forudsaetninger-for-at-lykkes")
    assert [item.text for item in prerequisites.items.order_by("order")] == [
        "en velfungerende ledelsesstruktur, der sikrer ansvarlighed, gennemsigtighed og "
        "tydelige beslutningsveje",
        "moderne digital infrastruktur og brug af teknologi på en måde, der gør det nemt for "
        "alle at være med – så vi frigør tid og styrker fællesskaber",
        "partnerskaber både i og uden for sektoren, med kommuner, civilsamfund og erhvervsliv "
        "– fordi vi kun lykkes, når vi samarbejder bredt og ligeværdigt",
    ]
    uses = sections.get(key="almene-maal-er-til-for-at-blive-brugt")
    assert [item.text for item in uses.items.order_by("order")] == [
        "inspirere arbejdet med fælles mål og lokale strategier",
        "styrke samarbejdet med kommuner og andre aktører",
        "sætte ramme for udvikling, debat og konkret handling",
    ]


def test_narratives_are_verbatim_with_hyphenation_repaired(loaded_goals):
    pillar = Pillar.objects.get(programme__slug="2026-2028", number=1)
    assert pillar.body.startswith(
        "I en tid, hvor reformer og nye velfærdsmodeller præger den politiske dagsorden, "
        "ønsker vi at være en aktiv medspiller."
    )
    assert "manøvrerum" in pillar.body and "fremtidens befolkningssammensætning" in pillar.body
    assert len(pillar.body.split("\n\n")) == 6
    introduction = Programme.objects.get(slug="2026-2028").introduction
    assert (
        "Vi samler landets 500 boligorganisationer, der tilsammen huser 1 million" in introduction
    )
    assert "velfærdssamfund i, er i opbrud." in introduction


def test_cases_with_credits_places_and_pillars(loaded_goals):
    cases = Case.objects.order_by("programme__order", "order")
    assert [(case.title, case.photo_credit) for case in cases] == [
        ("Rita fra Grantoften", "Andreas Holm Hansen"),
        ("Liv Bejer Heckmann og I Tråd Med Verden", "Andreas Holm Hansen"),
        ("Remiseparken på Amager", "Lars Mathiasen"),
        ("Gåklubben i Aalborg Øst", "Andreas Holm Hansen"),
        ("AB Hørsholm Kokkedals klimapartnerskab", "Lars Græsborg Mathiasen"),
        ("Grundlovsdag i Rosenhøj", "Henrik Kastenskov"),
        ("Debat med Clement i BL’s Dome", "Lars Græsborg Mathiasen"),
        ("Lokale fællesskaber", "Lars Græsborg Mathiasen"),
        ("Grønt tag med nyttehaver på Milestedet i Rødovre", "Lars Græsborg Mathiasen"),
    ]
    kokkedal = Case.objects.get(slug="ab-hoersholm-kokkedal-klimapartnerskab")
    assert "boligorganisationen AB Hørsholm Kokkedel et unikt partnerskab" in kokkedal.text
    assert [p.title for p in kokkedal.pillars.all()] == [
        "Det grønne potentiale – i drift, byggeri og fællesskab"
    ]
    milestedet = Case.objects.get(slug="groent-tag-paa-milestedet-i-roedovre")
    assert milestedet.programme.slug == "2024-2026"
    assert milestedet.place == "Milestedet, Rødovre"


def test_themes_are_tagged_across_programmes(loaded_goals):
    climate = Theme.objects.get(slug="klima-og-energi")
    assert sorted(climate.pillars.values_list("programme__slug", flat=True)) == [
        "2022-2024",
        "2024-2026",
        "2026-2028",
    ]
    assert climate.actions.count() == 5
    assert set(Theme.objects.values_list("slug", flat=True)) >= {
        "klima-og-energi",
        "biodiversitet",
        "demokrati-og-deltagelse",
        "sundhed-og-trivsel",
        "boligudbud-og-byudvikling",
        "aeldre-og-seniorer",
    }


def test_loading_twice_changes_nothing():
    first = goals_content_load()
    counts = _counts()
    version = content_version(area="goals")
    second = goals_content_load()
    assert first.startswith("73 created")
    assert second == "0 created, 0 updated, 73 unchanged, 0 kept, 0 tags updated"
    assert (
        _counts()
        == counts
        == {
            "Programme": 3,
            "ProgrammeSection": 7,
            "SectionItem": 13,
            "Pillar": 8,
            "ActionItem": 21,
            "Case": 9,
            "Theme": 11,
            "SustainableDevelopmentGoal": 1,
        }
    )
    assert content_version(area="goals") == version


def test_a_staff_edit_survives_a_reload(loaded_goals):
    action = ActionItem.objects.get(pillar__programme__slug="2024-2026", pillar__number=2, order=2)
    action.text = "Sikre adgang til viden om grønne handlinger – redigeret."
    action.save()
    programme = Programme.objects.get(slug="2022-2024")
    programme.status = Programme.Status.DRAFT
    programme.save()

    summary = goals_content_load()

    assert "2 kept" in summary
    action.refresh_from_db()
    assert action.text == "Sikre adgang til viden om grønne handlinger – redigeret."
    assert Programme.objects.get(slug="2022-2024").status == "draft"
    assert ActionItem.objects.count() == 21


def test_tags_are_restored_only_on_rows_nobody_edited(loaded_goals):
    from goals.services import goals_staff_edit_mark

    untouched = Pillar.objects.get(slug="byer-i-balance")
    untouched.themes.clear()
    edited = Pillar.objects.get(slug="en-groennere-almen-sektor")
    edited.themes.set([Theme.objects.get(slug="biodiversitet")])
    goals_staff_edit_mark(obj=edited)

    goals_content_load()

    assert [t.slug for t in untouched.themes.all()] == ["boligudbud-og-byudvikling"]
    assert [t.slug for t in edited.themes.all()] == ["biodiversitet"]


def test_publish_and_unpublish_invalidate_the_pages():
    programme = ProgrammeFactory(status=Programme.Status.DRAFT)
    version = content_version(area="goals")
    assert programme_publish(programme=programme) is True
    assert Programme.objects.get(pk=programme.pk).status == "published"
    assert content_version(area="goals") == version + 1
    assert programme_publish(programme=programme) is False
    assert content_version(area="goals") == version + 1
    assert programme_unpublish(programme=programme) is True
    assert Programme.objects.get(pk=programme.pk).status == "draft"
    assert content_version(area="goals") == version + 2
