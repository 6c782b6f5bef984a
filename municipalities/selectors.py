"""Reads of the municipality figures: the kommuneark, the map and the national facts."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet

from almen.editorial.publishing import PublishStatus
from municipalities.models import (
    HousingOrganisation,
    Indicator,
    Municipality,
    MunicipalitySheet,
    NationalFact,
    Observation,
    Region,
    SheetSection,
)
from municipalities.slugs import danish_slug


@dataclass(frozen=True)
class FigureValue:
    """One observation: the value over a year or period, with its source."""

    value: Decimal
    start_year: int
    end_year: int
    period: str
    source: str
    year_stated: bool = True


@dataclass(frozen=True)
class ProfileFigure:
    """The newest figure of one indicator for a municipality, next to the newest national
    figure of the same indicator (``national`` is ``None`` when there is none)."""

    indicator: Indicator
    latest: FigureValue
    national: FigureValue | None

    @property
    def key(self) -> str:
        return self.indicator.key


@dataclass
class MunicipalityProfile:
    """The kommuneark of one municipality; see ``municipality_profile``."""

    municipality: Municipality
    figures: list[ProfileFigure] = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return bool(self.figures)

    @property
    def by_key(self) -> dict[str, ProfileFigure]:
        return {figure.key: figure for figure in self.figures}

    @property
    def groups(self) -> dict[str, list[ProfileFigure]]:
        grouped: dict[str, list[ProfileFigure]] = {}
        for figure in self.figures:
            grouped.setdefault(figure.indicator.group, []).append(figure)
        return grouped


def decimal_plain(value: Decimal) -> Decimal:
    """3372.00 → 3372 and 14.50 → 14.5, so figures print as BL writes them."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _figure_value(observation: Observation) -> FigureValue:
    return FigureValue(
        value=decimal_plain(observation.value),
        start_year=observation.start_year,
        end_year=observation.end_year,
        period=observation.period,
        source=observation.source or observation.indicator.default_source,
        year_stated=observation.year_stated,
    )


def _newest_per_indicator(
    observations: QuerySet[Observation], *, up_to_year: int | None = None
) -> dict[int, Observation]:
    if up_to_year is not None:
        observations = observations.filter(end_year__lte=up_to_year)
    newest: dict[int, Observation] = {}
    for observation in observations.order_by("-end_year", "-start_year"):
        newest.setdefault(observation.indicator_id, observation)
    return newest


def municipality_profile(
    *, municipality: Municipality, up_to_year: int | None = None
) -> MunicipalityProfile:
    """The kommuneark figures of ``municipality``, in three queries whatever the data size.

    Returns a ``MunicipalityProfile`` with ``municipality`` and ``figures``: a list with one
    ``ProfileFigure`` per indicator that has at least one observation for the municipality,
    in indicator order (``Indicator.order``). Each ``ProfileFigure`` has

    - ``indicator``: the ``Indicator`` (``key``, ``name``, ``unit`` ∈ count/pct/mio_dkk,
      ``group``, ``description``, ``default_source``);
    - ``latest``: a ``FigureValue`` of the newest observation (largest ``end_year``, then
      ``start_year``): ``value`` (``Decimal`` without trailing zeros), ``start_year``,
      ``end_year``, ``period`` (``"2025"`` or ``"2022–2024"``) and ``source`` (the
      observation's, or the indicator's default source);
    - ``national``: a ``FigureValue`` of the newest national observation (municipality
      empty) of the same indicator, or ``None``.

    ``has_figures`` is False when nothing is loaded yet; ``by_key`` maps indicator key →
    figure and ``groups`` maps ``Indicator.group`` → figures. A newly imported year becomes
    ``latest`` at once. Municipal and national observations are read separately, so
    indicators that only have a national value are not listed.

    With ``up_to_year`` (a sheet's year) only observations whose period ends by then count,
    for the municipality and the whole country alike: a 2024 sheet keeps its 2024 figures
    when 2025 figures are published.
    """
    indicators = {indicator.pk: indicator for indicator in Indicator.objects.all()}
    municipal = _newest_per_indicator(
        Observation.objects.filter(municipality=municipality), up_to_year=up_to_year
    )
    national = _newest_per_indicator(
        Observation.objects.filter(municipality__isnull=True), up_to_year=up_to_year
    )
    figures = []
    for indicator_id, indicator in indicators.items():
        observation = municipal.get(indicator_id)
        if observation is None:
            continue
        observation.indicator = indicator
        national_observation = national.get(indicator_id)
        if national_observation is not None:
            national_observation.indicator = indicator
        figures.append(
            ProfileFigure(
                indicator=indicator,
                latest=_figure_value(observation),
                national=_figure_value(national_observation) if national_observation else None,
            )
        )
    return MunicipalityProfile(municipality=municipality, figures=figures)


@dataclass
class Kommuneark:
    """What a municipality's page and PDF show; see ``municipality_kommuneark``."""

    municipality: Municipality
    sheet: MunicipalitySheet | None
    sections: list[SheetSection]
    did_you_know: list[NationalFact]
    profile: MunicipalityProfile

    @property
    def has_sheet(self) -> bool:
        return self.sheet is not None


def published_sheets() -> QuerySet[MunicipalitySheet]:
    return MunicipalitySheet.objects.filter(is_published=True)


def municipality_kommuneark(*, municipality: Municipality) -> Kommuneark:
    """The newest published kommuneark of ``municipality`` (largest ``year``), or an empty
    one (``sheet`` None) when BL has published none: a constant number of queries.

    With a sheet: ``sections`` are its published ``SheetSection`` rows in order (with ``shared``
    loaded; show ``shown_heading`` and ``shown_text``), ``did_you_know`` the facts the sheet
    cites in its order, each with its own year and source, and ``profile`` the newest figure
    of each indicator up to the sheet's year (``municipality_profile``). Without one, the
    lists are empty and the page shows the national facts (``national_fact_list``).
    """
    sheet = published_sheets().filter(municipality=municipality).order_by("-year").first()
    if sheet is None:
        return Kommuneark(
            municipality=municipality,
            sheet=None,
            sections=[],
            did_you_know=[],
            profile=MunicipalityProfile(municipality=municipality),
        )
    sheet.municipality = municipality
    sections = list(
        sheet.sections.filter(status=PublishStatus.PUBLISHED)
        .select_related("shared")
        .order_by("order", "pk")
    )
    did_you_know = [
        sheet_fact.fact for sheet_fact in sheet.facts.select_related("fact").order_by("order", "pk")
    ]
    return Kommuneark(
        municipality=municipality,
        sheet=sheet,
        sections=sections,
        did_you_know=did_you_know,
        profile=municipality_profile(municipality=municipality, up_to_year=sheet.year),
    )


def municipality_with_sheet_count() -> int:
    """How many municipalities have a published kommuneark (one query)."""
    return published_sheets().values("municipality").distinct().count()


@dataclass(frozen=True)
class NationalFigure:
    """The newest figure of one indicator for the whole country."""

    indicator: Indicator
    latest: FigureValue


def national_figure_list() -> list[NationalFigure]:
    """The newest national figure (municipality empty) of every indicator that has one, in
    indicator order (one query)."""
    observations = Observation.objects.filter(municipality__isnull=True).select_related("indicator")
    newest = _newest_per_indicator(observations)
    figures = [
        NationalFigure(indicator=observation.indicator, latest=_figure_value(observation))
        for observation in newest.values()
    ]
    return sorted(figures, key=lambda figure: (figure.indicator.order, figure.indicator.key))


def national_fact_list() -> list[NationalFact]:
    """The newest year of every national fact, in group and display order (one query)."""
    newest: dict[str, NationalFact] = {}
    for fact in NationalFact.objects.order_by("key", "-year"):
        newest.setdefault(fact.key, fact)
    return sorted(newest.values(), key=lambda fact: (fact.group, fact.order, fact.key))


def national_facts_by_group() -> dict[str, list[NationalFact]]:
    grouped: dict[str, list[NationalFact]] = {}
    for fact in national_fact_list():
        grouped.setdefault(fact.group, []).append(fact)
    return grouped


def housing_organisation_list(*, municipality: Municipality) -> QuerySet[HousingOrganisation]:
    return HousingOrganisation.objects.filter(municipalities=municipality).order_by("name")


def municipality_list_with_figures(*, query: str = "") -> list[Municipality]:
    """All municipalities in name order with their region and ``has_figures`` (whether BL
    has published a kommuneark for it), in one query.

    ``query`` keeps those whose name contains it, in any case and in either spelling
    (``køge`` and ``koege`` both find Køge)."""
    municipalities = list(
        Municipality.objects.select_related("region")
        .annotate(has_figures=Exists(published_sheets().filter(municipality=OuterRef("pk"))))
        .order_by("name")
    )
    query = query.strip()
    if not query:
        return municipalities
    needle = danish_slug(query)
    return [
        municipality
        for municipality in municipalities
        if query.lower() in municipality.name.lower() or (needle and needle in municipality.slug)
    ]


def region_list_with_municipalities() -> QuerySet[Region]:
    return Region.objects.prefetch_related("municipalities").order_by("name")


def municipality_by_slug(*, slug: str) -> Municipality | None:
    return Municipality.objects.select_related("region").filter(slug=slug).first()
