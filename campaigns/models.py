"""Campaigns: welcome packs for newly elected councillors and the webinars they are
invited to. The field names are a contract with the sending code and the API
(see the campaigns contract); change them only together."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from almen.core.content import LoadedContent
from almen.core.text import text_shorten
from almen.editorial.publishing import ScheduledPublishing


class PriorityTopic(LoadedContent):
    """A mærkesag: a field where BL sees potential for joint effort between municipalities
    and housing organisations."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(_("order"), default=0)
    pillars = models.ManyToManyField(
        "goals.Pillar",
        blank=True,
        related_name="priority_topics",
        verbose_name=_("goal pillars"),
        help_text=_("The pillars of BL's goal programmes this topic serves."),
    )

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("priority topic")
        verbose_name_plural = _("priority topics")

    def __str__(self):
        return self.title


class Webinar(LoadedContent):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")

    def __str__(self):
        return self.title


class WebinarSpeaker(LoadedContent):
    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("webinar")
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["webinar", "order"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name


class WebinarSession(LoadedContent):
    """One date of a webinar. ``is_full`` needs ``active_registration_count`` from
    ``campaigns.selectors.session_list_with_counts``.

    Registration closes when the session starts (or when staff cancel it). ``sequence`` is
    the iCalendar SEQUENCE of the session's event: it goes up each time staff change its
    time or cancel it (``campaigns.services.session_updates``), so the update sent to
    those registered replaces the event in their calendars."""

    webinar = models.ForeignKey(
        Webinar, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("webinar")
    )
    key = models.SlugField(_("key"), max_length=60)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    join_url = models.URLField(_("join address"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty for no limit.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    recording_url = models.URLField(
        _("recording"),
        blank=True,
        help_text=_("The address of the recording, shown in the welcome pack after the session."),
    )
    is_cancelled = models.BooleanField(
        pgettext_lazy("webinar session", "cancelled"),
        default=False,
        help_text=_("Those registered are told by email, with a calendar cancellation."),
    )
    sequence = models.PositiveIntegerField(_("calendar version"), default=0, editable=False)

    class Meta:
        ordering = ["webinar", "order", "starts_at"]
        verbose_name = _("webinar session")
        verbose_name_plural = _("webinar sessions")
        constraints = [
            models.UniqueConstraint(fields=["webinar", "key"], name="unique_session_key"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.webinar} ({self.key})"

    @property
    def is_full(self) -> bool:
        if self.capacity is None:
            return False
        count = getattr(self, "active_registration_count", None)
        if count is None:
            count = self.registrations.filter(cancelled_at__isnull=True).count()
        return count >= self.capacity

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        """Whether one may still register: not cancelled and not yet started."""
        return not self.is_cancelled and not self.has_started


class Campaign(ScheduledPublishing, LoadedContent):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready to send")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Done")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    sender_line = models.CharField(
        _("sender line"),
        max_length=200,
        blank=True,
        help_text=_(
            "{municipality} is replaced by the official name of the recipient's "
            "municipality (Københavns Kommune)."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    webinar = models.ForeignKey(
        Webinar,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("webinar"),
    )
    topics = models.ManyToManyField(
        PriorityTopic,
        through="CampaignTopic",
        blank=True,
        related_name="campaigns",
        verbose_name=_("priority topics"),
    )
    # The public campaign pages (/kampagner/); shown once the campaign is past the draft
    # stage, like the API.
    period_label = models.CharField(
        _("period as written"),
        max_length=120,
        blank=True,
        help_text=_(
            "Shown instead of the dates when the source names no exact dates, for example "
            "“Folketingsvalget 2022”. The dates still order the campaigns."
        ),
    )
    public_text = models.TextField(
        _("public text"),
        blank=True,
        help_text=_(
            "The text of the public campaign page. Blank lines separate paragraphs; lines "
            "starting with “- ” are shown as a list. Never personal data."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("The publication the texts are taken from."),
    )
    pillars = models.ManyToManyField(
        "goals.Pillar",
        blank=True,
        related_name="campaigns",
        verbose_name=_("goal pillars"),
        help_text=_("The pillars of BL's goal programmes the campaign serves."),
    )
    themes = models.ManyToManyField(
        "goals.Theme",
        blank=True,
        related_name="campaigns",
        verbose_name=_("themes"),
    )

    class Meta:
        ordering = ["-period_start", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaign_pages:campaign-detail", kwargs={"slug": self.slug})

    def clean(self):
        self.schedule_clean(is_published=self.is_published)

    @property
    def is_published(self) -> bool:
        return self.status != self.Status.DRAFT

    def sender_for(self, municipality) -> str:
        """The sender line with the municipality's official name (Københavns Kommune);
        “{municipality} Kommune”, as older sender lines write it, becomes the same."""
        official_name = str(municipality)
        return self.sender_line.replace("{municipality} Kommune", official_name).replace(
            "{municipality}", official_name
        )


class CampaignTopic(models.Model):
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="campaign_topics",
        verbose_name=_("campaign"),
    )
    topic = models.ForeignKey(
        PriorityTopic,
        on_delete=models.CASCADE,
        related_name="campaign_topics",
        verbose_name=_("priority topic"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["campaign", "order"]
        verbose_name = _("campaign topic")
        verbose_name_plural = _("campaign topics")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "topic"], name="unique_campaign_topic")
        ]

    def __str__(self):
        return f"{self.campaign}: {self.topic}"


class CampaignSection(LoadedContent):
    """A titled text of a campaign's welcome pack beside the topics, the fact sheet and the
    webinar (“Om Landsbyggefonden”, “Behov for mere viden?” …), shown on the pack page and
    in its PDF at its place, in order."""

    class Placement(models.TextChoices):
        INTRODUCTION = "introduction", _("After the introduction")
        TOPICS = "topics", _("After the priority topics")
        PROFILE = "profile", _("After the fact sheet")
        WEBINAR = "webinar", _("After the webinar")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="sections", verbose_name=_("campaign")
    )
    key = models.SlugField(_("key"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Blank lines separate paragraphs. Empty: the title is a line of its own."),
    )
    link_text = models.CharField(_("link text"), max_length=300, blank=True)
    link_url = models.URLField(
        _("link address"), blank=True, help_text=_("Shown with a QR code, as in the printed pack.")
    )
    placement = models.CharField(
        _("placement"), max_length=20, choices=Placement.choices, default=Placement.PROFILE
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["campaign", "order", "pk"]
        verbose_name = _("pack section")
        verbose_name_plural = _("pack sections")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "key"], name="unique_campaign_section_key")
        ]

    def __str__(self):
        return self.title


class CampaignCase(LoadedContent):
    """A photo caption or story from a campaign, shown on its public page."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="cases", verbose_name=_("campaign")
    )
    key = models.SlugField(_("key"), max_length=80)
    text = models.TextField(_("text"))
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["campaign", "order", "pk"]
        verbose_name = _("campaign story")
        verbose_name_plural = _("campaign stories")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "key"], name="unique_campaign_case_key")
        ]

    def __str__(self):
        return text_shorten(self.text)


class Recipient(models.Model):
    """A councillor invited by a campaign. Personal data is kept minimal and can be erased
    (``recipient_erase``), which keeps the row so counts stay right."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("campaign")
    )
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="campaign_recipients",
        verbose_name=_("municipality"),
    )
    party = models.CharField(_("party"), max_length=120, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        ordering = ["campaign", "municipality__name", "name"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email"], name="unique_recipient_email")
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def is_unsubscribed(self) -> bool:
        return self.unsubscribed_at is not None


class Invitation(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    recipient = models.OneToOneField(
        Recipient, on_delete=models.CASCADE, related_name="invitation", verbose_name=_("recipient")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    sending_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    opened_at = models.DateTimeField(_("link first opened"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=250, blank=True)
    # When the task enqueued for this invitation should have run at the latest; the sweeper
    # enqueues it again after that (campaigns/services/sending.py). Empty: no task yet.
    task_expected_by = models.DateTimeField(_("task expected by"), null=True, blank=True)

    class Meta:
        ordering = ["-queued_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.recipient}: {self.get_status_display()}"


class Registration(models.Model):
    """A recipient's registration for a webinar session; active while ``cancelled_at`` is
    empty. Registering again after cancelling clears ``cancelled_at``."""

    recipient = models.ForeignKey(
        Recipient,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("recipient"),
    )
    session = models.ForeignKey(
        WebinarSession,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("session"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    calendar_sequence = models.PositiveIntegerField(
        _("calendar version sent"),
        default=0,
        help_text=_("The session's calendar version in the last email this registration got."),
    )

    class Meta:
        ordering = ["session", "created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "session"], name="unique_registration_per_session"
            )
        ]

    def __str__(self):
        return f"{self.recipient} → {self.session}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None
