"""The forum's parts of the accounts app: profile comments, data export, account deletion."""

from django.core.paginator import Paginator

from accounts import data_export
from accounts.profile_sections import register_profile_section
from accounts.signals import account_deleting
from forum.discussion.services import member_comments_handle_deletion
from forum.models import Comment, Follow, Report, Vote
from forum.notices import retention

PROFILE_COMMENTS_PER_PAGE = 20


def profile_comments_context(member, request):
    """Return a page of the member's comments: published ones, and their held ones to them only."""
    comments = (
        Comment.objects.visible_to(request.user)
        .on_visible_threads()
        .filter(author=member)
        .select_related("thread")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(comments, PROFILE_COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return {"comments_page": page}


def export_comments(user):
    return [
        {
            "id": c.pk,
            "thread": c.thread.title,
            "url": c.thread.url,
            "parent_id": c.parent_id,
            "status": c.status,
            "body": c.body,
            "created_at": c.created_at,
            "edited_at": c.edited_at,
            "score": c.score,
            "previous_versions": [
                {"body": r.body, "written_at": r.created_at} for r in c.revisions.all()
            ],
        }
        for c in Comment.objects.filter(author=user)
        .select_related("thread")
        .prefetch_related("revisions")
    ]


def export_votes(user):
    return [
        {"comment_id": v.comment_id, "created_at": v.created_at}
        for v in Vote.objects.filter(voter=user)
    ]


def export_follows(user):
    return [
        {"thread": f.thread.title, "url": f.thread.url, "since": f.created_at}
        for f in Follow.objects.filter(member=user).select_related("thread")
        if f.thread.is_visible
    ]


def export_reports(user):
    return [
        {
            "comment_id": r.comment_id,
            "reason": r.reason,
            "note": r.note,
            "created_at": r.created_at,
        }
        for r in Report.objects.filter(reporter=user)
    ]


def on_account_deleting(sender, user, remove_comments, **kwargs):
    member_comments_handle_deletion(member=user, remove_comments=remove_comments)
    retention.member_forget(member=user)


def connect():
    """Plug the forum into the accounts app's profile, export and deletion hooks."""
    register_profile_section("forum/_profile_comments.html", profile_comments_context)
    data_export.register("comments", export_comments)
    data_export.register("votes", export_votes)
    data_export.register("follows", export_follows)
    data_export.register("reports", export_reports)
    account_deleting.connect(on_account_deleting, dispatch_uid="forum.account_deleting")
