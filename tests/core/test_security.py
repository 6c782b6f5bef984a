"""Security headers, robots.txt and sitemap.xml, and addresses built to trip the portal:
NUL bytes, protocol-relative paths and a spoofed X-Forwarded-For."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from campaigns.tokens import recipient_token
from goals.services import goals_content_load
from tests.campaigns.factories import RecipientFactory

pytestmark = pytest.mark.django_db

CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def _csp(response) -> dict[str, str]:
    return dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )


def _admin_response(client):
    # Admin has no login page of its own (it signs in through allauth): a staff member's
    # admin index, and the sign-in page admin sends visitors to.
    from django.contrib.auth import get_user_model

    from tests.conftest import with_authenticator

    staff = get_user_model().objects.create_user(username="it", email="it@bl.dk", is_staff=True)
    client.force_login(with_authenticator(staff))
    return client.get("/admin/")


def _pack_response(client):
    return client.get(
        reverse("campaigns:pack", kwargs={"token": recipient_token(RecipientFactory())})
    )


@pytest.mark.parametrize(
    "get",
    [
        pytest.param(lambda client: client.get("/maal/"), id="page"),
        pytest.param(_admin_response, id="admin"),
        pytest.param(lambda client: client.get("/konto/login/?next=/admin/"), id="sign-in"),
        pytest.param(lambda client: client.get("/api/v1/programmes/"), id="api"),
        pytest.param(_pack_response, id="pack"),
    ],
)
def test_security_headers_on_every_kind_of_response(client, get):
    response = get(client)
    assert response.status_code == 200
    csp = _csp(response)
    for name, value in CSP_DIRECTIVES.items():
        assert csp[name] == value, name
    assert "unsafe-inline" not in csp["script-src"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_hsts_in_production(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = Client().get("/maal/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_the_pack_says_private_once_and_is_not_indexed(client):
    response = _pack_response(client)
    cache_control = [part.strip() for part in response["Cache-Control"].split(",")]
    assert cache_control.count("private") == 1
    assert "no-store" in cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_robots_txt_keeps_crawlers_out_of_admin_and_points_to_the_sitemap(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/v1/" in lines
    assert f"Sitemap: {settings.PORTAL_BASE_URL}/sitemap.xml" in lines


def test_sitemap_lists_public_pages_in_both_languages_with_hreflang(client, settings):
    goals_content_load()
    base = settings.PORTAL_BASE_URL
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    for path in ["/", "/maal/2026-2028/", "/kommuner/kalundborg/", "/maal/temaer/"]:
        assert f"{base}{path}" in locations
        assert f"{base}/en{path}" in locations
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{base}/en/maal/2026-2028/"/>' in xml
    assert (
        f'<xhtml:link rel="alternate" hreflang="x-default" href="{base}/maal/2026-2028/"/>' in xml
    )
    assert not [url for url in locations if "/velkommen/" in url or "/admin/" in url]
    assert len(locations) == len(set(locations))


def test_favicon_ico_leads_to_the_portal_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/kommuner/kalundborg\x00/", ""),
        ("/maal/2026-2028/", "pillar=%00"),
        ("/maal/soeg/", "q=a%00b"),
    ],
)
def test_a_nul_byte_in_a_page_address_is_a_bad_request(client, path, query):
    response = client.get("/", PATH_INFO=path, QUERY_STRING=query)
    assert response.status_code == 400
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/organisations/\x00/", ""),
        ("/api/v1/observations/", "municipality=%00"),
    ],
)
def test_a_nul_byte_in_an_api_address_is_a_json_bad_request(client, path, query):
    response = client.get("/", PATH_INFO=path, QUERY_STRING=query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"detail": "The address contains a character that is not allowed."}


def test_the_404_pages_language_link_stays_on_this_site(client):
    response = client.get("/", PATH_INFO="//evil.example/")
    assert response.status_code == 404
    hrefs = re.findall(r'href="([^"]*)"', response.content.decode())
    assert hrefs
    assert [href for href in hrefs if href.startswith("//")] == []
    # The language link keeps the (unknown) path, on this site.
    assert [href for href in hrefs if "evil.example" in href] == ["/evil.example/"]


def test_throttle_ignores_a_client_supplied_x_forwarded_for(client, settings):
    settings.API_ANON_RATE = "3/min"
    url = reverse("region-list")
    statuses = [
        client.get(url, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(6)
    ]
    assert statuses == [200, 200, 200, 429, 429, 429]


def test_behind_a_trusted_proxy_the_address_it_adds_counts(client, settings):
    settings.API_ANON_RATE = "2/min"
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    url = reverse("region-list")

    def get(forwarded_for: str) -> int:
        return client.get(url, HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    # The client varies what it sends; the proxy appends the real address last.
    assert [get(f"10.0.0.{n}, 198.51.100.7") for n in range(3)] == [200, 200, 429]
    assert get("198.51.100.8") == 200
