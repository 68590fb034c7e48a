"""A thread's moderation page and its settings: close, reopen, closing time, pre-moderation,
slow mode, the article's authors."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from forum.comments import slowmode
from forum.errors import ModerationError
from forum.models import Comment, Thread
from forum.moderation import services
from forum.moderation.forms import (
    ClosingTimeForm,
)
from forum.moderation.views.common import (
    desk_context,
    moderator_required,
    post_action,
    simple_action,
)


@moderator_required
def thread_detail(request, thread_id):
    """Show a thread's moderation settings and recent history."""
    return _thread_page(request, get_object_or_404(Thread, pk=thread_id))


def _thread_page(request, thread, *, authors=None, status=200):
    """Render the thread's moderation page; `authors` is what the authors' field shows."""
    if authors is None:
        authors = ", ".join(thread.authors.order_by("username").values_list("username", flat=True))
    stats = thread.comments.aggregate(
        published=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
        reported=Count("pk", filter=Q(status=Comment.Status.PUBLISHED, open_report_count__gt=0)),
    )
    context = desk_context(
        request,
        thread=thread,
        stats=stats,
        closing_form=ClosingTimeForm(initial={"closes_at": thread.closes_at}),
        slow_mode=slowmode.current(thread.pk),
        heat=slowmode.heat(thread.pk),
        actions=thread.moderation_actions.select_related("actor", "member")[:30],
        authors=authors,
    )
    return render(request, "forum/moderation/thread.html", context, status=status)


def _thread_action(request, thread_id, *, service, success, **details):
    thread = get_object_or_404(Thread, pk=thread_id)
    return simple_action(
        request,
        lambda: service(thread=thread, moderator=request.user, **details),
        success,
        reverse("moderation:thread", args=[thread.pk]),
    )


thread_close = post_action(
    _thread_action,
    "thread_close",
    service=services.thread_close,
    success=_("Closed: no new comments can be posted in this discussion."),
)
thread_reopen = post_action(
    _thread_action,
    "thread_reopen",
    service=services.thread_reopen,
    success=_("Reopened: members can comment again."),
)


@require_POST
@moderator_required
def thread_closing_time(request, thread_id):
    thread = get_object_or_404(Thread, pk=thread_id)
    form = ClosingTimeForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["closes_at"][0])
        return redirect("moderation:thread", thread.pk)
    closes_at = form.cleaned_data["closes_at"]
    return _thread_action(
        request,
        thread_id,
        service=services.thread_set_closing_time,
        success=_("Closing time saved.") if closes_at else _("Closing time removed."),
        closes_at=closes_at,
    )


@require_POST
@moderator_required
def thread_premoderation(request, thread_id):
    premoderate = request.POST.get("premoderate") == "on"
    return _thread_action(
        request,
        thread_id,
        service=services.thread_set_premoderation,
        success=_("Every new comment in this discussion now waits for approval.")
        if premoderate
        else _("Comments in this discussion follow the usual rules again."),
        premoderate=premoderate,
    )


@require_POST
@moderator_required
def thread_slow_mode(request, thread_id):
    """Start slow mode for the minutes posted, or end it ("end")."""
    if request.POST.get("slow_mode") == "end":
        return _thread_action(
            request,
            thread_id,
            service=services.thread_slow_mode_end,
            success=_("Slow mode ended: members can post at their usual pace."),
        )
    raw = request.POST.get("minutes", "")
    minutes = int(raw) if raw.isascii() and raw.isdigit() else 0
    return _thread_action(
        request,
        thread_id,
        service=services.thread_slow_mode_start,
        success=ngettext(
            "Slow mode on for %(count)d minute.", "Slow mode on for %(count)d minutes.", minutes
        )
        % {"count": minutes},
        minutes=minutes,
    )


@require_POST
@moderator_required
def thread_authors(request, thread_id):
    """Name the accounts of the article's authors: usernames separated by commas."""
    thread = get_object_or_404(Thread, pk=thread_id)
    typed = request.POST.get("authors", "")[:1000]
    usernames = [name.strip() for name in typed.split(",")]
    try:
        services.thread_set_authors(thread=thread, moderator=request.user, usernames=usernames)
    except ModerationError as error:
        messages.error(request, str(error))
        return _thread_page(request, thread, authors=typed, status=400)  # what was typed stays
    saved = _("The article's authors are saved: slow mode does not apply to them.")
    messages.success(request, saved)
    return redirect("moderation:thread", thread.pk)
