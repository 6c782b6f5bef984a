"""sitemap.xml: every public page, in Danish and English, with hreflang alternates.

Each app contributes its own sitemap classes; the addresses use ``PORTAL_BASE_URL``,
not the request's host, because the sitemap is cached like every public page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.PORTAL_BASE_URL).netloc

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.PORTAL_BASE_URL).scheme


class PagesSitemap(PortalSitemap):
    """The portal's fixed pages."""

    def items(self) -> list[str]:
        return [
            "home",
            "about",
            "api-partners",
            "goals:programme-list",
            "goals:theme-list",
            "municipalities:municipality-list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)
