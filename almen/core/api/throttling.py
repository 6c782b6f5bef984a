from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from almen.core.models import ApiKey


class AnonymousRateThrottle(SimpleRateThrottle):
    """Limits clients without a key per IP address (``settings.API_ANON_RATE``, e.g.
    "60/min"); a valid API key or a signed-in staff user is not limited."""

    scope = "anon"

    def get_rate(self):
        return settings.API_ANON_RATE

    def allow_request(self, request, view):
        # The rate is read per request so settings (and tests) can change it.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey) or request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
