import factory
from django.utils import timezone

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


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"tema-{n}")
    name = factory.Sequence(lambda n: f"Tema {n}")
    order = factory.Sequence(lambda n: n)


class SustainableDevelopmentGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SustainableDevelopmentGoal
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n % 17 + 1)
    name = factory.Sequence(lambda n: f"Verdensmål {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    start_year = factory.Sequence(lambda n: 3000 + 2 * n)
    end_year = factory.LazyAttribute(lambda programme: programme.start_year + 2)
    slug = factory.LazyAttribute(lambda programme: f"{programme.start_year}-{programme.end_year}")
    title = factory.LazyAttribute(
        lambda programme: f"Testmål {programme.start_year}–{programme.end_year}"
    )
    introduction = "En indledning.\n\nEt andet afsnit."
    adoption_note = "Vedtaget af repræsentantskabet."
    pillar_term = "pejlemærke"
    pillar_term_plural = "pejlemærker"
    action_heading = "Derfor vil vi"
    order = factory.Sequence(lambda n: n + 10)
    status = Programme.Status.PUBLISHED


class ProgrammeSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeSection

    programme = factory.SubFactory(ProgrammeFactory)
    key = factory.Sequence(lambda n: f"afsnit-{n}")
    title = factory.Sequence(lambda n: f"Afsnit {n}")
    body = "Brødtekst."
    order = factory.Sequence(lambda n: n)


class SectionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectionItem

    section = factory.SubFactory(ProgrammeSectionFactory)
    text = factory.Sequence(lambda n: f"Punkt {n}")
    order = factory.Sequence(lambda n: n)


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"soejle-{n}")
    title = factory.Sequence(lambda n: f"Søjle {n}")
    lead = "Kort indledning."
    body = "Fortælling.\n\nMere fortælling."
    closing = "Afslutning."


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    pillar = factory.SubFactory(PillarFactory)
    text = factory.Sequence(lambda n: f"handling nummer {n}")
    order = factory.Sequence(lambda n: n)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"historie-{n}")
    title = factory.Sequence(lambda n: f"Historie {n}")
    place = "Et boligområde"
    text = "En beboerhistorie."
    photo_credit = "En fotograf"
    order = factory.Sequence(lambda n: n)


def programme_build(
    *, pillars: int, actions_per_pillar: int, cases: int, sections: int, themes: int, **fields
) -> Programme:
    """A published programme of the given size, every pillar, action item and case tagged
    with every theme, every case linked to every pillar."""
    programme = ProgrammeFactory(**fields)
    theme_rows = ThemeFactory.create_batch(themes)
    programme.sdgs.set([SustainableDevelopmentGoalFactory()])
    for _ in range(sections):
        SectionItemFactory.create_batch(2, section=ProgrammeSectionFactory(programme=programme))
    pillar_rows = []
    for number in range(1, pillars + 1):
        pillar = PillarFactory(programme=programme, number=number)
        pillar.themes.set(theme_rows)
        pillar_rows.append(pillar)
        for action in ActionItemFactory.create_batch(actions_per_pillar, pillar=pillar):
            action.themes.set(theme_rows)
    for case in CaseFactory.create_batch(cases, programme=programme):
        case.pillars.set(pillar_rows)
        case.themes.set(theme_rows)
    return programme


class LocalGoalFactory(factory.django.DjangoModelFactory):
    """A published local goal adopting an action item (of a published programme)."""

    class Meta:
        model = "goals.LocalGoal"

    organisation = factory.SubFactory("tests.municipalities.factories.HousingOrganisationFactory")
    action_item = factory.SubFactory(ActionItemFactory)
    pillar = factory.LazyAttribute(lambda goal: goal.action_item.pillar)
    text = ""
    responsible_role = "Driftschef"
    status = "in_progress"
    progress = 30
    is_published = True
    published_at = factory.LazyFunction(timezone.now)
