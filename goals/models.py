import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from almen.core.content import LoadedContent
from almen.core.text import text_shorten
from almen.editorial.publishing import PublishStatus, ScheduledPublishing, publish_status_field


class PrivateStorage(FileSystemStorage):
    """Attachments of local goals: in ``PRIVATE_MEDIA_ROOT`` (read at every use, never
    under MEDIA_ROOT) and without a URL, so they are served only by the view that checks
    who may see them."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage() -> FileSystemStorage:
    return PrivateStorage()


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


class Programme(ScheduledPublishing, LoadedContent):
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

    def clean(self):
        self.schedule_clean(is_published=self.status == self.Status.PUBLISHED)

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
    status = publish_status_field()

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
        return self.title or text_shorten(self.text)


class Pillar(ScheduledPublishing, LoadedContent):
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
    status = publish_status_field()
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

    def clean(self):
        self.schedule_clean(is_published=self.status == PublishStatus.PUBLISHED)

    def get_absolute_url(self):
        return reverse(
            "goals:pillar-detail",
            kwargs={"programme_slug": self.programme.slug, "slug": self.slug},
        )


class ActionItem(ScheduledPublishing, LoadedContent):
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
    status = publish_status_field()
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
        return text_shorten(self.text)

    def clean(self):
        self.schedule_clean(is_published=self.status == PublishStatus.PUBLISHED)

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
    status = publish_status_field()
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


# --- Local goals: housing organisations adopt the programmes' action items ----------------


class LocalGoalQuerySet(models.QuerySet):
    def not_deleted(self):
        return self.filter(deleted_at__isnull=True)

    def public(self):
        """What everyone may see: published, not hidden by BL, not deleted, and of a
        published programme, pillar and (when adopted) action item."""
        return self.filter(
            models.Q(action_item__isnull=True)
            | models.Q(action_item__status=PublishStatus.PUBLISHED),
            is_published=True,
            hidden_at__isnull=True,
            deleted_at__isnull=True,
            pillar__status=PublishStatus.PUBLISHED,
            pillar__programme__status=Programme.Status.PUBLISHED,
        )


class LocalGoal(models.Model):
    """A housing organisation's own goal: an action item of a programme it has adopted
    (``action_item`` set, ``text`` its optional adaptation), or a goal of its own under a
    pillar (``action_item`` empty, ``text`` required). Private until published; BL can
    hide it with a reason; deleting is soft for ``LOCAL_GOAL_DELETED_DAYS`` days."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        ACHIEVED = "achieved", _("achieved")
        PAUSED = "paused", _("paused")
        ABANDONED = "abandoned", _("abandoned")

    organisation = models.ForeignKey(
        "municipalities.HousingOrganisation",
        on_delete=models.CASCADE,
        related_name="local_goals",
        verbose_name=_("housing organisation"),
    )
    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="local_goals", verbose_name=_("pillar")
    )
    action_item = models.ForeignKey(
        ActionItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_goals",
        verbose_name=_("action item"),
    )
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("The goal in the organisation's own words; empty keeps the action item's."),
    )
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        related_name="local_goals",
        verbose_name=_("municipalities"),
    )
    housing_areas = models.CharField(
        _("housing areas"),
        max_length=300,
        blank=True,
        help_text=_("The estates (afdelinger) it concerns, for example “Afdeling 12, Solgården”."),
    )
    responsible_role = models.CharField(
        _("responsible role"),
        max_length=120,
        help_text=_("A role, not a person's name, for example “Driftschef”."),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden by BL"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LocalGoalQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("local goal")
        verbose_name_plural = _("local goals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="local_goal_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=~models.Q(action_item__isnull=True, text=""),
                name="local_goal_own_goal_has_text",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "hidden_at", "deleted_at"])]

    def __str__(self):
        return text_shorten(self.display_text)

    def get_absolute_url(self):
        return reverse("goals:local-goal-detail", kwargs={"pk": self.pk})

    @property
    def display_text(self) -> str:
        if self.text:
            return self.text
        return self.action_item.text if self.action_item_id else ""

    @property
    def is_adapted(self) -> bool:
        return bool(self.action_item_id and self.text)

    @property
    def is_public(self) -> bool:
        return self.is_published and self.hidden_at is None and self.deleted_at is None


def attachment_upload_to(instance, filename: str) -> str:
    """Never the uploader's file name: a random name with the extension of the type the
    content was found to be (``goals/attachments.py``)."""
    return f"local-goals/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class ProgressUpdate(models.Model):
    """A dated entry on a local goal's timeline; it sets the goal's status and progress.
    Editing keeps the earlier version as a ``ProgressUpdateRevision``."""

    goal = models.ForeignKey(
        LocalGoal, on_delete=models.CASCADE, related_name="updates", verbose_name=_("local goal")
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))
    link = models.URLField(_("link"), blank=True)
    attachment = models.FileField(
        _("attachment"),
        upload_to=attachment_upload_to,
        storage=private_storage,
        blank=True,
        max_length=200,
    )
    attachment_name = models.CharField(_("attachment name"), max_length=120, blank=True)
    attachment_type = models.CharField(_("attachment type"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=LocalGoal.Status.choices)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"))
    hidden_at = models.DateTimeField(_("hidden by BL"), null=True, blank=True)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="progress_update_at_most_100"
            ),
        ]

    def __str__(self):
        return f"{self.date}: {text_shorten(self.text, 60)}"


class ProgressUpdateRevision(models.Model):
    """An earlier version of a progress update, kept when the update is edited."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("progress update"),
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("text"))
    link = models.URLField(_("link"), blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=LocalGoal.Status.choices)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    replaced_at = models.DateTimeField(_("replaced"), auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at", "-pk"]
        verbose_name = _("earlier version of a progress update")
        verbose_name_plural = _("earlier versions of progress updates")

    def __str__(self):
        return f"{self.date}: {text_shorten(self.text, 60)}"


class OverdueDigestSent(models.Model):
    """The weekly digest of overdue goals went to ``user`` for the week starting ``week``
    (a Monday). The unique constraint makes the digest go out at most once per week, even
    when two workers run the beat task at the same time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    week = models.DateField(_("week (Monday)"))
    goal_count = models.PositiveIntegerField(_("goals"), default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("overdue digest sent")
        verbose_name_plural = _("overdue digests sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="one_overdue_digest_per_week")
        ]

    def __str__(self):
        return f"{self.user} {self.week}"


class NotificationOptOut(models.Model):
    """The user unsubscribed from the weekly digest of overdue local goals."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="local_goal_opt_out",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("unsubscribed"), auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscribed from local-goal digests")
        verbose_name_plural = _("unsubscribed from local-goal digests")

    def __str__(self):
        return str(self.user)
