from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("users/<str:username>/", views.profile, name="profile"),
]
