"""The councillor's personal pages, reached by a signed link without logging in.

These pages are personal (they show the recipient's registrations and record the first
visit), so unlike the public pages they are never cached: every response is
``Cache-Control: private, no-store``.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns.ics import session_ics
from campaigns.models import Recipient, WebinarSession
from campaigns.pdf import pack_pdf
from campaigns.selectors import pack_greeting, recipient_pack
from campaigns.services.recipients import (
    invitation_opened_record,
    recipient_resubscribe,
    recipient_unsubscribe,
)
from campaigns.services.registrations import (
    RegistrationOutcome,
    registration_cancel,
    registration_create,
)
from campaigns.tokens import recipient_from_token


def _not_found(request: HttpRequest) -> HttpResponse:
    response = render(request, "campaigns/pack_not_found.html", status=404)
    add_never_cache_headers(response)
    return response


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _session_or_none(recipient: Recipient, session_key: str) -> WebinarSession | None:
    if not recipient.campaign.webinar_id:
        return None
    return WebinarSession.objects.filter(
        webinar_id=recipient.campaign.webinar_id, key=session_key
    ).first()


def _session_label(session: WebinarSession) -> str:
    return date_format(session.starts_at.astimezone(), "j. F \\k\\l. H.i")


# Messages about registering and cancelling are shown in the webinar section, where the
# redirect to ``#webinar`` lands; the others at the top of the pack.
WEBINAR_MESSAGE = "webinar"


def _is_webinar_message(message) -> bool:
    return WEBINAR_MESSAGE in (message.extra_tags or "").split()


def _closed_message(session: WebinarSession) -> str:
    if session.is_cancelled:
        return _("The webinar on %(date)s has been cancelled.") % {"date": _session_label(session)}
    return _("The webinar on %(date)s has already taken place; registration is closed.") % {
        "date": _session_label(session)
    }


def _to_webinar(token: str) -> HttpResponse:
    return redirect(reverse("campaigns:pack", kwargs={"token": token}) + "#webinar")


@require_GET
def pack(request: HttpRequest, token: str) -> HttpResponse:
    recipient = recipient_from_token(token)
    if recipient is None:
        return _not_found(request)
    invitation_opened_record(recipient=recipient)
    stored = list(messages.get_messages(request))
    context = {
        "pack": recipient_pack(recipient=recipient),
        "token": token,
        "greeting": pack_greeting(municipality=recipient.municipality),
        "page_messages": [m for m in stored if not _is_webinar_message(m)],
        "webinar_messages": [m for m in stored if _is_webinar_message(m)],
    }
    return _private(render(request, "campaigns/pack_detail.html", context))


@require_POST
def register(request: HttpRequest, token: str, session_key: str) -> HttpResponse:
    recipient = recipient_from_token(token)
    session = recipient and _session_or_none(recipient, session_key)
    if not session:
        return _not_found(request)
    result = registration_create(recipient=recipient, session=session)
    label = _session_label(session)
    if result.outcome == RegistrationOutcome.CLOSED:
        messages.error(request, _closed_message(session), extra_tags=WEBINAR_MESSAGE)
    elif result.outcome == RegistrationOutcome.FULL:
        messages.error(
            request,
            _("The session on %(date)s is full. Please choose another date.") % {"date": label},
            extra_tags=WEBINAR_MESSAGE,
        )
    elif result.outcome == RegistrationOutcome.ALREADY_REGISTERED:
        messages.info(
            request,
            _("You are already registered for %(date)s.") % {"date": label},
            extra_tags=WEBINAR_MESSAGE,
        )
    else:
        messages.success(
            request,
            _(
                "You are registered for the webinar on %(date)s. We have sent a confirmation "
                "to %(email)s."
            )
            % {"date": label, "email": recipient.email},
            extra_tags=WEBINAR_MESSAGE,
        )
    return _to_webinar(token)


@require_POST
def cancel(request: HttpRequest, token: str, session_key: str) -> HttpResponse:
    recipient = recipient_from_token(token)
    session = recipient and _session_or_none(recipient, session_key)
    if not session:
        return _not_found(request)
    if not session.is_open:
        messages.error(request, _closed_message(session), extra_tags=WEBINAR_MESSAGE)
    elif registration_cancel(recipient=recipient, session=session):
        messages.success(
            request,
            _("Your registration for %(date)s is cancelled.") % {"date": _session_label(session)},
            extra_tags=WEBINAR_MESSAGE,
        )
    return _to_webinar(token)


@require_POST
def resubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Undo an unsubscription from the pack (a POST with CSRF, as any form)."""
    recipient = recipient_from_token(token)
    if recipient is None:
        return _not_found(request)
    if recipient.is_unsubscribed:
        recipient_resubscribe(recipient=recipient)
        messages.success(request, _("You will receive emails about this campaign again."))
    return redirect("campaigns:pack", token=token)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a confirmation form; POST unsubscribes. A POST with the body
    ``List-Unsubscribe=One-Click`` (RFC 8058, sent by mail providers) needs no CSRF token;
    any other POST is checked for CSRF as usual."""
    recipient = recipient_from_token(token)
    if recipient is None:
        return _not_found(request)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        if not one_click:
            rejection = CsrfViewMiddleware(lambda req: None).process_view(request, None, (), {})
            if rejection is not None:
                return rejection
        recipient_unsubscribe(recipient=recipient)
        if one_click:
            return _private(HttpResponse(status=200))
        return _private(
            render(
                request,
                "campaigns/unsubscribe.html",
                {"recipient": recipient, "token": token, "done": True},
            )
        )
    return _private(
        render(
            request,
            "campaigns/unsubscribe.html",
            {"recipient": recipient, "token": token, "done": False},
        )
    )


@require_GET
def pack_pdf_view(request: HttpRequest, token: str) -> HttpResponse:
    recipient = recipient_from_token(token)
    if recipient is None:
        return _not_found(request)
    content = pack_pdf(
        pack=recipient_pack(recipient=recipient),
        token=token,
        greeting=pack_greeting(municipality=recipient.municipality),
    )
    response = HttpResponse(content, content_type="application/pdf")
    file_name = f"velkomstpakke-{recipient.municipality.slug}.pdf"
    response["Content-Disposition"] = f'inline; filename="{file_name}"'
    return _private(response)


@require_GET
def session_ics_view(request: HttpRequest, token: str, session_key: str) -> HttpResponse:
    recipient = recipient_from_token(token)
    session = recipient and _session_or_none(recipient, session_key)
    if not session:
        return _not_found(request)
    # A download is imported, not a scheduling message: METHOD:PUBLISH, no attendee.
    response = HttpResponse(
        session_ics(session=session), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="webinar-{session.key}.ics"'
    return _private(response)
