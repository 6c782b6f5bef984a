"""Draft or published, per object, and the times an object is to be published or withdrawn.

A pillar, an action item, a case or a section can be a draft inside a published programme
or sheet: the public sees an object only when it and everything above it are published.
Content loaded by ``load_content`` and every row that existed before states per object
are published (the field's default).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublishStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def publish_status_field() -> models.CharField:
    return models.CharField(
        _("status"),
        max_length=10,
        choices=PublishStatus.choices,
        default=PublishStatus.PUBLISHED,
        help_text=_("A draft is never shown to the public, even inside published content."),
    )


class ScheduledPublishing(models.Model):
    """``publish_at`` and ``withdraw_at``: carried out within a minute by the beat task of
    ``almen/editorial/scheduling.py``, which then clears the field."""

    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Danish time. Published automatically within a minute of this time."),
    )
    withdraw_at = models.DateTimeField(
        _("withdraw at"),
        null=True,
        blank=True,
        help_text=_("Danish time. Taken back to draft automatically within a minute of this time."),
    )

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        # A stored time that has passed may be kept on save: the beat task is about to
        # carry it out; only a newly entered time must lie ahead.
        obj._stored_schedule = (obj.__dict__.get("publish_at"), obj.__dict__.get("withdraw_at"))
        return obj

    def schedule_clean(self, *, is_published: bool) -> None:
        """Validate the times; ``is_published`` is the state being saved. A publication
        time in the past is dropped when the object is published now."""
        now = timezone.now()
        stored_publish, stored_withdraw = getattr(self, "_stored_schedule", (None, None))
        errors = {}
        if self.publish_at and self.publish_at <= now and self.publish_at != stored_publish:
            if is_published:
                self.publish_at = None
            else:
                errors["publish_at"] = _(
                    "The time of publication has passed. Choose a later time, or publish now "
                    "by setting the status to published."
                )
        if self.withdraw_at and self.withdraw_at <= now and self.withdraw_at != stored_withdraw:
            errors["withdraw_at"] = _(
                "The time of withdrawal has passed. Choose a later time, or withdraw now by "
                "setting the status to draft."
            )
        if (
            self.publish_at
            and self.withdraw_at
            and self.withdraw_at <= self.publish_at
            and "withdraw_at" not in errors
        ):
            errors["withdraw_at"] = _(
                "The time of withdrawal must be after the time of publication."
            )
        if errors:
            raise ValidationError(errors)
