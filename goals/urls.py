from django.urls import path

from goals import views

app_name = "goals"

urlpatterns = [
    path("", views.programme_list, name="programme-list"),
    path("temaer/", views.theme_list, name="theme-list"),
    path("temaer/<slug:slug>/", views.theme_detail, name="theme-detail"),
    path("soeg/", views.search, name="search"),
    path("<slug:slug>/", views.programme_detail, name="programme-detail"),
    path("<slug:programme_slug>/<slug:slug>/", views.pillar_detail, name="pillar-detail"),
]
