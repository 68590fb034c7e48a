from django.urls import path

from accounts import views

app_name = "accounts"

# allauth owns the rest of /accounts/ (included before these in forum/urls.py).
urlpatterns = [
    path("users/<str:username>/", views.profile, name="profile"),
    path("accounts/settings/", views.settings_view, name="settings"),
    path("accounts/export/", views.export, name="export"),
    path("accounts/delete/", views.delete, name="delete"),
]
