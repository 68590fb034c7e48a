"""What the desk reads: its queues and their counts, search, and the context beside each item."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forum.comments import reasons, trust
from forum.models import Comment, Report

QUEUES = {
    "pending": _("Pending"),
    "reported": pgettext_lazy("desk queue", "Reported"),
    "rejected": pgettext_lazy("desk queue", "Rejected"),
    "featured": pgettext_lazy("desk queue", "Featured"),
}


def queue_counts():
    """Return the number of comments in each queue, in one query."""
    published = Q(status=Comment.Status.PUBLISHED)
    return Comment.objects.aggregate(
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        reported=Count("pk", filter=published & Q(open_report_count__gt=0)),
        rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
        featured=Count("pk", filter=published & Q(is_featured=True)),
    )


def queue_queryset(queue):
    comments = Comment.objects.all()
    if queue == "pending":
        return comments.filter(status=Comment.Status.PENDING).order_by("created_at", "pk")
    if queue == "reported":
        return comments.filter(status=Comment.Status.PUBLISHED, open_report_count__gt=0).order_by(
            "-open_report_count", "created_at", "pk"
        )
    if queue == "rejected":
        return comments.filter(status=Comment.Status.REJECTED).order_by("-moderated_at", "-pk")
    if queue == "featured":
        return comments.filter(status=Comment.Status.PUBLISHED, is_featured=True).order_by(
            "-featured_at", "-pk"
        )
    raise Http404(_("No such queue."))


def search_queryset(query):
    query = query.strip()
    if not query:
        return Comment.objects.none()
    return Comment.objects.filter(
        Q(body__icontains=query)
        | Q(author__username__icontains=query)
        | Q(author__display_name__icontains=query)
        | Q(thread__title__icontains=query)
    ).order_by("-created_at", "-pk")


def with_context(comments):
    """Return the comments as a list, each with what the desk shows beside it.

    A constant number of queries for any number of comments: the comments with their
    author, thread, parent and moderator; their open reports; the authors' history.
    """
    comments = list(
        comments.select_related(
            "author", "thread", "parent__author", "moderated_by"
        ).prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(resolved_at__isnull=True).select_related("reporter"),
                to_attr="open_reports",
            )
        )
    )
    author_ids = {c.author_id for c in comments if c.author_id}
    stats = {}
    if author_ids:
        rows = (
            Comment.objects.filter(author_id__in=author_ids)
            .values("author_id")
            .annotate(
                rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
                pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
                **trust.history_counts(),
            )
        )
        stats = {row["author_id"]: row for row in rows}
    for comment in comments:
        comment.author_stats = stats.get(comment.author_id, {})
        # The author's trust level, from the same query as their counts.
        if comment.author is not None:
            found = comment.author_stats
            history = trust.History(found.get("published", 0), found.get("strikes", 0))
            comment.author_standing = trust.standing(comment.author, history)
        comment.rejection_label = reasons.rejection_reason_label(comment.rejection_reason)
    return comments
