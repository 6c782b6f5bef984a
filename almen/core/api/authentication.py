"""``Authorization: Api-Key <key>``: partners' keys and staff reporting keys."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from almen.core.api.keys import api_key_check

KEYWORD = "Api-Key"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """A valid partner key authenticates the request as an anonymous user with
    ``request.auth`` set to the ``ApiKey`` (which lifts the rate limit); a key made for a
    staff user authenticates as that user. A wrong, malformed or revoked key is a 401."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        keyword, _space, key = header.partition(" ")
        if keyword.lower() != KEYWORD.lower():
            return None
        key = key.strip()
        if not key:
            raise exceptions.AuthenticationFailed(_("No API key was given after “Api-Key”."))
        api_key = api_key_check(key=key)
        if api_key is None:
            raise exceptions.AuthenticationFailed(_("The API key is not valid or was revoked."))
        user = api_key.user if api_key.user is not None and api_key.user.is_active else None
        return (user or AnonymousUser(), api_key)

    def authenticate_header(self, request):
        return KEYWORD


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "almen.core.api.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A partner key from BL, sent as `Authorization: Api-Key <key>`. Reading works "
                "without a key; a key lifts the rate limit. Keys made for BL staff also open "
                "the campaign reporting endpoints."
            ),
        }
