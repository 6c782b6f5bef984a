"""Admin in BL's words: a BL editor walks every admin page in Danish and meets no English
from the project's own code (Django's and the libraries' own texts are theirs to translate)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize
from django.utils.functional import Promise

from almen.accounts.roles import (
    APPROVERS_GROUP,
    CAMPAIGN_STAFF_GROUP,
    CONTENT_EDITORS_GROUP,
    staff_groups_ensure,
)
from almen.core.text import text_shorten
from goals.services import goals_content_load
from municipalities.services import municipalities_content_load
from tests.conftest import with_authenticator
from tests.core.admin_walk import admin_pages, english_on_page, project_english, read_texts

PROJECT_APPS = ("goals", "municipalities", "campaigns", "core", "accounts", "editorial")
# Fields nobody sees in admin (not editable, never listed).
HIDDEN_FIELDS = {"id", "loaded_hash", "token_hash", "hashed_key", "content"}


@pytest.fixture
def demo_content(db, settings):
    """All content as load_content loads it, and the demo's organisations, local goals and
    councillors, so every admin list has rows and every change form an object."""
    call_command("load_content", verbosity=0)
    from django.utils.module_loading import import_string

    for dotted_path in settings.DEMO_DATA_BUILDERS:
        import_string(dotted_path)()


@pytest.fixture
def loaded_goals(db):
    goals_content_load()


def _editor(group_name: str):
    user = get_user_model().objects.create_user(
        username=group_name, email=f"{group_name.lower()}@bl.dk", password="pw", is_staff=True
    )
    user.groups.add(staff_groups_ensure()[group_name])
    return with_authenticator(user)


@pytest.mark.parametrize(
    ("group_name", "expected", "at_least"),
    [
        (
            CONTENT_EDITORS_GROUP,
            {"/admin/goals/pillar/", "/admin/municipalities/observation/"},
            30,
        ),
        (CAMPAIGN_STAFF_GROUP, {"/admin/campaigns/campaign/", "/admin/campaigns/recipient/"}, 15),
        (
            APPROVERS_GROUP,
            {"/admin/editorial/approvalrule/", "/admin/editorial/approvalrule/add/"},
            4,
        ),
    ],
)
def test_every_admin_page_of_an_editor_is_danish(demo_content, group_name, expected, at_least):
    user = _editor(group_name)
    client = Client(HTTP_ACCEPT_LANGUAGE="da")
    client.force_login(user)
    english = project_english()
    pages = admin_pages(user)
    assert expected <= set(pages)
    assert len(pages) >= at_least
    found = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="da"' in html, url
        untranslated = english_on_page(html, english)
        if untranslated:
            found[url] = sorted(untranslated)
    assert found == {}, "\n".join(f"{url}: {texts}" for url, texts in found.items())


def test_every_admin_page_of_accounts_and_api_keys_is_danish(demo_content, admin_user):
    """The project's own admin pages only superusers open (API keys, the audit log,
    invitations and memberships)."""
    from almen.core.api.keys import api_key_create

    api_key_create(name="Kommunernes Landsforening", organisation="KL", user=None)
    client = Client(HTTP_ACCEPT_LANGUAGE="da")
    client.force_login(admin_user)
    client.get(reverse("admin:index"))  # a sign-in row in the audit log
    english = project_english()
    pages = admin_pages(admin_user, app_labels=("core", "accounts", "editorial"))
    assert "/admin/core/apikey/" in pages
    found = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        untranslated = english_on_page(response.content.decode(), english)
        if untranslated:
            found[url] = sorted(untranslated)
    assert found == {}, "\n".join(f"{url}: {texts}" for url, texts in found.items())


def test_the_walk_finds_an_untranslated_label():
    english = project_english()
    assert "Pillars and action items" in english_on_page(
        "<th><a>Pillars and action items</a></th>", english
    )
    assert english_on_page('<a title="Import figures">x</a>', english) == {"Import figures"}
    assert english_on_page("<p>Søjler og handlinger</p>", english) == set()
    assert english_on_page("<p>Drag the rows to change their order.</p>", english) == {
        "(not in a catalogue) Drag the rows to change their order."
    }
    assert read_texts('<input type="submit" value="Gem">') == ["Gem"]


def _field_texts():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            if (field.auto_created and not field.concrete) or isinstance(field, GenericForeignKey):
                continue
            if field.name in HIDDEN_FIELDS:
                continue
            yield f"{model._meta.label}.{field.name}", field.verbose_name
            if field.help_text:
                yield f"{model._meta.label}.{field.name} (help)", field.help_text
            for value, label in getattr(field, "flatchoices", None) or []:
                yield f"{model._meta.label}.{field.name}={value}", label


# Texts that are the same in both languages (or Danish already in the source).
SAME_IN_BOTH = {
    "status", "webinar", "link", "session", "organisation", "region", "pct.", "mio. kr.",
    "Message-ID", "kommuneark", "invitation",
}  # fmt: skip


def _danish(text) -> bool:
    if not isinstance(text, Promise):
        return False
    with translation.override("en"):
        english = str(text)
    with translation.override("da"):
        danish = str(text)
    return danish != english or english in SAME_IN_BOTH


def test_every_field_label_help_text_and_choice_is_translated():
    untranslated = [name for name, text in _field_texts() if not _danish(text)]
    assert untranslated == [], "\n".join(untranslated)


def test_every_admin_column_and_action_has_a_danish_description():
    missing = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for name in model_admin.list_display:
            label = (
                model._meta.verbose_name
                if name == "__str__"
                else label_for_field(name, model, model_admin)
            )
            if not _danish(label):
                missing.append(f"{model._meta.label} column {name}")
        for action in getattr(model_admin, "actions", None) or ():
            if not isinstance(action, str) or not hasattr(model_admin, action):
                continue
            if not _danish(getattr(model_admin, action).short_description):
                missing.append(f"{model._meta.label} action {action}")
    assert missing == [], "\n".join(missing)


def test_admin_lists_show_danish_numbers_and_times(staff_client, time_machine):
    time_machine.move_to(datetime(2026, 3, 10, 12, 5, tzinfo=ZoneInfo("Europe/Copenhagen")))
    municipalities_content_load()
    response = staff_client.get(
        reverse("admin:municipalities_observation_changelist"),
        {"q": "dwellings_family"},
    )
    page = response.content.decode()
    assert '<td class="field-value_shown">3.372</td>' in page
    assert '<td class="field-value_shown">6.355</td>' in page
    assert '<td class="field-updated_at nowrap">10.03.2026 12:05</td>' in page


def test_list_texts_are_cut_on_a_word_boundary():
    text = (
        "styrke opmærksomhed på sundhed og trivsel i alle boligområder – også uden for "
        "helhedsplanerne"
    )
    assert text_shorten(text) == (
        "styrke opmærksomhed på sundhed og trivsel i alle boligområder – også uden for…"
    )
    assert text_shorten("kort tekst") == "kort tekst"
    assert text_shorten("a" * 100, 10) == "a" * 9 + "…"


def test_every_action_item_in_the_admin_list_ends_on_a_whole_word(staff_client, loaded_goals):
    response = staff_client.get(reverse("admin:goals_actionitem_changelist"), {"all": ""})
    for action in response.context["cl"].result_list:
        shown = str(action)
        if shown != action.text:
            assert shown.endswith("…")
            rest = action.text[len(shown) - 1 :]
            assert rest[:1] in (" ", ",", ";", ":", "–", "-"), shown


def test_the_pillar_chooser_names_its_programme(staff_client, loaded_goals):
    page = staff_client.get(reverse("admin:goals_actionitem_add")).content.decode()
    assert (
        ">Almene Mål 2026–2028 · Pejlemærke 1: En ny samfundskontrakt – frihed med ansvar</option>"
        in page
    )
    assert ">Almene Mål 2024–2026 · Målsætning 1: Robuste by- og boligfællesskaber</option>" in page
    case = staff_client.get(reverse("admin:goals_case_add")).content.decode()
    assert ">Almene Mål 2024–2026 · Målsætning 1: Robuste by- og boligfællesskaber</option>" in case


def test_a_date_reads_10_03_2026_in_danish_and_stays_english_in_english():
    with translation.override("da"):
        assert localize(date(2026, 3, 10)) == "10.03.2026"
    with translation.override("en"):
        assert localize(date(2026, 3, 10)) == "March 10, 2026"
