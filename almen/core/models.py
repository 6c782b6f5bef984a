import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A partner's key to the REST API. The key itself is shown once, when staff create it
    in admin; only its SHA-256 hash is stored. A key lifts the anonymous rate limit; a key
    made for a staff user also opens the staff-only endpoints (BL's own reporting)."""

    name = models.CharField(_("name"), max_length=120, help_text=_("What the key is used for."))
    organisation = models.CharField(_("organisation"), max_length=200)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    hashed_key = models.CharField(_("hashed key"), max_length=64, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_keys",
        verbose_name=_("staff user"),
        limit_choices_to={"is_staff": True},
        help_text=_("Only for BL's own reporting: the key then acts as this staff user."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["organisation", "name", "pk"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.organisation}: {self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ImportUpload(models.Model):
    """A file staff uploaded to an admin import, kept in the database (not in the session,
    and not in media storage, which may be public and is not shared with the workers)
    between the dry run and the confirmed import, which runs as a Celery task. Only the
    uploading user may confirm it or watch its progress. The content is dropped when the
    import has run; cancelled and stale uploads are deleted (a periodic task)."""

    class Kind(models.TextChoices):
        OBSERVATIONS = "observations", _("municipality figures")
        COUNCILLORS = "councillors", _("councillors")

    class Status(models.TextChoices):
        CHECKED = "checked", _("checked, waiting for confirmation")
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_uploads",
        verbose_name=_("user"),
    )
    content = models.BinaryField(_("content"), default=bytes, editable=False)
    filename = models.CharField(_("file name"), max_length=255)
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CHECKED
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import upload")
        verbose_name_plural = _("import uploads")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
