from django.urls import path

from almen.accounts import views

app_name = "accounts"

urlpatterns = [
    path("konto/invitation/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("min-organisation/brugere/", views.organisation_user_list, name="organisation-list"),
    path(
        "min-organisation/brugere/<slug:slug>/", views.organisation_users, name="organisation-users"
    ),
    path(
        "min-organisation/brugere/<slug:slug>/medlem/<int:membership_id>/rolle/",
        views.organisation_user_role,
        name="membership-role",
    ),
    path(
        "min-organisation/brugere/<slug:slug>/medlem/<int:membership_id>/fjern/",
        views.organisation_user_remove,
        name="membership-remove",
    ),
    path(
        "min-organisation/brugere/<slug:slug>/invitation/<int:invitation_id>/tilbagekald/",
        views.organisation_invitation_revoke,
        name="invitation-revoke",
    ),
]
