from django.urls import path

from municipalities import views

app_name = "municipalities"

# <str:slug>, not <slug:slug>: "københavn" must reach the view to be redirected.
urlpatterns = [
    path("", views.municipality_list, name="municipality-list"),
    path("<str:slug>/", views.municipality_detail, name="municipality-detail"),
    path("<str:slug>/pdf/", views.municipality_pdf, name="municipality-pdf"),
]
