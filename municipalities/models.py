from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from almen.core.content import LoadedContent


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

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return f"{self.name} Kommune"

    def get_absolute_url(self):
        return reverse("municipalities:municipality-detail", kwargs={"slug": self.slug})


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
    source; a newer year of the same key replaces the older one on the pages."""

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
        return f"{self.text[:60]} ({self.year})"


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
