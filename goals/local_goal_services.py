"""Writes of local goals and their progress updates. Every function checks the user's
right on the goal's own organisation (``almen.accounts.permissions``) and raises
``PermissionDenied`` otherwise; views decide beforehand whether the object may even be
seen (404). Every write that can change what the public sees invalidates the cached pages
of the ``local_goals`` area."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from almen.accounts.permissions import user_can_edit_organisation, user_can_moderate
from almen.core.cache import content_changed
from almen.editorial.publishing import PublishStatus
from goals.attachments import attachment_check, attachment_display_name
from goals.models import (
    ActionItem,
    LocalGoal,
    Pillar,
    Programme,
    ProgressUpdate,
    ProgressUpdateRevision,
)
from municipalities.models import HousingOrganisation, Municipality

LOCAL_GOALS_AREA = "local_goals"


def local_goals_changed() -> None:
    content_changed(area=LOCAL_GOALS_AREA)


def _require_editor(*, user, organisation: HousingOrganisation) -> None:
    if not user_can_edit_organisation(user=user, organisation=organisation):
        raise PermissionDenied


def _check_municipalities(
    *, organisation: HousingOrganisation, municipalities: list[Municipality]
) -> None:
    if not municipalities:
        raise ValidationError(
            {"municipalities": _("Choose at least one municipality.")}, code="required"
        )
    allowed = set(organisation.municipalities.values_list("pk", flat=True))
    if any(municipality.pk not in allowed for municipality in municipalities):
        raise ValidationError(
            {"municipalities": _("Choose only municipalities where the organisation has housing.")},
            code="not_the_organisations",
        )


def _check_published_programme(*, pillar: Pillar, action_item: ActionItem | None = None) -> None:
    if pillar.programme.status != Programme.Status.PUBLISHED:
        raise ValidationError(_("Choose an action item of a published programme."))
    if pillar.status != PublishStatus.PUBLISHED or (
        action_item is not None and action_item.status != PublishStatus.PUBLISHED
    ):
        raise ValidationError(_("Choose a published pillar or action item."))


def local_goal_create(
    *,
    user,
    organisation: HousingOrganisation,
    action_item: ActionItem | None = None,
    pillar: Pillar | None = None,
    text: str = "",
    municipalities: list[Municipality],
    housing_areas: str = "",
    responsible_role: str,
    target_date: date | None = None,
    status: str = LocalGoal.Status.PLANNED,
    progress: int = 0,
) -> LocalGoal:
    """A new draft local goal of ``organisation``: an adopted ``action_item`` (its pillar
    is taken from it; ``text`` optionally adapts it) or an own goal under ``pillar`` with
    ``text``. PermissionDenied unless ``user`` edits the organisation; ValidationError
    for an unpublished programme or municipalities where the organisation has no housing."""
    _require_editor(user=user, organisation=organisation)
    if action_item is not None:
        pillar = action_item.pillar
        if text.strip() == action_item.text.strip():
            text = ""
    if pillar is None:
        raise ValidationError({"pillar": _("Choose a pillar.")})
    _check_published_programme(pillar=pillar, action_item=action_item)
    if action_item is None and not text.strip():
        raise ValidationError({"text": _("Describe the goal.")})
    _check_municipalities(organisation=organisation, municipalities=municipalities)
    goal = LocalGoal(
        organisation=organisation,
        pillar=pillar,
        action_item=action_item,
        text=text.strip(),
        housing_areas=housing_areas.strip(),
        responsible_role=responsible_role.strip(),
        target_date=target_date,
        status=status,
        progress=progress,
        created_by=user,
    )
    goal.full_clean()
    with transaction.atomic():
        goal.save()
        goal.municipalities.set(municipalities)
    return goal


def local_goal_update(
    *,
    user,
    goal: LocalGoal,
    text: str,
    municipalities: list[Municipality],
    housing_areas: str,
    responsible_role: str,
    target_date: date | None,
    status: str,
    progress: int,
) -> LocalGoal:
    """Change a goal's text and details (the organisation's editors only)."""
    _require_editor(user=user, organisation=goal.organisation)
    if goal.action_item_id and text.strip() == goal.action_item.text.strip():
        text = ""
    if not goal.action_item_id and not text.strip():
        raise ValidationError({"text": _("Describe the goal.")})
    _check_municipalities(organisation=goal.organisation, municipalities=municipalities)
    goal.text = text.strip()
    goal.housing_areas = housing_areas.strip()
    goal.responsible_role = responsible_role.strip()
    goal.target_date = target_date
    goal.status = status
    goal.progress = progress
    goal.full_clean()
    with transaction.atomic():
        goal.save()
        goal.municipalities.set(municipalities)
    local_goals_changed()
    return goal


def local_goal_publish(*, user, goal: LocalGoal, published: bool = True) -> LocalGoal:
    """Publish a draft (or, with ``published=False``, take it back to draft)."""
    _require_editor(user=user, organisation=goal.organisation)
    if published:
        _check_published_programme(pillar=goal.pillar, action_item=goal.action_item)
    goal.is_published = published
    if published and goal.published_at is None:
        goal.published_at = timezone.now()
    goal.save(update_fields=["is_published", "published_at", "updated_at"])
    local_goals_changed()
    return goal


def local_goal_delete(*, user, goal: LocalGoal) -> LocalGoal:
    """Soft delete: gone from every page at once, restorable for
    ``LOCAL_GOAL_DELETED_DAYS`` days, then purged by ``local_goals_purge_deleted``."""
    _require_editor(user=user, organisation=goal.organisation)
    if goal.deleted_at is None:
        goal.deleted_at = timezone.now()
        goal.save(update_fields=["deleted_at", "updated_at"])
        local_goals_changed()
    return goal


def local_goal_restore(*, user, goal: LocalGoal) -> LocalGoal:
    _require_editor(user=user, organisation=goal.organisation)
    if goal.deleted_at is not None:
        goal.deleted_at = None
        goal.save(update_fields=["deleted_at", "updated_at"])
        local_goals_changed()
    return goal


def local_goals_purge_deleted(*, now=None) -> int:
    """Delete for good the goals (with their updates and files) deleted more than
    ``LOCAL_GOAL_DELETED_DAYS`` days before ``now``; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.LOCAL_GOAL_DELETED_DAYS)
    goals = list(LocalGoal.objects.filter(deleted_at__lt=cutoff))
    files = [
        update.attachment
        for update in ProgressUpdate.objects.filter(goal__in=goals).exclude(attachment="")
    ]
    LocalGoal.objects.filter(pk__in=[goal.pk for goal in goals]).delete()
    for attachment in files:
        attachment.storage.delete(attachment.name)
    return len(goals)


def _hide_reason_check(*, user, reason: str) -> str:
    if not user_can_moderate(user=user):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the organisation a reason.")})
    return reason


def local_goal_hide(*, user, goal: LocalGoal, reason: str) -> LocalGoal:
    """BL staff hide a goal from the public; the organisation sees ``reason`` and its users
    are emailed (after commit, by Celery)."""
    from goals.tasks import hidden_notice_send_task

    reason = _hide_reason_check(user=user, reason=reason)
    goal.hidden_at = timezone.now()
    goal.hidden_reason = reason
    goal.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    local_goals_changed()
    transaction.on_commit(lambda: hidden_notice_send_task.delay(goal_id=goal.pk))
    return goal


def local_goal_unhide(*, user, goal: LocalGoal) -> LocalGoal:
    if not user_can_moderate(user=user):
        raise PermissionDenied
    goal.hidden_at = None
    goal.hidden_reason = ""
    goal.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    local_goals_changed()
    return goal


def progress_update_hide(*, user, update: ProgressUpdate, reason: str) -> ProgressUpdate:
    """BL staff hide one progress update; as ``local_goal_hide``."""
    from goals.tasks import hidden_notice_send_task

    reason = _hide_reason_check(user=user, reason=reason)
    update.hidden_at = timezone.now()
    update.hidden_reason = reason
    update.save(update_fields=["hidden_at", "hidden_reason", "updated_at"])
    local_goals_changed()
    transaction.on_commit(
        lambda: hidden_notice_send_task.delay(goal_id=update.goal_id, update_id=update.pk)
    )
    return update


def _attach(*, update: ProgressUpdate, attachment: UploadedFile) -> None:
    attachment_type = attachment_check(upload=attachment)
    update.attachment_name = attachment_display_name(
        filename=attachment.name or "", attachment_type=attachment_type
    )
    update.attachment_type = attachment_type.content_type
    update.attachment.save(f"bilag{attachment_type.extension}", attachment, save=False)


def _check_update_fields(*, text: str, progress: int, status: str) -> None:
    if not text.strip():
        raise ValidationError({"text": _("Write what has happened.")})
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is between 0 and 100 per cent.")})
    if status not in LocalGoal.Status.values:
        raise ValidationError({"status": _("Choose a status.")})


def progress_update_create(
    *,
    user,
    goal: LocalGoal,
    date: date,
    text: str,
    status: str,
    progress: int,
    link: str = "",
    attachment: UploadedFile | None = None,
) -> ProgressUpdate:
    """A dated entry on the goal's timeline; the goal takes its status and progress when it
    is the newest entry. The attachment is checked by content (``goals/attachments.py``);
    a refused file saves nothing."""
    _require_editor(user=user, organisation=goal.organisation)
    _check_update_fields(text=text, progress=progress, status=status)
    update = ProgressUpdate(
        goal=goal,
        date=date,
        text=text.strip(),
        link=link.strip(),
        status=status,
        progress=progress,
        created_by=user,
    )
    if attachment is not None:
        attachment_check(upload=attachment)
    update.full_clean(exclude=["attachment"])
    with transaction.atomic():
        if attachment is not None:
            _attach(update=update, attachment=attachment)
        update.save()
        _goal_follow_newest_update(goal=goal)
    local_goals_changed()
    return update


def progress_update_edit(
    *,
    user,
    update: ProgressUpdate,
    date: date,
    text: str,
    status: str,
    progress: int,
    link: str = "",
    attachment: UploadedFile | None = None,
) -> ProgressUpdate:
    """Change an update; the version before the change is kept as a revision."""
    _require_editor(user=user, organisation=update.goal.organisation)
    _check_update_fields(text=text, progress=progress, status=status)
    if attachment is not None:
        attachment_check(upload=attachment)
    with transaction.atomic():
        ProgressUpdateRevision.objects.create(
            update=update,
            date=update.date,
            text=update.text,
            link=update.link,
            attachment_name=update.attachment_name,
            status=update.status,
            progress=update.progress,
            edited_by=user,
        )
        update.date = date
        update.text = text.strip()
        update.link = link.strip()
        update.status = status
        update.progress = progress
        update.full_clean(exclude=["attachment"])
        if attachment is not None:
            _attach(update=update, attachment=attachment)
        update.save()
        _goal_follow_newest_update(goal=update.goal)
    local_goals_changed()
    return update


def _goal_follow_newest_update(*, goal: LocalGoal) -> None:
    newest = goal.updates.order_by("-date", "-pk").first()
    if newest is not None:
        goal.status = newest.status
        goal.progress = newest.progress
        goal.save(update_fields=["status", "progress", "updated_at"])
