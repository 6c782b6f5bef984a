"""The admin base of every page that edits versioned content (almen/editorial/registry.py).

Saves through it are stored as versions (django-reversion); the history shows what changed,
field by field, and restores an earlier version (django-reversion-compare). Restoring saves
the form of the old version, so it is a new version and runs the admin's own ``save_model``
(the public cache is invalidated as on any save); ``is_restoring`` tells the app's admin
that a save is a restore. A save over someone else's newer change is refused with a
warning (almen/editorial/concurrency.py).

``VERSIONED_MODELS`` is the one list of what is versioned and what follows its parent.
Admin autodiscovery runs before ``EditorialConfig.ready``, and reversion's ``VersionAdmin``
registers any model it finds unregistered, guessing ``follow`` from the inlines; so the
registry is applied first here, and a content admin for a model missing from it fails
at start-up instead of being versioned by guesswork.

On the content that can have drafts (``almen/editorial/drafts.py``) the change form also
saves a change as a draft, sends it for approval, publishes, returns or discards it and
makes preview links (``DraftAdminMixin``). While a draft is open the form shows its text and
the object can only be changed through the draft; where approval is required, editors who
may not approve never save a published object directly.
"""

import reversion
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from almen.editorial import concurrency
from almen.editorial.drafts import (
    DRAFTABLE_MODELS,
    approval_required,
    draft_discard,
    draft_fields,
    draft_open,
    draft_publish,
    draft_return,
    draft_save,
    draft_submit,
    draft_values,
    model_is_draftable,
    user_can_approve,
    user_can_publish,
)
from almen.editorial.history import history_comment
from almen.editorial.models import ApprovalRule, ContentDraft, PreviewLink
from almen.editorial.previews import (
    MAX_DAYS,
    MIN_DAYS,
    preview_link_create,
    preview_link_refusal,
    preview_link_revoke,
    preview_link_token,
    public_path,
)
from almen.editorial.registry import versioned_models_register

# The buttons of the draft bar, each a name posted with the change form.
SAVE, SUBMIT, PUBLISH, RETURN, DISCARD = (
    "_draft_save",
    "_draft_submit",
    "_draft_publish",
    "_draft_return",
    "_draft_discard",
)
PREVIEW_CREATE, PREVIEW_REVOKE = "_preview_create", "_preview_revoke"
FORM_ACTIONS = (SAVE, SUBMIT, PUBLISH, PREVIEW_CREATE)  # these store the form as the draft
ACTIONS = (*FORM_ACTIONS, RETURN, DISCARD, PREVIEW_REVOKE)


def preview_url(*, request, link: PreviewLink) -> str:
    path = reverse("editorial:preview", kwargs={"token": preview_link_token(link=link)})
    return request.build_absolute_uri(path)


class DraftAdminMixin:
    change_form_template = "admin/editorial/change_form.html"

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        draft = getattr(request, "_editorial_draft", None)
        if obj is not None and draft is not None:
            # The form opens on the draft's text; the live row stays as it is.
            for name, value in draft_values(draft=draft, obj=obj).items():
                setattr(obj, name, value)
        return obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None or not model_is_draftable(self.model):
            return super().changeform_view(request, object_id, form_url, extra_context)
        obj = super().get_object(request, unquote(object_id))
        if obj is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        draft = draft_open(obj=obj)
        action = next((name for name in ACTIONS if name in request.POST), None)
        if request.method == "POST" and action is not None:
            response = self._draft_action(request, obj=obj, draft=draft, action=action)
            if response is not None:
                return response
        elif request.method == "POST" and (
            draft is not None or not user_can_publish(user=request.user, obj=obj)
        ):
            raise PermissionDenied
        request._editorial_draft = draft
        context = self._draft_context(request, obj=obj, draft=draft)
        return super().changeform_view(
            request, object_id, form_url, {**(extra_context or {}), **context}
        )

    def _draft_context(self, request, *, obj, draft) -> dict:
        can_publish = user_can_publish(user=request.user, obj=obj)
        links = []
        if draft is not None:
            links = [
                {
                    "link": link,
                    "url": preview_url(request=request, link=link),
                    "refusal": preview_link_refusal(link=link),
                }
                for link in draft.preview_links.select_related("created_by")
            ]
        opts = self.model._meta
        return {
            "editorial_drafts": True,
            "editorial_draft": draft,
            "editorial_can_draft": self.has_change_permission(request, obj)
            and request.user.has_perm("editorial.change_contentdraft"),
            "editorial_can_publish": can_publish,
            "editorial_can_approve": user_can_approve(request.user),
            "editorial_direct_save": draft is None and can_publish,
            "editorial_approval_required": approval_required(self.model),
            "editorial_draft_fields": [
                opts.get_field(name).verbose_name for name in draft_fields(self.model)
            ],
            "editorial_has_public_page": public_path(obj) is not None,
            "editorial_preview_links": links,
            "editorial_preview_days": range(MIN_DAYS, MAX_DAYS + 1),
        }

    def _draft_action(self, request, *, obj, draft, action):
        """Carry out a button of the draft bar; None means "show the form again" (it did
        not validate, so Django's own view renders the errors and saves nothing)."""
        user = request.user
        if not self.has_change_permission(request, obj) or not user.has_perm(
            "editorial.change_contentdraft"
        ):
            raise PermissionDenied
        if action == PUBLISH and not user_can_publish(user=user, obj=obj):
            raise PermissionDenied
        if action == PREVIEW_CREATE and not user.has_perm("editorial.add_previewlink"):
            raise PermissionDenied
        if action in FORM_ACTIONS:
            draft = self._draft_from_form(request, obj=obj)
            if draft is None:
                return None
        redirect = HttpResponseRedirect(request.path)
        if draft is None:
            return redirect
        try:
            self._draft_step(request, obj=obj, draft=draft, action=action)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect

    def _draft_from_form(self, request, *, obj):
        # A second copy: validating a model form writes its values into its instance.
        instance = super().get_object(request, str(obj.pk))
        fieldsets = self.get_fieldsets(request, instance)
        form_class = self.get_form(
            request, instance, change=True, fields=flatten_fieldsets(fieldsets)
        )
        form = form_class(request.POST, request.FILES, instance=instance)
        if not form.is_valid():
            return None
        return draft_save(obj=obj, values=form.cleaned_data, user=request.user)

    def _draft_step(self, request, *, obj, draft, action) -> None:
        user = request.user
        if action == SAVE:
            messages.success(request, _("The draft was saved. The published text is unchanged."))
        elif action == SUBMIT:
            draft_submit(draft=draft, user=user)
            messages.success(request, _("The draft was sent for approval."))
        elif action == PUBLISH:
            draft_publish(draft=draft, user=user)
            messages.success(request, _("The draft was published."))
        elif action == RETURN:
            draft_return(draft=draft, user=user, comment=request.POST.get("_draft_comment", ""))
            messages.success(request, _("The draft was returned to its author with your comment."))
        elif action == DISCARD:
            draft_discard(draft=draft)
            messages.success(request, _("The draft was discarded."))
        elif action == PREVIEW_CREATE:
            try:
                days = int(request.POST.get("_preview_days", ""))
                link = preview_link_create(draft=draft, days=days, user=user)
            except ValueError:
                raise ValidationError(_("Choose how many days the link should work.")) from None
            messages.success(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("The draft was saved and a preview link was made:"),
                    preview_url(request=request, link=link),
                    preview_url(request=request, link=link),
                ),
            )
        elif action == PREVIEW_REVOKE:
            pk = request.POST.get(PREVIEW_REVOKE, "")
            link = draft.preview_links.filter(pk=int(pk)).first() if pk.isdigit() else None
            if link is not None:
                preview_link_revoke(link=link)
                messages.success(request, _("The preview link was revoked."))


class ContentAdmin(DraftAdminMixin, CompareVersionAdmin):
    form = concurrency.ConcurrentEditForm

    def __init__(self, model, admin_site):
        versioned_models_register()
        super().__init__(model, admin_site)

    def reversion_register(self, model, **kwargs):
        label = f"{model._meta.app_label}.{model.__name__}"
        raise ImproperlyConfigured(
            f"{label} has a content admin but is not in "
            "almen.editorial.registry.VERSIONED_MODELS; add it there with its follow."
        )

    def get_fieldsets(self, request, obj=None):
        """The concurrency token (and, after a warning, the overwrite checkbox) at the end
        of the first fieldset of a change form; they are hidden until needed. Not on a
        view-only page, which would show them as read-only values."""
        fieldsets = [
            (name, {**options, "fields": _without_token(options.get("fields", ()))})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and fieldsets and self.has_change_permission(request, obj):
            name, options = fieldsets[0]
            fields = (*options["fields"], *concurrency.FIELDS)
            fieldsets[0] = (name, {**options, "fields": fields})
        return fieldsets

    def construct_change_message(self, request, form, formsets, add=False):
        if not add and "is_published" in form.changed_data:
            published = form.cleaned_data["is_published"]
            request.editorial_comment = history_comment("published" if published else "unpublished")
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        """Publishing or withdrawing in the form leads the version's comment."""
        entry = super().log_change(request, obj, message)
        comment = getattr(request, "editorial_comment", "")
        if comment and reversion.is_active():
            reversion.set_comment(f"{comment}. {entry.get_change_message()}")
        return entry

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.editorial_restoring = True
        return super().revision_view(request, object_id, version_id, extra_context)


def is_restoring(request) -> bool:
    """Whether this admin request restores an earlier version from the history."""
    return getattr(request, "editorial_restoring", False)


def _without_token(fields) -> tuple:
    return tuple(field for field in fields if field not in concurrency.FIELDS)


def _draftable_content_types() -> list[int]:
    models = [apps.get_model(label) for label in DRAFTABLE_MODELS]
    return [
        content_type.pk for content_type in ContentType.objects.get_for_models(*models).values()
    ]


@admin.register(ApprovalRule)
class ApprovalRuleAdmin(admin.ModelAdmin):
    list_display = ("content_type", "approval_required")
    list_editable = ("approval_required",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = ContentType.objects.filter(pk__in=_draftable_content_types())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ContentDraft)
class ContentDraftAdmin(admin.ModelAdmin):
    """The list of drafts; each is edited on its object's own page."""

    list_display = ("content", "content_type", "state", "author", "updated_at")
    list_filter = ("state", "content_type")
    list_select_related = ("content_type", "author")
    fields = (
        "content",
        "content_type",
        "state",
        "author",
        "submitted_by",
        "reviewer",
        "reviewer_comment",
        "created_at",
        "updated_at",
        "published_at",
    )
    readonly_fields = fields

    @admin.display(description=_("content"))
    def content(self, draft):
        opts = draft.content_type.model_class()._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[draft.object_id])
        return format_html('<a href="{}">{}</a>', url, _("Open the draft"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
