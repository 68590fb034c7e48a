"""URLs of the desk's integrations pages (/moderation/integrations/)."""

from django.urls import path

from forum.webhooks import views

app_name = "webhooks"

urlpatterns = [
    path("moderation/integrations/", views.integrations, name="integrations"),
    path("moderation/integrations/add/", views.endpoint_add, name="endpoint_add"),
    path("moderation/integrations/<int:endpoint_id>/", views.endpoint_detail, name="endpoint"),
    path(
        "moderation/integrations/<int:endpoint_id>/delete/",
        views.endpoint_delete,
        name="endpoint_delete",
    ),
    path(
        "moderation/integrations/<int:endpoint_id>/deliveries/",
        views.deliveries,
        name="deliveries",
    ),
]
