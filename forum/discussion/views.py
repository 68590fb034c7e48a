"""Views of the discussion. Each write: POST, CSRF, a permission check, and a service call."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from forum import limits, refusals, results
from forum.comments import reasons, slowmode, transitions
from forum.discussion import cards, member_pages, sections, services
from forum.discussion.forms import CommentForm, ReportForm
from forum.discussion.reading import (
    DEFAULT_SORT,
    SORTS,
    Node,
    clean_sort,
    comment_location,
    composer_context,
    level_of,
    subtree_root,
)
from forum.errors import AlreadyReported, DiscussionError, KeyReused, ModerationError, RateLimited
from forum.markdown import render_preview
from forum.models import Comment, Report, Thread
from forum.platform import frames, ratelimit
from forum.platform.pagecache import cache_anonymous_page
from forum.roles import is_moderator

logger = logging.getLogger(__name__)


def _thread_url(thread, *, sort=None, page=None, anchor="discussion", comment=None, subtree=None):
    params = {}
    if comment is not None:
        # Lets the hosting page describe this comment to link-preview crawlers.
        params["comment"] = comment.pk
    if sort and sort != DEFAULT_SORT:
        params["sort"] = sort
    if subtree:
        params["thread"] = subtree
    if page and page > 1:
        params["page"] = page
    query = f"?{urlencode(params)}" if params else ""
    return f"{thread.url}{query}#{anchor}"


def _comment_url(comment, user, sort=DEFAULT_SORT):
    page, subtree = comment_location(comment, user=user, sort=sort)
    return _thread_url(
        comment.thread,
        sort=sort,
        page=page,
        anchor=comment.anchor,
        comment=comment,
        subtree=subtree,
    )


def _require_member(request):
    """Return a response refusing the request, or None when the member may take part."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if refusal := refusals.participation(request.user):
        return HttpResponseForbidden(str(refusal), content_type="text/plain; charset=utf-8")
    return None


@require_POST
def markdown_preview(request):
    """Render the composer's live preview with the site's sanitizer, for signed-in members only."""
    if not request.user.is_authenticated:
        # A redirect would hand the sign-in page's HTML to the preview pane.
        return HttpResponseForbidden(
            _("Sign in to preview."), content_type="text/plain; charset=utf-8"
        )
    limit = settings.PREVIEW_RATE_PER_MINUTE
    if not ratelimit.hit("preview", request.user.pk, limit=limit, window_seconds=60):
        return HttpResponse(_("Too many previews; wait a moment."), status=429)
    return HttpResponse(render_preview(request.POST.get("content", "")))


def _compose_response(request, *, thread, form, parent=None, status=400):
    """Show the form again with its message and the member's text, as a page or a fragment."""
    context = composer_context(thread=thread, form=form, parent=parent)
    if request.htmx:
        # htmx swaps only successful responses: put the form, with its message, back in place.
        response = render(request, "forum/comment_compose.html#composer", context)
        response["HX-Retarget"] = f"#composer-form-{parent.pk if parent else 'thread'}"
        response["HX-Reswap"] = "outerHTML"
        return response
    return render(request, "forum/comment_compose.html", context, status=status)


def _post(request, *, thread, parent=None):
    form = CommentForm(request.POST, field_id=f"id_body_{parent.pk}" if parent else "id_body")
    if not form.is_valid():
        return _compose_response(request, thread=thread, form=form, parent=parent)
    if form.is_spam:
        form.add_error(None, _("Your comment could not be posted. Please try again."))
        return _compose_response(request, thread=thread, form=form, parent=parent)
    try:
        comment = transitions.comment_create(
            author=request.user,
            thread=thread,
            body=form.cleaned_data["body"],
            parent=parent,
            idempotency_key=form.cleaned_data["idempotency_key"],
        )
    except RateLimited as error:
        form.add_error(None, str(error))
        response = _compose_response(request, thread=thread, form=form, parent=parent, status=429)
        response["Retry-After"] = str(limits.retry_after(error))
        return response
    except KeyReused as error:
        form.add_error(None, str(error))
        return _compose_response(request, thread=thread, form=form, parent=parent, status=409)
    except DiscussionError as error:
        form.add_error(None, str(error))
        return _compose_response(request, thread=thread, form=form, parent=parent)
    result = reasons.posted_message(comment)
    sort = clean_sort(request.POST.get("sort"))
    try:
        if request.htmx:
            return _posted_fragment(request, comment=comment, result=result)
        url = _comment_url(comment, request.user, sort)
    except DatabaseError:
        # The comment is stored: failing to read where it shows must not answer it as a
        # failure, or the member would post it again. The thread, at the comment's anchor.
        logger.warning("Comment %s is posted; its place could not be read", comment.pk)
        url = _thread_url(thread, sort=sort, anchor=comment.anchor, comment=comment)
    level = messages.INFO if comment.status == Comment.Status.PENDING else messages.SUCCESS
    results.add(request, level, result, at=comment.anchor)
    if request.htmx:  # its card could not be read: the page, where the comment shows
        return HttpResponse(headers={"HX-Redirect": url})
    return redirect(url)


def _posted_fragment(request, *, comment, result):
    """Return what htmx shows after posting: the new comment's card, the count, the result."""
    node = Node(comment=comment, level=level_of(comment), is_own=True)
    context = {
        "thread": comment.thread,  # counted with the new comment: the answer updates the count
        "result": result,
        "result_level": "info" if comment.status == Comment.Status.PENDING else "success",
        "is_moderator": is_moderator(request.user),
    }
    tree = cards.render([node], request, context, fresh=node)
    return render(request, "forum/comment_posted.html", context | {"tree": tree})


@require_POST
def comment_post(request, thread_id):
    """Post a new top-level comment on a thread."""
    thread = get_object_or_404(Thread.objects.visible(), pk=thread_id)
    if refusal := _require_member(request):
        return refusal
    return _post(request, thread=thread)


@require_http_methods(["GET", "POST"])
def comment_reply(request, comment_id):
    """Reply to a comment: the form under the comment (htmx) or a page quoting it."""
    parent = get_object_or_404(
        Comment.objects.on_visible_threads().select_related("thread", "author"), pk=comment_id
    )
    if refusal := _require_member(request):
        return refusal
    if request.method == "POST":
        # The service refuses unpublished parents; the page then keeps the text, quoting nothing.
        return _post(request, thread=parent.thread, parent=parent)
    if not parent.is_published:
        messages.error(request, _("That comment is no longer available for replies."))
        return redirect(_thread_url(parent.thread))
    form = CommentForm(field_id=f"id_body_{parent.pk}")
    context = composer_context(thread=parent.thread, form=form, parent=parent)
    template = (
        "forum/comment_compose.html#composer" if request.htmx else "forum/comment_compose.html"
    )
    return render(request, template, context)


def comment_permalink(request, comment_id):
    """Send the reader to the page and anchor where a comment appears in its thread."""
    comment = get_object_or_404(
        Comment.objects.on_visible_threads().select_related("thread"), pk=comment_id
    )
    sort = clean_sort(request.GET.get("sort"))
    return redirect(_comment_url(comment, request.user, sort))


@require_http_methods(["GET", "POST"])
def comment_edit(request, comment_id):
    """Let the author correct a comment within the edit window."""
    comment = get_object_or_404(
        Comment.objects.on_visible_threads().select_related("thread"), pk=comment_id
    )
    if refusal := _require_member(request):
        return refusal
    if comment.author_id != request.user.pk:
        return HttpResponseForbidden(
            _("Only the author can edit a comment."), content_type="text/plain; charset=utf-8"
        )
    if not comment.editable_by(request.user):
        messages.error(request, _("This comment can no longer be edited."))
        return redirect(_comment_url(comment, request.user))
    form = CommentForm(
        request.POST or None, initial={"body": comment.body}, field_id=f"id_edit_{comment.pk}"
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                transitions.comment_edit(
                    comment=comment, editor=request.user, body=form.cleaned_data["body"]
                )
            except DiscussionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your comment is updated."))
                return redirect(_comment_url(comment, request.user))
        status = 400
    context = {"thread": comment.thread, "form": form, "comment": comment, "editing": True}
    return render(request, "forum/comment_compose.html", context, status=status)


@require_http_methods(["GET", "POST"])
def comment_delete(request, comment_id):
    """Let the author remove their own comment, after confirming."""
    comment = get_object_or_404(
        Comment.objects.on_visible_threads().select_related("thread"), pk=comment_id
    )
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if comment.author_id != request.user.pk:
        return HttpResponseForbidden(
            _("Only the author can remove a comment."), content_type="text/plain; charset=utf-8"
        )
    if request.method == "POST":
        try:
            transitions.comment_remove(comment=comment, member=request.user)
        except DiscussionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your comment was removed."))
        return redirect(_thread_url(comment.thread))
    return render(
        request, "forum/comment_delete.html", {"comment": comment, "thread": comment.thread}
    )


@require_POST
def comment_vote(request, comment_id):
    """Toggle the member's up-vote on a comment."""
    comment = get_object_or_404(
        Comment.objects.on_visible_threads().select_related("thread"), pk=comment_id
    )
    if refusal := _require_member(request):
        return refusal
    try:
        limits.check("vote", member=request.user, request=request)
    except limits.RateLimited as error:
        return limits.page(request, error, back=f"{comment.thread.url}#{comment.anchor}")
    try:
        voted, score = services.vote_toggle(comment=comment, voter=request.user)
    except DiscussionError as error:
        if request.htmx:
            return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
        results.add(request, messages.ERROR, str(error), at=comment.anchor)
        return redirect(_comment_url(comment, request.user))
    if request.htmx:
        comment.score = score
        result = _("Up-vote recorded.") if voted else _("Up-vote removed.")
        context = {"comment": comment, "voted": voted, "result": result}
        return render(request, "forum/_comment_reader.html#vote", context)
    results.add(
        request,
        messages.SUCCESS,
        _("Up-vote recorded.") if voted else _("Up-vote removed."),
        at=comment.anchor,
    )
    return redirect(_comment_url(comment, request.user))


@require_POST
def thread_follow(request, thread_id):
    """Follow or stop following a thread."""
    thread = get_object_or_404(Thread.objects.visible(), pk=thread_id)
    if refusal := _require_member(request):
        return refusal
    try:
        limits.check("follow", member=request.user, request=request)
    except limits.RateLimited as error:
        return limits.page(request, error, back=_thread_url(thread))
    following = request.POST.get("follow") == "1"
    services.follow_set(member=request.user, thread=thread, following=following)
    result = (
        _("You follow this discussion.")
        if following
        else _("You no longer follow this discussion.")
    )
    if request.htmx:
        context = {"thread": thread, "following": following, "result": result}
        return render(request, "forum/thread_section.html#follow", context)
    messages.success(request, result)
    return redirect(_thread_url(thread))


@cache_anonymous_page(timeout=600, params={"sort": SORTS.__contains__})
def thread_replies(request, thread_id, comment_id):
    """Answer "Show N more replies" in place: the top-level comment with its replies."""
    thread = get_object_or_404(Thread.objects.visible(), pk=thread_id)
    root = subtree_root(thread, request.user, comment_id)
    if root is None:
        raise Http404("No such comment in this discussion.")
    context = discussion_context(request, thread, subtree=root)
    return render(request, "forum/_subtree.html", context)


def discussion_context(request, thread, *, subtree=None, parts=None, frame=False):
    """Return what a page hosting `thread` needs to show its discussion section.

    `parts` are the shared parts of that page (forum.platform.sharedparts), when it has them.
    With `frame`, the section is rendered for a member who wrote, voted and followed nothing,
    its per-member parts marked, for a frame every ordinary member shares
    (forum/discussion/member_pages.py); NotShared when this member's page is their own.
    """
    section, marks, key = sections.for_reader(request, thread, subtree=subtree, parts=parts)
    context = section.context()
    moderator = is_moderator(request.user)
    refusal = refusals.participation(request.user)
    if frame and (key is None or moderator or refusal):
        raise member_pages.NotShared
    context.update(
        thread=thread,
        section_key=key,
        following=marks.following and not frame,
        comment_form=CommentForm(),
        is_moderator=moderator,
        participation_refusal=refusal,
        # Members see the calm line above the composer while the thread is in slow mode.
        slow_mode=slowmode.current(thread.pk) if request.user.is_authenticated else None,
    )
    if frame:
        context[frames.BUILDING] = True
        context[member_pages.FILLING] = member_pages.Filling(thread, section.tree, marks)
    voted_ids = frozenset() if frame else marks.voted_ids
    context["comment_items"] = cards.fill(section.tree, request, context, voted_ids=voted_ids)
    return context


@require_http_methods(["GET", "POST"])
def comment_report(request, comment_id):
    """Let a member report a comment to the moderators, once, with a reason."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    comment = get_object_or_404(
        Comment.objects.on_visible_threads().select_related("thread", "author"),
        pk=comment_id,
    )
    if refusal := refusals.participation(request.user):
        raise PermissionDenied(str(refusal))
    if comment.author_id == request.user.pk:
        raise PermissionDenied(_("You can’t report your own comment."))
    if not comment.is_published:
        results.add(
            request,
            messages.INFO,
            _("This comment is already hidden while moderators review it. Thank you."),
            at="discussion",
        )
        return redirect(f"{comment.thread.url}#discussion")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            limits.check("report", member=request.user, request=request)
            report = transitions.comment_report(
                comment=comment,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except RateLimited as error:  # a limit of this member's, or of their address
            return limits.page(request, error, back=f"{comment.thread.url}#{comment.anchor}")
        except AlreadyReported as error:
            # A refusal: it reads like every other one, in the error colour.
            results.add(request, messages.ERROR, str(error), at=comment.anchor)
            return redirect(comment.get_absolute_url())
        except ModerationError as error:
            if error.code == refusals.Code.REPORTING_TOO_FAST:
                return limits.page(request, error, back=f"{comment.thread.url}#{comment.anchor}")
            form.add_error(None, str(error))
        else:
            # A comment the report hid is no longer on the page: the answer goes above it.
            shown = report.comment.is_published
            at = comment.anchor if shown else "discussion"
            results.add(request, messages.SUCCESS, reasons.reported_message(report), at=at)
            return redirect(
                comment.get_absolute_url() if shown else f"{comment.thread.url}#discussion"
            )
    already = Report.objects.filter(comment=comment, reporter=request.user).exists()
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "forum/comment_report.html",
        {"comment": comment, "thread": comment.thread, "form": form, "already": already},
        status=status,
    )
