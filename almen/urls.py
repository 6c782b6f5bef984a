from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView

from almen.accounts import views as accounts_views
from almen.api_router import router
from almen.core import views as core_views
from almen.core.api import docs as api_docs
from almen.core.api import views as api_views
from almen.core.sitemaps import PagesSitemap
from almen.editorial.admin_scheduling import scheduled_view
from goals.sitemaps import PillarSitemap, ProgrammeSitemap, ThemeSitemap
from municipalities.sitemaps import MunicipalitySitemap

admin.site.site_header = _("Almen – administration")
admin.site.site_title = _("Almen administration")
admin.site.index_title = _("Content and campaigns")

# A 500 under /api/ is JSON like the API's other errors (almen/core/views.py).
handler500 = "almen.core.views.server_error"
SITEMAPS = {
    "pages": PagesSitemap,
    "programmes": ProgrammeSitemap,
    "pillars": PillarSitemap,
    "themes": ThemeSitemap,
    "municipalities": MunicipalitySitemap,
}

urlpatterns = [
    # accounts: admin signs in through allauth (rate limits, two-factor authentication).
    path("admin/login/", accounts_views.admin_login, name="admin-login"),
    path("admin/planlagt/", admin.site.admin_view(scheduled_view), name="editorial-scheduled"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs.ApiDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", api_docs.ApiRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("api/redoc/redoc.standalone.js", api_docs.redoc_bundle, name="api-redoc-bundle"),
    # [\s\S], not ".": an address with an encoded newline is still an API address (JSON 404).
    re_path(r"^api/(?P<path>[\s\S]*/)$", api_views.not_found, name="api-not-found"),
    path("healthz", core_views.health, name="health"),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
    path("sitemap.xml", core_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("favicon.ico", core_views.favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("om-portalen/", core_views.about, name="about"),
    path("privatlivspolitik/", core_views.privacy, name="privacy"),
    path("tilgaengelighedserklaering/", core_views.accessibility, name="accessibility"),
    path("api-for-partnere/", api_views.partners, name="api-partners"),
    path("maal/", include("goals.urls")),
    path("kommuner/", include("municipalities.urls")),
    path("velkommen/", include("campaigns.urls")),
    path("kampagner/", include("campaigns.public_urls")),  # public campaign pages
    # Housing organisations and their local goals (issue 11)
    path("organisationer/", include("municipalities.organisation_urls")),
    path("min-organisation/", include("goals.member_urls")),
    # accounts: invitations (/konto/invitation/…) and "Min organisation → Brugere".
    path("", include("almen.accounts.urls")),
    path("konto/", include("allauth.urls")),
    # editorial: a draft on its public page for reviewers outside BL (signed, expiring link)
    path("forhaandsvisning/", include("almen.editorial.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
