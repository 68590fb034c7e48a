"""URLs of the DSA: notices, statements and appeals, the desk's queues, /transparency/."""

from django.urls import path

from forum.notices.views import desk, public, report

app_name = "notices"

urlpatterns = [
    path("comments/<int:comment_id>/notice/", public.notice_comment, name="notice_comment"),
    path("threads/<int:thread_id>/notice/", public.notice_thread, name="notice_thread"),
    path("notices/<str:reference>/<str:key>/", public.notice_status, name="status"),
    path("statements/<str:reference>/", public.statement, name="statement"),
    path("statements/<str:reference>/appeal/", public.statement_appeal, name="statement_appeal"),
    path("transparency/", report.transparency_page, name="transparency"),
    path("transparency/report.csv", report.transparency_csv, name="transparency_csv"),
    path("moderation/notices/", desk.notices_queue, name="queue"),
    path(
        "moderation/notices/comments/<int:comment_id>/",
        desk.decide_comment,
        name="decide_comment",
    ),
    path("moderation/notices/<int:notice_id>/", desk.decide_notice, name="decide_notice"),
    path(
        "moderation/notices/<int:notice_id>/suspend-notifier/",
        desk.notifier_suspend,
        name="notifier_suspend",
    ),
    path("moderation/appeals/", desk.appeals_queue, name="appeals"),
    path("moderation/appeals/<int:appeal_id>/", desk.appeal_detail, name="appeal"),
    path("moderation/flaggers/", desk.flaggers_list, name="flaggers"),
    path(
        "moderation/flaggers/<int:flagger_id>/remove/", desk.flagger_remove, name="flagger_remove"
    ),
    path("moderation/statements.jsonl", desk.statements_export, name="statements_export"),
]
