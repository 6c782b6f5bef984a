"""Preview links: a draft shown on its public page to reviewers outside BL.

A link is a signed token of a random key (``PreviewLink.key``): a token that does not
verify, or names no link, is a 404. A link that staff revoked, that has expired, or whose
draft has been published since, answers 410 with a page saying so.

Rendering: inside a transaction the draft is applied to its object and saved, the object's
public view is called with the request (directly, so the page cache never sees it), and the
transaction is rolled back. The page is therefore exactly what publishing would produce,
marked with a "Forhåndsvisning" banner (``request.editorial_preview``, read by base.html),
and nothing of it outlives the request.
"""

import uuid
from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

from almen.editorial.drafts import PARENTS, draft_values
from almen.editorial.models import ContentDraft, PreviewLink

SALT = "editorial.preview-link"
MIN_DAYS, MAX_DAYS = 1, 14


def preview_link_create(*, draft: ContentDraft, days: int, user) -> PreviewLink:
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise ValueError(f"a preview link lasts {MIN_DAYS} to {MAX_DAYS} days, not {days}")
    return PreviewLink.objects.create(
        draft=draft,
        key=uuid.uuid4(),
        expires_at=timezone.now() + timedelta(days=days),
        created_by=user,
    )


def preview_link_revoke(*, link: PreviewLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])


def preview_link_token(*, link: PreviewLink) -> str:
    return signing.Signer(salt=SALT).sign(link.key.hex)


def preview_link_from_token(*, token: str) -> PreviewLink:
    """The link ``token`` names; ``Http404`` for a tampered or unknown token."""
    try:
        key = uuid.UUID(hex=signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    link = PreviewLink.objects.select_related("draft").filter(key=key).first()
    if link is None:
        raise Http404
    return link


def preview_link_refusal(*, link: PreviewLink) -> str | None:
    """Why the link no longer shows its draft: "revoked", "expired", "published", or None."""
    if link.revoked_at is not None:
        return "revoked"
    if link.expires_at <= timezone.now():
        return "expired"
    if not link.draft.is_open:
        return "published"
    return None


def public_path(obj) -> str | None:
    """The path of the public page that shows ``obj`` (its own, or that of the object it is
    shown within), or None when it has none."""
    while not hasattr(obj, "get_absolute_url"):
        parent = PARENTS.get(obj._meta.label)
        if parent is None:
            return None
        obj = getattr(obj, parent)
    return obj.get_absolute_url().split("#")[0]


def preview_render(*, request: HttpRequest, link: PreviewLink) -> HttpResponse:
    """The public page of the link's draft as publishing it would make it (see the module
    doc); ``Http404`` when the object has no public page or the public does not see it."""
    with transaction.atomic():  # an exception (a 404) rolls back too
        draft = link.draft
        obj = draft.content_object
        if obj is None:
            raise Http404
        for name, value in draft_values(draft=draft, obj=obj).items():
            setattr(obj, name, value)
        obj.save()
        path = public_path(obj)
        if path is None:
            raise Http404
        try:
            match = resolve(path)
        except Resolver404:
            raise Http404 from None
        request.resolver_match = match
        request.editorial_preview = link
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        transaction.set_rollback(True)
    return response
