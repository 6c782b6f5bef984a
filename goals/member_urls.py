from django.urls import path

from goals import member_views as views

app_name = "members"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:organisation_slug>/nyt-maal/", views.goal_create, name="goal-create"),
    path("maal/<int:pk>/", views.goal_manage, name="goal-manage"),
    path("maal/<int:pk>/rediger/", views.goal_edit, name="goal-edit"),
    path("maal/<int:pk>/offentliggoer/", views.goal_publish, name="goal-publish"),
    path("maal/<int:pk>/slet/", views.goal_delete, name="goal-delete"),
    path("maal/<int:pk>/opdatering/", views.update_create, name="update-create"),
    path("opdateringer/<int:pk>/rediger/", views.update_edit, name="update-edit"),
    path("afmeld/<str:token>/", views.digest_unsubscribe, name="digest-unsubscribe"),
]
