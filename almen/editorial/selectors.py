"""What the admin start page lists for staff: their drafts, the drafts awaiting their
approval and the latest changes to content."""

from django.contrib import admin
from django.db.models import Prefetch, Q
from django.urls import NoReverseMatch, reverse
from reversion.models import Revision, Version

from almen.editorial.drafts import user_can_approve
from almen.editorial.models import ContentDraft

OPEN = ~Q(state=ContentDraft.State.PUBLISHED)


def _admin_url(*, content_type, object_id) -> str | None:
    model = content_type.model_class()
    if model is None or model not in admin.site._registry:
        return None
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id])
    except NoReverseMatch:
        return None


def _with_urls(drafts) -> list[ContentDraft]:
    drafts = list(drafts)
    for draft in drafts:
        draft.admin_url = _admin_url(content_type=draft.content_type, object_id=draft.object_id)
        model = draft.content_type.model_class()
        draft.kind = model._meta.verbose_name if model else draft.content_type.model
    return drafts


def drafts_of_user(*, user, limit: int = 20) -> list[ContentDraft]:
    """Open drafts ``user`` started or sent for approval, latest first."""
    drafts = (
        ContentDraft.objects.filter(OPEN)
        .filter(Q(author=user) | Q(submitted_by=user))
        .select_related("content_type", "reviewer")
        .prefetch_related("content_object")
        .order_by("-updated_at")[:limit]
    )
    return _with_urls(drafts)


def drafts_awaiting_approval(*, user, limit: int = 20) -> list[ContentDraft]:
    """Drafts sent for approval, oldest first; none for a user who may not approve."""
    if not user_can_approve(user):
        return []
    drafts = (
        ContentDraft.objects.filter(state=ContentDraft.State.AWAITING_APPROVAL)
        .select_related("content_type", "submitted_by")
        .prefetch_related("content_object")
        .order_by("updated_at")[:limit]
    )
    return _with_urls(drafts)


def recent_changes(*, limit: int = 10) -> list[Revision]:
    """The latest versions of content: who, when, the comment and the objects, each with
    its admin address where it has one."""
    revisions = list(
        Revision.objects.select_related("user")
        .prefetch_related(
            Prefetch("version_set", queryset=Version.objects.select_related("content_type"))
        )
        .order_by("-date_created", "-pk")[:limit]
    )
    for revision in revisions:
        revision.objects = [
            {
                "label": version.object_repr,
                "url": _admin_url(content_type=version.content_type, object_id=version.object_id),
            }
            for version in revision.version_set.all()
        ]
    return revisions
