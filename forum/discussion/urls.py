"""URLs of the discussion: comments, replies, votes, follows, previews, unsubscribe links."""

from django.urls import path

from forum.discussion import unsubscribe, views

app_name = "forum"

urlpatterns = [
    path("markdown/preview/", views.markdown_preview, name="markdown_preview"),
    path("threads/<int:thread_id>/comments/", views.comment_post, name="comment_post"),
    path("threads/<int:thread_id>/follow/", views.thread_follow, name="thread_follow"),
    path(
        "threads/<int:thread_id>/replies/<int:comment_id>/",
        views.thread_replies,
        name="thread_replies",
    ),
    path("comments/<int:comment_id>/", views.comment_permalink, name="comment"),
    path("comments/<int:comment_id>/reply/", views.comment_reply, name="comment_reply"),
    path("comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:comment_id>/vote/", views.comment_vote, name="comment_vote"),
    path("comments/<int:comment_id>/report/", views.comment_report, name="comment_report"),
    path("unsubscribe/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
]
