"""URLs of live updates: a thread's event stream and cards, the desk's event stream."""

from django.urls import path

from forum.live import views

app_name = "live"

urlpatterns = [
    path("threads/<int:thread_id>/events/", views.thread_events, name="thread_events"),
    path("threads/<int:thread_id>/live-cards/", views.thread_cards, name="thread_cards"),
    path("moderation/events/", views.desk_events, name="desk_events"),
]
