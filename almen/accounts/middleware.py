import time

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from almen.accounts.mfa import mfa_setup_pending

LAST_SEEN_SESSION_KEY = "accounts_last_seen"
# A signed-in user's session is saved (and so its expiry renewed) at most this often.
SESSION_RENEW_SECONDS = 60

# Pages a user who must set up MFA may still open: setting it up, and signing out.
MFA_SETUP_URL_NAMES = {"account_logout", "account_reauthenticate", "set_language"}


def _signed_in(request) -> bool:
    # Without a session cookie nobody is signed in: do not touch the session (and so do not
    # add "Vary: Cookie") for anonymous requests.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


class SessionIdleMiddleware:
    """Signed-in sessions end after SESSION_COOKIE_AGE without a request: every request
    renews the session's expiry, saving it at most once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _signed_in(request):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY, 0)
            if now - last_seen >= SESSION_RENEW_SECONDS:
                request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)


def session_last_seen_mark(*, request) -> None:
    request.session[LAST_SEEN_SESSION_KEY] = int(time.time())


class MfaRequiredMiddleware:
    """BL staff and organisation administrators without a second factor are sent to set
    one up and can open nothing else (Django admin included) until they have."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _signed_in(request):
            return None
        url_name = request.resolver_match.url_name or ""
        if url_name.startswith("mfa_") or url_name in MFA_SETUP_URL_NAMES:
            return None
        if not mfa_setup_pending(request=request):
            return None
        messages.warning(
            request,
            _(
                "Your role requires two-factor authentication. Set up an authenticator app "
                "(or a security key) before you continue."
            ),
        )
        return redirect("mfa_index")
