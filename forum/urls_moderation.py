"""URLs of the moderation desk (/moderation/) and of members' reports."""

from django.urls import path

from forum import views_moderation as views

app_name = "moderation"

urlpatterns = [
    path("comments/<int:comment_id>/report/", views.comment_report, name="comment_report"),
    path("moderation/", views.desk, name="desk"),
    path("moderation/queue/<str:queue>/", views.desk, name="queue"),
    path("moderation/search/", views.search, name="search"),
    path("moderation/bulk/", views.comments_bulk, name="bulk"),
    path("moderation/comments/<int:comment_id>/", views.comment_detail, name="comment"),
    path(
        "moderation/comments/<int:comment_id>/approve/",
        views.comment_approve,
        name="comment_approve",
    ),
    path(
        "moderation/comments/<int:comment_id>/reject/", views.comment_reject, name="comment_reject"
    ),
    path(
        "moderation/comments/<int:comment_id>/restore/",
        views.comment_restore,
        name="comment_restore",
    ),
    path(
        "moderation/comments/<int:comment_id>/feature/",
        views.comment_feature,
        name="comment_feature",
    ),
    path(
        "moderation/comments/<int:comment_id>/unfeature/",
        views.comment_unfeature,
        name="comment_unfeature",
    ),
    path(
        "moderation/comments/<int:comment_id>/dismiss-reports/",
        views.reports_dismiss,
        name="reports_dismiss",
    ),
    path("moderation/threads/<int:thread_id>/", views.thread_detail, name="thread"),
    path("moderation/threads/<int:thread_id>/close/", views.thread_close, name="thread_close"),
    path("moderation/threads/<int:thread_id>/reopen/", views.thread_reopen, name="thread_reopen"),
    path(
        "moderation/threads/<int:thread_id>/closing-time/",
        views.thread_closing_time,
        name="thread_closing_time",
    ),
    path(
        "moderation/threads/<int:thread_id>/premoderation/",
        views.thread_premoderation,
        name="thread_premoderation",
    ),
    path("moderation/members/<str:username>/", views.member_detail, name="member"),
    path("moderation/members/<str:username>/suspend/", views.member_suspend, name="member_suspend"),
    path(
        "moderation/members/<str:username>/lift-suspension/",
        views.member_lift_suspension,
        name="member_lift_suspension",
    ),
    path("moderation/members/<str:username>/ban/", views.member_ban, name="member_ban"),
    path(
        "moderation/members/<str:username>/lift-ban/",
        views.member_lift_ban,
        name="member_lift_ban",
    ),
    path(
        "moderation/members/<str:username>/premoderate/",
        views.member_premoderate,
        name="member_premoderate",
    ),
    path(
        "moderation/members/<str:username>/lift-premoderation/",
        views.member_lift_premoderation,
        name="member_lift_premoderation",
    ),
    path("moderation/members/<str:username>/notes/", views.note_add, name="note_add"),
    path("moderation/words/", views.words, name="words"),
    path("moderation/words/add/", views.word_add, name="word_add"),
    path("moderation/words/<int:rule_id>/remove/", views.word_remove, name="word_remove"),
    path("moderation/log/", views.log, name="log"),
]
