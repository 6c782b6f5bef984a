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
