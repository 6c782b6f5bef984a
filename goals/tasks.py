"""Celery tasks of local goals: they take ids and call the services; each is safe to run
twice (the digest's weekly claim, the purge's date condition)."""

from celery import shared_task
from django.contrib.auth import get_user_model
from django.utils import timezone

from goals.local_goal_services import local_goals_purge_deleted
from goals.notifications import hidden_notice_send, overdue_digest_send, overdue_digest_user_ids


@shared_task(ignore_result=True)
def hidden_notice_send_task(goal_id: int, update_id: int | None = None) -> int:
    return hidden_notice_send(goal_id=goal_id, update_id=update_id)


@shared_task(ignore_result=True)
def overdue_digests_send_task() -> int:
    """Beat, weekly: enqueue one digest per member (each claims its week)."""
    user_ids = overdue_digest_user_ids()
    for user_id in user_ids:
        overdue_digest_send_task.delay(user_id)
    return len(user_ids)


@shared_task(ignore_result=True)
def overdue_digest_send_task(user_id: int) -> bool:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return False
    return overdue_digest_send(user=user, today=timezone.localdate())


@shared_task(ignore_result=True)
def local_goals_purge_deleted_task() -> int:
    return local_goals_purge_deleted()
