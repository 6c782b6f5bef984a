"""Emails of the review of drafts, in Danish: to the approvers when a draft is sent for
approval, to its sender when it is approved or returned."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from almen.core.email import email_send


def draft_admin_url(*, draft) -> str:
    """The absolute address of the admin page that edits the draft's object."""
    opts = draft.content_type.model_class()._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[draft.object_id])
    return settings.PORTAL_BASE_URL + path


def _send(*, template: str, draft, to: list[str], extra: dict | None = None) -> None:
    if not to:
        return
    with translation.override("da"):
        context = {
            "draft": draft,
            "object": draft.content_object,
            "kind": draft.content_type.model_class()._meta.verbose_name,
            "url": draft_admin_url(draft=draft),
            **(extra or {}),
        }
        subject = render_to_string(f"editorial/email/{template}_subject.txt", context)
        body = render_to_string(f"editorial/email/{template}.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    email_send(message=message)


def _name(user) -> str:
    return user.get_full_name() or user.email or user.get_username()


def draft_submitted_notify(*, draft, recipients) -> None:
    sender = draft.submitted_by
    _send(
        template="draft_submitted",
        draft=draft,
        to=[user.email for user in recipients if user != sender and user.email],
        extra={"sender": _name(sender) if sender else ""},
    )


def draft_approved_notify(*, draft, recipient) -> None:
    _send(
        template="draft_approved",
        draft=draft,
        to=[recipient.email] if recipient.email else [],
        extra={"reviewer": _name(draft.reviewer) if draft.reviewer else ""},
    )


def draft_returned_notify(*, draft, recipient) -> None:
    _send(
        template="draft_returned",
        draft=draft,
        to=[recipient.email] if recipient.email else [],
        extra={"reviewer": _name(draft.reviewer) if draft.reviewer else ""},
    )
