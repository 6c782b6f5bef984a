import pytest
from django.urls import reverse

from almen.core.cache import content_changed


@pytest.mark.django_db
def test_anonymous_pages_are_served_from_cache_until_content_changes(
    client, django_assert_num_queries
):
    url = reverse("municipalities:municipality-list")
    with django_assert_num_queries(2):
        first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content

    content_changed(area="municipalities")
    with django_assert_num_queries(2):
        client.get(url)


@pytest.mark.django_db
def test_signed_in_users_always_get_a_fresh_page(staff_client, django_assert_max_num_queries):
    url = reverse("municipalities:municipality-list")
    staff_client.get(url)
    with django_assert_max_num_queries(10) as captured:
        staff_client.get(url)
    assert len(captured.captured_queries) > 0
