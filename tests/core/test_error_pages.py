import pytest
from django.template.loader import render_to_string


@pytest.mark.django_db
def test_unknown_page_gives_a_danish_404_inside_the_portal_layout(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Siden findes ikke</h1>" in html
    assert "Gå til forsiden" in html
    assert 'class="skip-link"' in html


@pytest.mark.django_db
def test_unknown_english_page_gives_the_404_in_english(client):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_server_error_page_renders_without_a_request_or_database():
    # No django_db mark: pytest-django fails the test if rendering touches the database.
    html = render_to_string("500.html")
    assert "<h1>Der opstod en fejl</h1>" in html
    assert '<html lang="da">' in html
