from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from almen.core.content import LoadedContent


class Theme(LoadedContent):
    """A cross-cutting theme (klima og energi, demokrati og deltagelse …) followed across
    programmes."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("goals:theme-detail", kwargs={"slug": self.slug})


class SustainableDevelopmentGoal(LoadedContent):
    """One of the UN's 17 Sustainable Development Goals (verdensmål)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("web address"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("UN Sustainable Development Goal")
        verbose_name_plural = _("UN Sustainable Development Goals")

    def __str__(self):
        return f"{self.number}. {self.name}"


class Programme(LoadedContent):
    """A goal programme, e.g. Almene Mål 2026–2028, adopted by BL's repræsentantskab."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(
        _("period slug"), max_length=20, unique=True, help_text=_("For example 2026-2028.")
    )
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    tagline = models.CharField(
        _("tagline"), max_length=300, blank=True, help_text=_("The headline of the publication.")
    )
    introduction_heading = models.CharField(
        _("heading of the introduction"),
        max_length=200,
        blank=True,
        help_text=_("For example “Indledning”."),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    adoption_note = models.CharField(_("adoption note"), max_length=300, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    publication_note = models.CharField(
        _("publication note"),
        max_length=300,
        blank=True,
        help_text=_("For example “Udgivet af BL – Danmarks Almene Boliger, januar 2026.”"),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("The publication the texts are taken from."),
    )
    pillars_heading = models.CharField(
        _("heading of the pillars"),
        max_length=200,
        blank=True,
        help_text=_("For example “Tre pejlemærker for vores fælles fremtid”."),
    )
    pillar_term = models.CharField(
        _("name of a pillar"), max_length=60, help_text=_("For example pejlemærke.")
    )
    pillar_term_plural = models.CharField(
        _("name of the pillars"), max_length=60, help_text=_("For example pejlemærker.")
    )
    action_heading = models.CharField(
        _("heading of the action items"),
        max_length=60,
        blank=True,
        help_text=_("For example “BL vil” or “Derfor vil vi”."),
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Lowest first; the current programme comes first.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="programmes",
        verbose_name=_("UN Sustainable Development Goals"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["order", "-start_year"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="programme_period_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("goals:programme-detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class ProgrammeSection(LoadedContent):
    """A titled part of a programme outside its pillars: “Hvad er en almen bolig?”,
    “Forudsætninger for at lykkes”, “Almene mål er til for at blive brugt” …"""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="sections", verbose_name=_("programme")
    )
    key = models.SlugField(_("key"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    closing = models.TextField(_("text after the list"), blank=True)
    after_pillars = models.BooleanField(
        _("after the pillars"),
        default=False,
        help_text=_("Shown after the pillars instead of before them."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["programme", "key"], name="unique_section_key")
        ]

    def __str__(self):
        return self.title


class SectionItem(LoadedContent):
    section = models.ForeignKey(
        ProgrammeSection, on_delete=models.CASCADE, related_name="items", verbose_name=_("section")
    )
    key = models.SlugField(
        _("key"),
        max_length=80,
        blank=True,
        editable=False,
        help_text=_("Identifies an item loaded from the content files."),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = _("list item")
        verbose_name_plural = _("list items")
        constraints = [
            models.UniqueConstraint(
                fields=["section", "key"],
                condition=~models.Q(key=""),
                name="unique_section_item_key",
            )
        ]

    def __str__(self):
        return self.title or self.text[:80]


class Pillar(LoadedContent):
    """A pillar of a programme: indsatsområde (2022–24), målsætning (2024–26) or
    pejlemærke (2026–28)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="pillars", verbose_name=_("programme")
    )
    slug = models.SlugField(_("slug"), max_length=120)
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("narrative"), blank=True)
    closing = models.TextField(_("text after the action items"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="pillars", verbose_name=_("themes")
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="pillars",
        verbose_name=_("UN Sustainable Development Goals"),
    )

    class Meta:
        ordering = ["programme__order", "number"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="unique_pillar_slug"),
            models.UniqueConstraint(fields=["programme", "number"], name="unique_pillar_number"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "goals:pillar-detail",
            kwargs={"programme_slug": self.programme.slug, "slug": self.slug},
        )


class ActionItem(LoadedContent):
    """One “BL vil” / “Derfor vil vi” item of a pillar."""

    pillar = models.ForeignKey(
        Pillar, on_delete=models.CASCADE, related_name="actions", verbose_name=_("pillar")
    )
    key = models.SlugField(
        _("key"),
        max_length=80,
        blank=True,
        editable=False,
        help_text=_("Identifies an item loaded from the content files."),
    )
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(_("order"), default=0)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="actions", verbose_name=_("themes")
    )

    class Meta:
        ordering = ["pillar", "order", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.UniqueConstraint(
                fields=["pillar", "key"],
                condition=~models.Q(key=""),
                name="unique_action_item_key",
            )
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return f"{self.pillar.get_absolute_url()}#action-{self.pk}"


class Case(LoadedContent):
    """A resident story from the programme's photo captions."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="cases", verbose_name=_("programme")
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    pillars = models.ManyToManyField(
        Pillar, blank=True, related_name="cases", verbose_name=_("pillars")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="cases", verbose_name=_("themes")
    )

    class Meta:
        ordering = ["programme__order", "order"]
        verbose_name = _("case story")
        verbose_name_plural = _("case stories")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.programme.get_absolute_url()}#case-{self.slug}"
