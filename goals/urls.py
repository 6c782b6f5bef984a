from django.urls import path

from goals import local_goal_views, views

app_name = "goals"

urlpatterns = [
    path("", views.programme_list, name="programme-list"),
    path("temaer/", views.theme_list, name="theme-list"),
    path("temaer/<slug:slug>/", views.theme_detail, name="theme-detail"),
    path("soeg/", views.search, name="search"),
    # Local goals of the housing organisations (before the programme slugs they look like).
    path("lokale-maal/", local_goal_views.overview, name="local-goal-list"),
    path("lokale-maal/lokale-maal.csv", local_goal_views.overview_csv, name="local-goal-csv"),
    path("lokale-maal/lokale-maal.xlsx", local_goal_views.overview_xlsx, name="local-goal-xlsx"),
    path("lokale-maal/<int:pk>/", local_goal_views.detail, name="local-goal-detail"),
    path("lokale-maal/<int:pk>/skjul/", local_goal_views.goal_hide, name="local-goal-hide"),
    path(
        "lokale-maal/opdateringer/<int:pk>/bilag/",
        local_goal_views.attachment,
        name="progress-update-attachment",
    ),
    path(
        "lokale-maal/opdateringer/<int:pk>/skjul/",
        local_goal_views.update_hide,
        name="progress-update-hide",
    ),
    path("<slug:slug>/", views.programme_detail, name="programme-detail"),
    path("<slug:programme_slug>/<slug:slug>/", views.pillar_detail, name="pillar-detail"),
    path(
        "<slug:programme_slug>/<slug:pillar_slug>/handling-<int:pk>/",
        local_goal_views.action_item_detail,
        name="action-detail",
    ),
]
