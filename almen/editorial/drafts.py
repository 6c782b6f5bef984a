"""Draft versions of published content, and their review.

A draft holds the changed text fields of one live object (``ContentDraft.data``); the live
row and its public page stay as they are until the draft is published, which applies the
data, saves the object, records it in the history and invalidates the public pages in one
transaction. Relations (themes, pillars), numbers and inline rows are not part of a draft:
they are saved directly.

Review: where an ``ApprovalRule`` requires approval for a content type, a published object
of that type can be changed only by a user with ``editorial.approve_contentdraft``; the
others save a draft and send it for approval, and the approvers approve (publish) it or
return it with a comment. Approvers are told by email when a draft is sent to them, the
sender when it is approved or returned.

An object has at most one open draft (a unique constraint); publishing closes it.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from almen.editorial.history import history_record
from almen.editorial.models import ApprovalRule, ContentDraft
from almen.editorial.notifications import (
    draft_approved_notify,
    draft_returned_notify,
    draft_submitted_notify,
)

APPROVE_PERMISSION = "editorial.approve_contentdraft"

DRAFTABLE_MODELS = (
    "goals.Programme",
    "goals.ProgrammeSection",
    "goals.Pillar",
    "goals.ActionItem",
    "goals.Case",
    "municipalities.SheetSection",
    "campaigns.CampaignSection",
    "campaigns.PriorityTopic",
)

# The relation to the object a row is shown within: it is public only if that one is.
PARENTS = {
    "goals.ProgrammeSection": "programme",
    "goals.Pillar": "programme",
    "goals.ActionItem": "pillar",
    "goals.Case": "programme",
    "municipalities.SheetSection": "sheet",
    "municipalities.MunicipalitySheet": "municipality",
    "campaigns.CampaignSection": "campaign",
}

# Each app's "content changed" service: rebuilds its cached public pages.
CONTENT_CHANGED = {
    "goals": "goals.services.goals_content_changed",
    "municipalities": "municipalities.services.municipalities_content_changed",
    "campaigns": "campaigns.services.content.campaigns_content_changed",
}

OPEN = ~Q(state=ContentDraft.State.PUBLISHED)


def _label(model) -> str:
    return model._meta.label


def model_is_draftable(model) -> bool:
    return _label(model) in DRAFTABLE_MODELS


def draft_fields(model) -> list[str]:
    """The fields a draft holds: free text, not keys, slugs or choices."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField)
        and not field.choices
        and field.editable
    ]


def content_is_public(obj) -> bool:
    """Whether ``obj`` and every object it is shown within are published."""
    while obj is not None:
        if not getattr(obj, "is_published", True):
            return False
        parent = PARENTS.get(_label(type(obj)))
        obj = getattr(obj, parent) if parent else None
    return True


def approval_required(model) -> bool:
    content_type = ContentType.objects.get_for_model(model)
    return ApprovalRule.objects.filter(content_type=content_type, approval_required=True).exists()


def user_can_approve(user) -> bool:
    return user.is_active and user.has_perm(APPROVE_PERMISSION)


def user_can_publish(*, user, obj) -> bool:
    """Whether ``user`` may put a change to ``obj`` live without an approver."""
    if user_can_approve(user) or not content_is_public(obj):
        return True
    return not approval_required(type(obj))


def draft_open(*, obj) -> ContentDraft | None:
    content_type = ContentType.objects.get_for_model(type(obj))
    return ContentDraft.objects.filter(OPEN, content_type=content_type, object_id=obj.pk).first()


def draft_values(*, draft: ContentDraft, obj) -> dict:
    """The values the draft gives ``obj``'s draft fields (fields no longer draftable are
    left out)."""
    fields = set(draft_fields(type(obj)))
    return {name: value for name, value in draft.data.items() if name in fields}


def draft_save(*, obj, values: dict, user) -> ContentDraft:
    """Store ``values`` (a form's cleaned data) as the open draft of ``obj``: only the draft
    fields that differ from the live row. Creates the draft or updates it; a draft whose
    text changed is a plain draft again (sent for approval or returned before). The live
    row is not touched."""
    changed = {
        name: values[name]
        for name in draft_fields(type(obj))
        if name in values and values[name] != getattr(obj, name)
    }
    with transaction.atomic():
        # The live row's lock serialises two editors making the object's first draft.
        list(type(obj).objects.select_for_update().filter(pk=obj.pk).values_list("pk"))
        draft = draft_open(obj=obj)
        if draft is not None and draft.data == changed:
            return draft  # nothing new: a draft awaiting approval keeps waiting
        if draft is None:
            draft = ContentDraft(content_object=obj, author=user)
        draft.data = changed
        draft.state = ContentDraft.State.DRAFT
        draft.save()
    return draft


def draft_submit(*, draft: ContentDraft, user) -> ContentDraft:
    """Send ``draft`` to the approvers (emails them)."""
    if not draft.is_open:
        raise ValidationError(_("This draft has already been published."))
    draft.state = ContentDraft.State.AWAITING_APPROVAL
    draft.submitted_by = user
    draft.save(update_fields=["state", "submitted_by", "updated_at"])
    draft_submitted_notify(draft=draft, recipients=approvers())
    return draft


def draft_publish(*, draft: ContentDraft, user) -> models.Model:
    """Apply ``draft`` to its object and put it live: saved, recorded in the history
    ("Kladde udgivet"), the public pages invalidated, the draft closed. When the draft was
    awaiting approval its sender is told it was approved. Raises ``PermissionDenied`` when
    approval is required and ``user`` may not approve."""
    with transaction.atomic():
        draft = ContentDraft.objects.select_for_update().get(pk=draft.pk)
        if not draft.is_open:
            raise ValidationError(_("This draft has already been published."))
        obj = draft.content_object
        if not user_can_publish(user=user, obj=obj):
            raise PermissionDenied(_("Only an approver can publish this draft."))
        for name, value in draft_values(draft=draft, obj=obj).items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
        history_record(objects=[obj], comment="Kladde udgivet", user=user)
        import_string(CONTENT_CHANGED[obj._meta.app_label])()
        was_awaiting = draft.state == ContentDraft.State.AWAITING_APPROVAL
        draft.state = ContentDraft.State.PUBLISHED
        draft.published_at = timezone.now()
        if was_awaiting:
            draft.reviewer = user
        draft.save()
        sender = draft.submitted_by or draft.author
        if was_awaiting and sender is not None and sender != user:
            draft_approved_notify(draft=draft, recipient=sender)
    return obj


def draft_return(*, draft: ContentDraft, user, comment: str) -> ContentDraft:
    """An approver sends ``draft`` back to its sender with ``comment`` (emailed to them)."""
    if not user_can_approve(user):
        raise PermissionDenied(_("Only an approver can return a draft."))
    if not draft.is_open:
        raise ValidationError(_("This draft has already been published."))
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Write a comment for the author."))
    draft.state = ContentDraft.State.RETURNED
    draft.reviewer = user
    draft.reviewer_comment = comment
    draft.save(update_fields=["state", "reviewer", "reviewer_comment", "updated_at"])
    sender = draft.submitted_by or draft.author
    if sender is not None:
        draft_returned_notify(draft=draft, recipient=sender)
    return draft


def draft_discard(*, draft: ContentDraft) -> None:
    """Throw an open draft away (with its preview links); the live row is unchanged."""
    if draft.is_open:
        draft.delete()


def approvers() -> list:
    """Active staff who hold the approval permission through a group or themselves."""
    app_label, codename = APPROVE_PERMISSION.split(".")
    permission = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    return list(
        get_user_model()
        .objects.filter(permission, is_active=True, is_staff=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
