"""The desk's pages: the queues, search, one comment with its history, and the audit log."""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from forum.models import Comment, ModerationAction, Thread
from forum.moderation.alerts import slow_mode_alerts
from forum.moderation.forms import (
    LogFilterForm,
)
from forum.moderation.queues import (
    QUEUES,
    queue_queryset,
    search_queryset,
    with_context,
)
from forum.moderation.views.common import (
    BULK_QUEUES,
    ITEMS_PER_PAGE,
    LOG_PER_PAGE,
    desk_context,
    moderator_required,
    page_of,
    search_query,
    thread_filter_id,
)


@moderator_required
def desk(request, queue="pending"):
    """Show one queue of the desk (Pending by default) with the count of every queue."""
    comments = queue_queryset(queue)
    thread = None
    if (thread_id := thread_filter_id(request.GET)) is not None:
        thread = get_object_or_404(Thread, pk=thread_id)
        comments = comments.filter(thread=thread)
    page = page_of(request, comments, ITEMS_PER_PAGE)
    context = desk_context(
        request,
        queue=queue,
        queue_name=QUEUES[queue],
        bulk=queue in BULK_QUEUES,
        page_obj=page,
        queue_count=page.paginator.count,
        items=with_context(page.object_list),
        thread_filter=thread,
        page_param_prefix=f"thread={thread.pk}" if thread else "",
        slow_mode_alerts=slow_mode_alerts(),
    )
    return render(request, "forum/moderation/desk.html", context)


@moderator_required
def search(request):
    """Search every comment by text, author and thread title."""
    query = search_query(request.GET)
    page = page_of(request, search_queryset(query), ITEMS_PER_PAGE)
    context = desk_context(
        request,
        queue="search",
        queue_name=_("Search"),
        query=query,
        page_obj=page,
        queue_count=page.paginator.count,
        items=with_context(page.object_list),
        page_param_prefix=urlencode({"q": query}) if query else "",
    )
    return render(request, "forum/moderation/desk.html", context)


@moderator_required
def comment_detail(request, comment_id):
    """Show one comment with its context and its whole history."""
    return comment_page(request, comment_id)


def comment_page(request, comment_id, *, status=200, **extra):
    """Return the page of one comment; `extra` (a refused form's message and text) goes along."""
    comment = with_context(Comment.objects.filter(pk=comment_id))
    if not comment:
        raise Http404(_("No such comment."))
    comment = comment[0]
    context = desk_context(
        request,
        item=comment,
        revisions=comment.revisions.all(),
        reports=comment.reports.select_related("reporter", "resolved_by"),
        actions=comment.moderation_actions.select_related("actor"),
        replies=comment.replies.select_related("author")[:20],
        **extra,
    )
    return render(request, "forum/moderation/comment.html", context, status=status)


@moderator_required
def log(request):
    """Show the audit log, newest first, filterable by action, moderator, member and thread."""
    form = LogFilterForm(request.GET or None)
    entries = form.filter(
        ModerationAction.objects.select_related("actor", "member", "comment", "thread")
    )
    page = page_of(request, entries, LOG_PER_PAGE)
    params = request.GET.copy()
    params.pop("page", None)
    context = desk_context(
        request,
        filter_form=form,
        page_obj=page,
        entries=page.object_list,
        page_param_prefix=params.urlencode(),
    )
    return render(request, "forum/moderation/log.html", context)
