from django.urls import path

from campaigns import public_views

app_name = "campaign_pages"

urlpatterns = [
    path("", public_views.campaign_list, name="campaign-list"),
    path("<slug:slug>/", public_views.campaign_detail, name="campaign-detail"),
]
