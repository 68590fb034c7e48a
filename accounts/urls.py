from django.urls import path

from accounts import views
from accounts.sso import views as sso_views

app_name = "accounts"

# allauth owns the rest of /accounts/ (included before these in forum/urls.py).
urlpatterns = [
    path("users/<str:username>/", views.profile, name="profile"),
    path("accounts/settings/", views.settings_view, name="settings"),
    path("accounts/tokens/", views.token_new, name="token_new"),
    path("accounts/tokens/<int:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("accounts/export/", views.export, name="export"),
    path("accounts/delete/", views.delete, name="delete"),
    # Sign-in with the newsroom's signed token, and its "user deleted" call (docs/integration.md).
    path("sso/token/", sso_views.token_sign_in, name="sso_token"),
    path("sso/deleted/", sso_views.account_deleted, name="sso_deleted"),
]
