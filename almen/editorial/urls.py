from django.urls import path

from almen.editorial import views

app_name = "editorial"

urlpatterns = [
    path("<str:token>/", views.preview, name="preview"),
]
