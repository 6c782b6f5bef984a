from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("<str:token>/", views.pack, name="pack"),
    path("<str:token>/tilmeld/<slug:session_key>/", views.register, name="register"),
    path("<str:token>/afmeld-webinar/<slug:session_key>/", views.cancel, name="cancel"),
    path("<str:token>/afmeld/", views.unsubscribe, name="unsubscribe"),
    path("<str:token>/tilmeld-mails/", views.resubscribe, name="resubscribe"),
    path("<str:token>/pdf/", views.pack_pdf_view, name="pack-pdf"),
    path("<str:token>/<slug:session_key>.ics", views.session_ics_view, name="session-ics"),
]
