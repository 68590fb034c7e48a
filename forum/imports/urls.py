from django.urls import path

from forum.imports import views

app_name = "imports"

urlpatterns = [
    path("accounts/imported-comments/", views.claim, name="claim"),
]
