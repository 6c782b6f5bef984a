from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ContentDraft(models.Model):
    """A prepared change to one content object, kept apart from the live row until it is
    published (``almen/editorial/drafts.py``). ``data`` holds the changed text fields."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        AWAITING_APPROVAL = "awaiting", _("awaiting approval")
        RETURNED = "returned", _("returned")
        PUBLISHED = "published", pgettext_lazy("draft state", "published")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("changed fields"), default=dict)
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="content_drafts",
        verbose_name=_("author"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent for approval by"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewer_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        permissions = [("approve_contentdraft", _("Can approve and publish drafts"))]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=~models.Q(state="published"),
                name="one_open_draft_per_object",
            )
        ]

    def __str__(self):
        return str(self.content_object or self.object_id)

    @property
    def is_open(self) -> bool:
        return self.state != self.State.PUBLISHED


class ApprovalRule(models.Model):
    """Whether changes to one kind of content need an approver before they go live."""

    content_type = models.OneToOneField(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    approval_required = models.BooleanField(
        _("approval required"),
        default=False,
        help_text=_(
            "Editors without the approval permission must then send their changes to "
            "published content for approval as a draft."
        ),
    )

    class Meta:
        verbose_name = _("approval rule")
        verbose_name_plural = _("approval rules")

    def __str__(self):
        return str(self.content_type)


class PreviewLink(models.Model):
    """A signed, expiring, revocable link that shows a draft on its public page."""

    draft = models.ForeignKey(
        ContentDraft,
        on_delete=models.CASCADE,
        related_name="preview_links",
        verbose_name=_("draft"),
    )
    key = models.UUIDField(_("key"), unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self):
        return str(self.key)
