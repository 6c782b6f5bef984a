import pytest
from reversion.models import Version

from almen.editorial.history import history_record
from tests.goals.factories import PillarFactory

pytestmark = pytest.mark.django_db


def test_a_recorded_change_is_a_version_with_its_comment_and_user(admin_user):
    pillar = PillarFactory(title="Gamle titel")
    history_record(objects=[pillar], comment="Udgivet", user=admin_user)
    pillar.title = "Ny titel"
    pillar.save()
    history_record(objects=[pillar], comment="load_content")

    versions = Version.objects.get_for_object(pillar)  # newest first
    assert [v.revision.comment for v in versions] == ["load_content", "Udgivet"]
    assert [v.revision.user for v in versions] == [None, admin_user]
    assert [v.field_dict["title"] for v in versions] == ["Ny titel", "Gamle titel"]
