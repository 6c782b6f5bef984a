import pytest
from django.core.management import call_command
from django.utils import translation

from tests.api.factories import partner_key_create, staff_key_create


@pytest.fixture
def partner_key(db) -> str:
    return partner_key_create()


@pytest.fixture
def staff_key(staff_user) -> str:
    return staff_key_create(user=staff_user)


@pytest.fixture
def loaded_content(db):
    """All published content, as ``manage.py load_content`` loads it from content/."""
    call_command("load_content", verbosity=0)


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """API requests follow Accept-Language; leave no language active for later tests."""
    yield
    translation.deactivate()
