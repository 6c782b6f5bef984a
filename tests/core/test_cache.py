import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from almen.core.cache import content_changed


@pytest.mark.django_db
def test_anonymous_pages_are_served_from_cache_until_content_changes(
    client, django_assert_num_queries
):
    url = reverse("municipalities:municipality-list")
    with CaptureQueriesContext(connection) as cold:
        first = client.get(url)
    assert first.status_code == 200
    assert len(cold) > 0
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content

    content_changed(area="municipalities")
    with django_assert_num_queries(len(cold)):
        client.get(url)


@pytest.mark.django_db
def test_signed_in_users_always_get_a_fresh_page(staff_client, django_assert_max_num_queries):
    url = reverse("municipalities:municipality-list")
    staff_client.get(url)
    with django_assert_max_num_queries(10) as captured:
        staff_client.get(url)
    assert len(captured.captured_queries) > 0
