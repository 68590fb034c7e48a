"""URLs of the moderation desk (/moderation/) and of members' reports."""

from django.urls import path

from forum.moderation.views import comments, desk, imports, members, scoring, threads, words

app_name = "moderation"

urlpatterns = [
    path("moderation/", desk.desk, name="desk"),
    path("moderation/imports/", imports.imports, name="imports"),
    path("moderation/imports/<int:run_id>/", imports.import_progress, name="import_run"),
    path("moderation/export/", imports.export_download, name="export"),
    path("moderation/queue/<str:queue>/", desk.desk, name="queue"),
    path("moderation/search/", desk.search, name="search"),
    path("moderation/bulk/", comments.comments_bulk, name="bulk"),
    path("moderation/comments/<int:comment_id>/", desk.comment_detail, name="comment"),
    path(
        "moderation/comments/<int:comment_id>/approve/",
        comments.comment_approve,
        name="comment_approve",
    ),
    path(
        "moderation/comments/<int:comment_id>/reject/",
        comments.comment_reject,
        name="comment_reject",
    ),
    path(
        "moderation/comments/<int:comment_id>/restore/",
        comments.comment_restore,
        name="comment_restore",
    ),
    path(
        "moderation/comments/<int:comment_id>/feature/",
        comments.comment_feature,
        name="comment_feature",
    ),
    path(
        "moderation/comments/<int:comment_id>/unfeature/",
        comments.comment_unfeature,
        name="comment_unfeature",
    ),
    path(
        "moderation/comments/<int:comment_id>/dismiss-reports/",
        comments.reports_dismiss,
        name="reports_dismiss",
    ),
    path("moderation/threads/<int:thread_id>/", threads.thread_detail, name="thread"),
    path("moderation/threads/<int:thread_id>/close/", threads.thread_close, name="thread_close"),
    path("moderation/threads/<int:thread_id>/reopen/", threads.thread_reopen, name="thread_reopen"),
    path(
        "moderation/threads/<int:thread_id>/closing-time/",
        threads.thread_closing_time,
        name="thread_closing_time",
    ),
    path(
        "moderation/threads/<int:thread_id>/premoderation/",
        threads.thread_premoderation,
        name="thread_premoderation",
    ),
    path(
        "moderation/threads/<int:thread_id>/authors/",
        threads.thread_authors,
        name="thread_authors",
    ),
    path(
        "moderation/threads/<int:thread_id>/slow-mode/",
        threads.thread_slow_mode,
        name="thread_slow_mode",
    ),
    path("moderation/members/<str:username>/", members.member_detail, name="member"),
    path(
        "moderation/members/<str:username>/suspend/", members.member_suspend, name="member_suspend"
    ),
    path(
        "moderation/members/<str:username>/lift-suspension/",
        members.member_lift_suspension,
        name="member_lift_suspension",
    ),
    path("moderation/members/<str:username>/ban/", members.member_ban, name="member_ban"),
    path(
        "moderation/members/<str:username>/lift-ban/",
        members.member_lift_ban,
        name="member_lift_ban",
    ),
    path(
        "moderation/members/<str:username>/premoderate/",
        members.member_premoderate,
        name="member_premoderate",
    ),
    path(
        "moderation/members/<str:username>/lift-premoderation/",
        members.member_lift_premoderation,
        name="member_lift_premoderation",
    ),
    path("moderation/members/<str:username>/notes/", members.note_add, name="note_add"),
    path("moderation/members/<str:username>/trust/", members.member_trust, name="member_trust"),
    path("moderation/words/", words.words, name="words"),
    path("moderation/words/add/", words.word_add, name="word_add"),
    path("moderation/words/<int:rule_id>/remove/", words.word_remove, name="word_remove"),
    path("moderation/scoring/", scoring.scoring, name="scoring"),
    path("moderation/log/", desk.log, name="log"),
]
