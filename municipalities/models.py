from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from almen.core.content import LoadedContent
from almen.core.text import text_shorten
from almen.editorial.publishing import ScheduledPublishing, publish_status_field


class Region(models.Model):
    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return f"Region {self.name}"


class Municipality(models.Model):
    """One of Denmark's 98 municipalities, by its official three-digit code."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("region")
    )
    official_name = models.CharField(
        _("official name"),
        max_length=80,
        blank=True,
        help_text=_("As the municipality writes it: Københavns Kommune, Bornholms Regionskommune."),
    )
    council_name = models.CharField(
        _("council"),
        max_length=80,
        blank=True,
        help_text=_(
            "The name of the municipal council as the municipality uses it: "
            "Borgerrepræsentationen, Kalundborgs Byråd, Frederiksberg Kommunalbestyrelse."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.official_name or f"{self.name} Kommune"

    def get_absolute_url(self):
        return reverse("municipalities:municipality-detail", kwargs={"slug": self.slug})

    @property
    def council(self) -> str:
        """The council's name; the legal term when none is recorded."""
        return self.council_name or f"Kommunalbestyrelsen i {self}"


class Indicator(LoadedContent):
    """A figure of the kommuneark (dwellings by type, share of the housing stock …).
    Indicators are data, so BL can add one without a code change."""

    class Unit(models.TextChoices):
        COUNT = "count", _("count")
        PERCENT = "pct", _("pct.")
        MILLION_DKK = "mio_dkk", _("mio. kr.")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    description = models.TextField(_("description"), blank=True)
    default_source = models.CharField(_("default source"), max_length=300, blank=True)
    group = models.CharField(
        _("group"),
        max_length=80,
        blank=True,
        help_text=_("Indicators shown together, e.g. dwellings by type."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


class Observation(LoadedContent):
    """One value of an indicator for a municipality (or, without one, the whole country)
    over a year or a period of years."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("municipality"),
        help_text=_("Empty for the whole country."),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("indicator"),
    )
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)
    year_stated = models.BooleanField(
        _("year stated in the source"),
        default=True,
        help_text=_(
            "Untick when the source gives no year for the figure: the period is then only "
            "used to place it on the right sheet and is not shown."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["indicator__order", "-end_year"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "indicator", "start_year", "end_year"],
                condition=models.Q(municipality__isnull=False),
                name="unique_municipal_observation_per_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "start_year", "end_year"],
                condition=models.Q(municipality__isnull=True),
                name="unique_national_observation_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="observation_period_ends_after_start",
            ),
        ]

    def __str__(self):
        where = self.municipality.name if self.municipality_id else "Hele landet"
        return f"{self.indicator} {self.period}, {where}: {self.value}"

    @property
    def period(self) -> str:
        if self.start_year == self.end_year:
            return str(self.end_year)
        return f"{self.start_year}–{self.end_year}"


class NationalFact(LoadedContent):
    """A national statement (“Vidste du, at …”, “Almene boliger i tal”) with its year and
    source. A kommuneark cites the edition it was published with (``SheetFact``); pages
    without a sheet show the newest year of each key."""

    class Group(models.TextChoices):
        DID_YOU_KNOW = "did_you_know", _("Did you know …")
        IN_FIGURES = "in_figures", _("Social housing in figures")
        MUNICIPAL_ROLE = "municipal_role", _("The municipality's role")

    key = models.SlugField(_("key"), max_length=80)
    group = models.CharField(
        _("group"), max_length=20, choices=Group.choices, default=Group.DID_YOU_KNOW
    )
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("text"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.URLField(_("source address"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["group", "order", "key", "-year"]
        verbose_name = _("national fact")
        verbose_name_plural = _("national facts")
        constraints = [
            models.UniqueConstraint(fields=["key", "year"], name="unique_fact_per_year"),
        ]

    def __str__(self):
        return f"{text_shorten(self.text, 60)} ({self.year})"


CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def validate_cvr(value: str) -> None:
    """A Danish CVR number: eight digits, not starting with 0, whose digits weighted
    2, 7, 6, 5, 4, 3, 2, 1 add up to a multiple of 11 (the register's modulus-11 check)."""
    if len(value) != 8 or not value.isdigit() or value[0] == "0":
        raise ValidationError(_("A CVR number has eight digits."), code="cvr_format")
    if sum(int(digit) * weight for digit, weight in zip(value, CVR_WEIGHTS, strict=True)) % 11:
        raise ValidationError(
            _("%(cvr)s is not a valid CVR number (the check digit does not match).")
            % {"cvr": value},
            code="cvr_checksum",
        )


class HousingOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    # Null, not empty, so that the many organisations without one do not collide.
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_cvr],
    )
    website = models.URLField(_("web address"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    is_bl_member = models.BooleanField(_("BL member"), default=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Made by the demo; marked as demo data.")
    )
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="housing_organisations",
        verbose_name=_("municipalities"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("housing organisation")
        verbose_name_plural = _("housing organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:organisation-detail", kwargs={"slug": self.slug})


class SharedSheetSection(LoadedContent):
    """A text section written once for every kommuneark (“Vi understøtter et varieret
    boligudbud med plads til alle” …); a sheet uses it unless it has its own text."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    text = models.TextField(
        _("text"),
        help_text=_(
            "Paragraphs separated by an empty line; a line starting with “- ” is a bullet; "
            "[text](https://…) is a link."
        ),
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Where a new sheet gets this section.")
    )

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("shared sheet section")
        verbose_name_plural = _("shared sheet sections")

    def __str__(self):
        return self.heading or text_shorten(self.text, 60)


class MunicipalitySheet(ScheduledPublishing, LoadedContent):
    """A published kommuneark: one municipality, one year, its figures (the newest of each
    indicator up to that year), its ordered text sections and its facts with their sources."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="sheets",
        verbose_name=_("municipality"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    figures_source = models.CharField(
        _("source of the figures"),
        max_length=300,
        blank=True,
        help_text=_(
            "E.g. “BL's egne beregninger på baggrund af Danmarks Statistiks registerdata”."
        ),
    )
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["municipality__name", "-year"]
        verbose_name = _("kommuneark")
        verbose_name_plural = _("kommuneark")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="unique_sheet_per_municipality_and_year"
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}"

    def clean(self):
        self.schedule_clean(is_published=self.is_published)


class SheetSection(LoadedContent):
    """One text section of a sheet, in order: its own heading and its own text, each of
    them falling back to the shared section it uses when left empty."""

    sheet = models.ForeignKey(
        MunicipalitySheet,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("kommuneark"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    shared = models.ForeignKey(
        SharedSheetSection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uses",
        verbose_name=_("shared section"),
        help_text=_("Its heading and text are used where this section has none of its own."),
    )
    heading = models.CharField(_("own heading"), max_length=200, blank=True)
    text = models.TextField(_("own text"), blank=True)
    status = publish_status_field()

    class Meta:
        ordering = ["sheet", "order", "pk"]
        verbose_name = _("sheet section")
        verbose_name_plural = _("sheet sections")

    def __str__(self):
        return self.shown_heading or text_shorten(self.shown_text, 60)

    def clean(self):
        if self.shared_id is None and not self.text.strip():
            raise ValidationError(_("Write the section's text or choose a shared section."))

    @property
    def shown_heading(self) -> str:
        if self.heading or self.shared is None:
            return self.heading
        return self.shared.heading

    @property
    def shown_text(self) -> str:
        if self.text or self.shared is None:
            return self.text
        return self.shared.text

    @property
    def is_own(self) -> bool:
        return self.shared_id is None or bool(self.text)


class SheetFact(LoadedContent):
    """A “Vidste du, at …” fact of a sheet, numbered by its order; the fact carries the
    source and year the sheet cites."""

    sheet = models.ForeignKey(
        MunicipalitySheet,
        on_delete=models.CASCADE,
        related_name="facts",
        verbose_name=_("kommuneark"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    fact = models.ForeignKey(
        NationalFact, on_delete=models.PROTECT, related_name="sheets", verbose_name=_("fact")
    )

    class Meta:
        ordering = ["sheet", "order", "pk"]
        verbose_name = _("fact and source")
        verbose_name_plural = _("facts and sources (“Vidste du, at …”)")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "fact"], name="unique_fact_per_sheet"),
        ]

    def __str__(self):
        return f"{self.order}) {self.fact.source}"
