from django.urls import path

from municipalities import views

app_name = "municipalities"

urlpatterns = [
    path("", views.municipality_list, name="municipality-list"),
]
