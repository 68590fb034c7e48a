"""What every desk view shares: the moderator check, the desk context, answers to actions."""

from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum import results
from forum.comments import reasons
from forum.errors import ModerationError
from forum.models import Comment
from forum.moderation.forms import (
    RejectForm,
)
from forum.moderation.queues import (
    QUEUES,
    queue_counts,
    queue_queryset,
    search_queryset,
    with_context,
)
from forum.roles import is_moderator

ITEMS_PER_PAGE = 25

LOG_PER_PAGE = 50

# The queues whose items can be selected and decided together.
BULK_QUEUES = ("pending", "reported")

# Where the result of an action on a comment shows after a redirect (moderation/base.html).
RESULT_ANCHOR = "desk-result"


def moderator_required(view):
    """Send anonymous visitors to sign in and refuse (403) everyone who isn't a moderator."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_moderator(request.user):
            raise PermissionDenied(_("The moderation desk is for moderators only."))
        return view(request, *args, **kwargs)

    return wrapped


def thread_filter_id(params):
    """Return the thread id a desk queue is narrowed to (?thread=ID), or None."""
    raw = params.get("thread", "")
    return int(raw) if raw.isascii() and raw.isdigit() else None


def search_query(params):
    return params.get("q", "").strip()[:200]


def queue_shown_at(url):
    """Return the queue a desk page URL shows and the comments it lists, or (None, None)."""
    parts = urlsplit(url or "")
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None, None
    params = QueryDict(parts.query)
    if match.view_name == "moderation:search":
        return "search", search_queryset(search_query(params))
    queue = match.kwargs.get("queue", "pending")
    if match.view_name not in ("moderation:desk", "moderation:queue") or queue not in QUEUES:
        return None, None
    comments = queue_queryset(queue)
    if (thread_id := thread_filter_id(params)) is not None:
        comments = comments.filter(thread_id=thread_id)
    return queue, comments


def desk_item(comment_id):
    return with_context(Comment.objects.filter(pk=comment_id))[0]


def desk_context(request, **extra):
    return {
        "counts": queue_counts(),
        "reject_form": RejectForm(),
        "rejection_reasons": reasons.RejectionReason.choices,
        "next_url": request.get_full_path(),
        **extra,
    }


def page_of(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def back(request, default, *, anchor=""):
    """Redirect to the local `next` URL or `default`, at `anchor` when one is given."""
    target = request.POST.get("next") or request.GET.get("next")
    if not (
        target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        target = default
    if anchor:
        target = f"{target.split('#')[0]}#{anchor}"
    return redirect(target)


def item_response(request, comment_id, *, message="", level="success", **extra):
    """Answer an action on a comment: the updated item (htmx) or a redirect with a message."""
    if request.htmx:
        next_url = request.POST.get("next", "")
        # The item is answered for the page it sits on: that page's heading count and
        # its bulk checkboxes come back with it.
        queue, comments = queue_shown_at(next_url)
        context = desk_context(
            request,
            item=desk_item(comment_id),
            item_message=message,
            item_message_level=level,
            next_url=next_url,
            queue=queue,
            queue_name=QUEUES.get(queue, ""),
            queue_count=comments.count() if comments is not None else None,
            bulk=queue in BULK_QUEUES,
            **extra,
        )
        return render(request, "forum/moderation/desk.html#item_response", context)
    results.add(request, getattr(messages, level.upper()), message, at=RESULT_ANCHOR)
    return back(request, reverse("moderation:comment", args=[comment_id]), anchor=RESULT_ANCHOR)


def simple_action(request, action, success, default_url):
    try:
        action()
    except ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return back(request, default_url)


def post_action(respond, name, **options):
    """Return the moderators-only POST view `name` that `respond(request, **options)` answers."""

    def view(request, **url_kwargs):
        return respond(request, **url_kwargs, **options)

    # urls.py and tracebacks know the view by its own name, not by this factory's.
    view.__name__ = view.__qualname__ = name
    view.__module__ = respond.__module__
    return require_POST(moderator_required(view))
