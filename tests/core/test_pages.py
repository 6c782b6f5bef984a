import pytest


@pytest.mark.django_db
def test_footer_and_about_page_lead_partners_to_the_api(client):
    html = client.get("/om-portalen/").content.decode()
    assert '<a href="/api-for-partnere/">API for partnere</a>' in html
    assert '<a href="/api-for-partnere/">Læs, hvordan partnere bruger API\'et</a>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading", "expected"),
    [
        (
            "/privatlivspolitik/",
            "Privatlivspolitik",
            [
                "dit navn og din e-mailadresse",
                "din kommune",
                "dit parti og din rolle",
                "hvilke webinarer du har tilmeldt dig",
                "hvilke e-mails vi har sendt dig",
                "artikel 6, stk. 1, litra f",
                "senest ét år efter invitationen",
                "almen@bl.dk",
                "Datatilsynet",
            ],
        ),
        (
            "/en/privatlivspolitik/",
            "Privacy policy",
            ["your name and email address", "Article 6(1)(f)", "How to be erased"],
        ),
        (
            "/tilgaengelighedserklaering/",
            "Tilgængelighedserklæring",
            [
                "Overholdelsesstatus",
                "delvist i overensstemmelse",
                "Ikke-tilgængeligt indhold",
                "Håndhævelsesprocedure",
                "was.digst.dk",
            ],
        ),
        (
            "/en/tilgaengelighedserklaering/",
            "Accessibility statement",
            ["Compliance status", "partially compliant", "Enforcement procedure"],
        ),
    ],
)
def test_privacy_notice_and_accessibility_statement(client, path, heading, expected):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    for text in expected:
        assert text in html, text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "privacy", "accessibility", "search"),
    [
        ("/om-portalen/", "Privatlivspolitik", "Tilgængelighedserklæring", "/maal/soeg/"),
        ("/en/om-portalen/", "Privacy policy", "Accessibility statement", "/en/maal/soeg/"),
    ],
)
def test_every_page_has_the_search_in_its_header_and_legal_links_in_its_footer(
    client, path, privacy, accessibility, search
):
    html = client.get(path).content.decode()
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert f'<form class="site-search" method="get" action="{search}" role="search"' in header
    assert 'name="q"' in header
    footer = html.split('<footer class="site-footer">', 1)[1]
    prefix = "/en" if path.startswith("/en/") else ""
    assert f'<a href="{prefix}/privatlivspolitik/">{privacy}</a>' in footer
    assert f'<a href="{prefix}/tilgaengelighedserklaering/">{accessibility}</a>' in footer


@pytest.mark.django_db
def test_municipality_search_form_has_an_address(client):
    html = client.get("/kommuner/").content.decode()
    assert 'action=""' not in html
    assert 'action="/kommuner/" role="search"' in html
