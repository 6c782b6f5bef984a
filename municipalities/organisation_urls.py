from django.urls import path

from municipalities import organisation_views as views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list_view, name="organisation-list"),
    path("<slug:slug>/", views.organisation_detail_view, name="organisation-detail"),
]
