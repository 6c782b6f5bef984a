"""Scheduled publishing and withdrawal: carried out once, within a minute.

Editors set ``publish_at`` or ``withdraw_at`` (``almen.editorial.publishing.
ScheduledPublishing``) on the models in ``SCHEDULABLE``. Celery beat runs
``schedule_run_task`` every minute; it calls ``schedule_run``, which for each model and
each of the two fields:

1. In one transaction selects the rows whose time has come with
   ``select_for_update(skip_locked=True)``: a second run at the same moment (two beat
   processes, a redelivered task) skips the rows the first holds, and once the first
   commits the rows no longer match (their field is cleared), so each row is carried out
   exactly once. On SQLite, which has no row locks, writes are serialised anyway.
2. Sets the state (published or draft), clears the field and saves; records the rows in
   the history (``history_record``, "Udgivet efter plan" / "Trukket tilbage efter plan").
3. After commit invalidates the page cache of the app (``*_content_changed``), so the next
   anonymous request shows the change.

Publishing an object that is already published (or withdrawing a draft) only clears the
field. A campaign that is sending its invitations is withdrawn once the sending is done:
its row does not count as due until then.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from almen.editorial.history import history_record
from almen.editorial.publishing import PublishStatus

PUBLISHED_COMMENT = "Udgivet efter plan"
WITHDRAWN_COMMENT = "Trukket tilbage efter plan"


def _goals_changed() -> None:
    from goals.services import goals_content_changed

    goals_content_changed()


def _municipalities_changed() -> None:
    from municipalities.services import municipalities_content_changed

    municipalities_content_changed()


def _campaigns_changed() -> None:
    from campaigns.services.content import campaigns_content_changed

    campaigns_content_changed()


def _status_set(value: str) -> Callable[[models.Model], None]:
    def set_status(obj: models.Model) -> None:
        obj.status = value

    return set_status


def _sheet_set(value: bool) -> Callable[[models.Model], None]:
    def set_published(obj: models.Model) -> None:
        obj.is_published = value

    return set_published


def _campaign_publish(obj: models.Model) -> None:
    if obj.status == obj.Status.DRAFT:
        obj.status = obj.Status.READY


def _campaign_withdraw(obj: models.Model) -> None:
    obj.status = obj.Status.DRAFT


@dataclass(frozen=True)
class Schedulable:
    """A model with ``publish_at`` and ``withdraw_at``: how its state is set and which
    pages change."""

    label: str
    state_fields: tuple[str, ...]
    publish: Callable[[models.Model], None]
    withdraw: Callable[[models.Model], None]
    content_changed: Callable[[], None]
    withdraw_waits_for: models.Q | None = None
    listed_with: tuple[str, ...] = ()  # select_related for the names in the lists

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


SCHEDULABLE: tuple[Schedulable, ...] = (
    Schedulable(
        label="goals.Programme",
        state_fields=("status", "updated_at"),
        publish=_status_set(PublishStatus.PUBLISHED),
        withdraw=_status_set(PublishStatus.DRAFT),
        content_changed=_goals_changed,
    ),
    Schedulable(
        label="goals.Pillar",
        state_fields=("status",),
        publish=_status_set(PublishStatus.PUBLISHED),
        withdraw=_status_set(PublishStatus.DRAFT),
        content_changed=_goals_changed,
        listed_with=("programme",),
    ),
    Schedulable(
        label="goals.ActionItem",
        state_fields=("status",),
        publish=_status_set(PublishStatus.PUBLISHED),
        withdraw=_status_set(PublishStatus.DRAFT),
        content_changed=_goals_changed,
        listed_with=("pillar__programme",),
    ),
    Schedulable(
        label="municipalities.MunicipalitySheet",
        state_fields=("is_published", "updated_at"),
        publish=_sheet_set(True),
        withdraw=_sheet_set(False),
        content_changed=_municipalities_changed,
        listed_with=("municipality",),
    ),
    Schedulable(
        label="campaigns.Campaign",
        state_fields=("status",),
        publish=_campaign_publish,
        withdraw=_campaign_withdraw,
        content_changed=_campaigns_changed,
        withdraw_waits_for=models.Q(status="sending"),
    ),
)


def _carry_out(*, entry: Schedulable, field: str, now: datetime) -> int:
    """Carry out the due ``field`` (publish_at or withdraw_at) of one model; returns how
    many rows it changed."""
    model = entry.model
    due = model.objects.filter(**{f"{field}__lte": now})
    if field == "withdraw_at" and entry.withdraw_waits_for is not None:
        due = due.exclude(entry.withdraw_waits_for)
    action = entry.publish if field == "publish_at" else entry.withdraw
    with transaction.atomic():
        rows = list(due.select_for_update(skip_locked=True, of=("self",)).order_by("pk"))
        for obj in rows:
            action(obj)
            setattr(obj, field, None)
            obj.save(update_fields=[*entry.state_fields, field])
        if rows:
            history_record(
                objects=rows,
                comment=PUBLISHED_COMMENT if field == "publish_at" else WITHDRAWN_COMMENT,
            )
            transaction.on_commit(entry.content_changed)
    return len(rows)


def schedule_run(*, now: datetime | None = None) -> int:
    """Publish and withdraw everything whose time has come; returns how many objects
    changed. Safe to run concurrently and repeatedly (see the module's protocol)."""
    now = now or timezone.now()
    changed = 0
    for entry in SCHEDULABLE:
        # Publications first: an object due both ways ends withdrawn (withdraw_at is later).
        changed += _carry_out(entry=entry, field="publish_at", now=now)
        changed += _carry_out(entry=entry, field="withdraw_at", now=now)
    return changed


@dataclass(frozen=True)
class ScheduledItem:
    """One planned publication or withdrawal, for the admin's lists."""

    obj: models.Model
    action: str
    at: datetime

    @property
    def kind(self) -> str:
        return str(self.obj._meta.verbose_name)

    @property
    def action_label(self) -> str:
        return str(_("Publish") if self.action == "publish" else _("Withdraw"))

    @property
    def admin_url(self) -> str:
        meta = self.obj._meta
        return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.obj.pk])


def scheduled_list() -> list[ScheduledItem]:
    """Every planned publication and withdrawal across the schedulable models, soonest
    first (one query per model)."""
    items = []
    for entry in SCHEDULABLE:
        model = entry.model
        rows = model.objects.filter(
            models.Q(publish_at__isnull=False) | models.Q(withdraw_at__isnull=False)
        ).select_related(*entry.listed_with)
        for obj in rows:
            if obj.publish_at:
                items.append(ScheduledItem(obj=obj, action="publish", at=obj.publish_at))
            if obj.withdraw_at:
                items.append(ScheduledItem(obj=obj, action="withdraw", at=obj.withdraw_at))
    return sorted(items, key=lambda item: (item.at, item.kind, str(item.obj)))
