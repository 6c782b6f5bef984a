import html

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from goals.models import ActionItem, Case, Pillar, Programme, Theme
from goals.services import goals_content_load

pytestmark = pytest.mark.django_db


def _form_data(response) -> dict:
    """The data a browser would post back from an admin change form, inlines included."""
    data = {}

    def add(form, prefix=""):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None:
                continue
            if isinstance(value, list | tuple):
                value = [getattr(item, "pk", item) for item in value]
            elif hasattr(value, "pk"):
                value = value.pk
            elif isinstance(value, bool):
                if not value:
                    continue
                value = "on"
            data[f"{prefix}{name}"] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset.initial_forms:
            add(form, prefix=f"{form.prefix}-")
            data[f"{form.prefix}-id"] = form.instance.pk
    return data


def _page(client, url) -> str:
    return html.unescape(client.get(url).content.decode())


@pytest.mark.parametrize(
    "model",
    [
        "programme",
        "programmesection",
        "pillar",
        "actionitem",
        "case",
        "theme",
        "sustainabledevelopmentgoal",
    ],
)
def test_every_changelist_searches_and_filters(staff_client, loaded_goals, model):
    url = reverse(f"admin:goals_{model}_changelist")
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"q": "klima"}).status_code == 200


def test_changelists_filter_by_status(staff_client, loaded_goals):
    response = staff_client.get(
        reverse("admin:goals_actionitem_changelist"), {"pillar__programme__status": "draft"}
    )
    assert response.context["cl"].result_count == 0
    response = staff_client.get(reverse("admin:goals_actionitem_changelist"), {"q": "solceller"})
    assert response.context["cl"].result_count == 1


def test_editing_an_action_item_shows_on_the_page_at_once_and_survives_a_reload(
    anonymous_client, staff_client, loaded_goals
):
    page_url = reverse("goals:programme-detail", kwargs={"slug": "2024-2026"})
    assert "Sikre adgang til viden om grønne handlinger." in _page(
        anonymous_client, page_url
    )  # now cached
    action = ActionItem.objects.get(text="Sikre adgang til viden om grønne handlinger.")
    change_url = reverse("admin:goals_actionitem_change", args=[action.pk])
    data = _form_data(staff_client.get(change_url))
    data["text"] = "Sikre adgang til viden om grønne handlinger for alle beboere."

    response = staff_client.post(change_url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    page = _page(anonymous_client, page_url)
    assert "Sikre adgang til viden om grønne handlinger for alle beboere." in page
    assert "Sikre adgang til viden om grønne handlinger.<" not in page
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(ActionItem), object_id=str(action.pk)
    )
    assert entry.action_flag == CHANGE
    history = staff_client.get(reverse("admin:goals_actionitem_history", args=[action.pk]))
    assert history.status_code == 200

    assert "1 kept" in goals_content_load()
    action.refresh_from_db()
    assert action.text == "Sikre adgang til viden om grønne handlinger for alle beboere."


def test_reordering_action_items_inline_on_the_pillar(anonymous_client, staff_client, loaded_goals):
    pillar = Pillar.objects.get(slug="ambitioese-groenne-faellesskaber")
    page_url = pillar.get_absolute_url()
    anonymous_client.get(page_url)
    change_url = reverse("admin:goals_pillar_change", args=[pillar.pk])
    data = _form_data(staff_client.get(change_url))
    first, second, third = pillar.actions.order_by("order")
    for index in range(3):
        if data[f"actions-{index}-id"] == first.pk:
            data[f"actions-{index}-order"] = 5

    response = staff_client.post(change_url, data)

    assert response.status_code == 302
    assert [a.pk for a in pillar.actions.order_by("order")] == [second.pk, third.pk, first.pk]
    page = _page(anonymous_client, page_url)
    assert page.index(third.text) < page.index(first.text)
    goals_content_load()
    assert [a.pk for a in pillar.actions.order_by("order")] == [second.pk, third.pk, first.pk]


def test_changing_only_the_themes_of_a_pillar_survives_a_reload(staff_client, loaded_goals):
    pillar = Pillar.objects.get(slug="byer-i-balance")
    change_url = reverse("admin:goals_pillar_change", args=[pillar.pk])
    data = _form_data(staff_client.get(change_url))
    data["themes"] = [Theme.objects.get(slug="aeldre-og-seniorer").pk]
    assert staff_client.post(change_url, data).status_code == 302

    goals_content_load()

    assert [theme.slug for theme in pillar.themes.all()] == ["aeldre-og-seniorer"]


def test_unpublish_and_publish_actions(anonymous_client, staff_client, loaded_goals):
    programme = Programme.objects.get(slug="2022-2024")
    assert anonymous_client.get(programme.get_absolute_url()).status_code == 200
    changelist = reverse("admin:goals_programme_changelist")

    response = staff_client.post(
        changelist, {"action": "unpublish", "_selected_action": [programme.pk]}, follow=True
    )

    assert "1 program blev gjort til kladde." in html.unescape(response.content.decode())
    assert anonymous_client.get(programme.get_absolute_url()).status_code == 404
    preview = staff_client.get(programme.get_absolute_url())
    assert preview.status_code == 200 and "Kladde" in preview.content.decode()

    staff_client.post(changelist, {"action": "publish", "_selected_action": [programme.pk]})
    assert anonymous_client.get(programme.get_absolute_url()).status_code == 200
    assert "1 kept" in goals_content_load()
    assert Programme.objects.get(pk=programme.pk).status == "published"


def test_status_filter_and_view_on_site(staff_client, loaded_goals):
    response = staff_client.get(
        reverse("admin:goals_programme_changelist"), {"status__exact": "draft"}
    )
    assert response.context["cl"].result_count == 0
    programme = Programme.objects.get(slug="2026-2028")
    view_on_site = reverse(
        "admin:view_on_site",
        args=[ContentType.objects.get_for_model(Programme).pk, programme.pk],
    )
    assert staff_client.get(view_on_site)["Location"].endswith("/maal/2026-2028/")
    case = Case.objects.get(slug="rita-fra-grantoften")
    case_change = staff_client.get(reverse("admin:goals_case_change", args=[case.pk]))
    assert case_change.status_code == 200


def test_deleting_a_case_invalidates_the_page(anonymous_client, staff_client, loaded_goals):
    page_url = reverse("goals:programme-detail", kwargs={"slug": "2026-2028"})
    assert "Grundlovsdag i Rosenhøj" in _page(anonymous_client, page_url)
    case = Case.objects.get(slug="grundlovsdag-i-rosenhoej")
    response = staff_client.post(
        reverse("admin:goals_case_delete", args=[case.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert "Grundlovsdag i Rosenhøj" not in _page(anonymous_client, page_url)


def test_anonymous_users_cannot_reach_the_admin(anonymous_client, loaded_goals):
    response = anonymous_client.get(reverse("admin:goals_programme_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
