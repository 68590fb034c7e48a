"""Views of the moderation desk (moderators only) and of members' reports.

Every write is POST with CSRF, checks the actor in the view and again in the service, and
answers in two ways: an htmx request gets the updated item (a partial of the queue
template) in place; a plain form post is redirected back with a message.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from forum import moderation
from forum import moderation_services as services
from forum.forms_moderation import (
    BanForm,
    BulkForm,
    ClosingTimeForm,
    LogFilterForm,
    NoteForm,
    RejectForm,
    ReportForm,
    SuspendForm,
    WordRuleForm,
)
from forum.models import Comment, ModerationAction, ModeratorNote, Report, Thread, WordRule

ITEMS_PER_PAGE = 25
LOG_PER_PAGE = 50
QUEUES = {
    "pending": "Pending",
    "reported": "Reported",
    "rejected": "Rejected",
    "featured": "Featured",
}
ITEM_TEMPLATE = "forum/moderation/desk.html#item"


def moderator_required(view):
    """Send anonymous visitors to sign in and refuse (403) everyone who isn't a moderator."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not moderation.is_moderator(request.user):
            raise PermissionDenied("The moderation desk is for moderators only.")
        return view(request, *args, **kwargs)

    return wrapped


# Reading ----------------------------------------------------------------------------------


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
    raise Http404("No such queue.")


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
                published=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
                rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
                pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
            )
        )
        stats = {row["author_id"]: row for row in rows}
    for comment in comments:
        comment.author_stats = stats.get(comment.author_id, {})
        comment.rejection_label = moderation.rejection_reason_label(comment.rejection_reason)
    return comments


def labelled(actions):
    """Return the audit entries as a list, each with the words the log shows for its action."""
    actions = list(actions)
    for action in actions:
        action.label = services.action_label(action.action)
    return actions


def _item(comment_id):
    return with_context(Comment.objects.filter(pk=comment_id))[0]


def _desk_context(request, **extra):
    return {
        "counts": queue_counts(),
        "reject_form": RejectForm(),
        "rejection_reasons": moderation.RejectionReason.choices,
        "next_url": request.get_full_path(),
        **extra,
    }


def _page(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@moderator_required
def desk(request, queue="pending"):
    """Show one queue of the desk (Pending by default) with the count of every queue."""
    comments = queue_queryset(queue)
    thread = None
    if (raw_thread := request.GET.get("thread", "")).isascii() and raw_thread.isdigit():
        thread = get_object_or_404(Thread, pk=int(request.GET["thread"]))
        comments = comments.filter(thread=thread)
    page = _page(request, comments, ITEMS_PER_PAGE)
    context = _desk_context(
        request,
        queue=queue,
        queue_name=QUEUES[queue],
        bulk=queue in ("pending", "reported"),
        page_obj=page,
        items=with_context(page.object_list),
        thread_filter=thread,
        page_param_prefix=f"thread={thread.pk}" if thread else "",
    )
    return render(request, "forum/moderation/desk.html", context)


@moderator_required
def search(request):
    """Search every comment by text, author and thread title."""
    query = request.GET.get("q", "").strip()[:200]
    page = _page(request, search_queryset(query), ITEMS_PER_PAGE)
    context = _desk_context(
        request,
        queue="search",
        queue_name="Search",
        query=query,
        page_obj=page,
        items=with_context(page.object_list),
        page_param_prefix=urlencode({"q": query}) if query else "",
    )
    return render(request, "forum/moderation/desk.html", context)


@moderator_required
def comment_detail(request, comment_id):
    """Show one comment with its context and its whole history."""
    comment = with_context(Comment.objects.filter(pk=comment_id))
    if not comment:
        raise Http404("No such comment.")
    comment = comment[0]
    context = _desk_context(
        request,
        item=comment,
        revisions=comment.revisions.all(),
        reports=comment.reports.select_related("reporter", "resolved_by"),
        actions=labelled(comment.moderation_actions.select_related("actor")),
        replies=comment.replies.select_related("author")[:20],
    )
    return render(request, "forum/moderation/comment.html", context)


@moderator_required
def thread_detail(request, thread_id):
    """Show a thread's moderation settings and recent history."""
    thread = get_object_or_404(Thread, pk=thread_id)
    stats = thread.comments.aggregate(
        published=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
        reported=Count("pk", filter=Q(status=Comment.Status.PUBLISHED, open_report_count__gt=0)),
    )
    context = _desk_context(
        request,
        thread=thread,
        stats=stats,
        closing_form=ClosingTimeForm(initial={"closes_at": thread.closes_at}),
        actions=labelled(thread.moderation_actions.select_related("actor", "member")[:30]),
    )
    return render(request, "forum/moderation/thread.html", context)


def _member_context(request, member, **forms):
    stats = Comment.objects.filter(author=member).aggregate(
        published=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
        removed=Count("pk", filter=Q(status=Comment.Status.REMOVED)),
    )
    return _desk_context(
        request,
        member=member,
        member_is_moderator=moderation.is_moderator(member),
        stats=stats,
        reports_made=Report.objects.filter(reporter=member).count(),
        notes=ModeratorNote.objects.filter(member=member).select_related("author"),
        recent=Comment.objects.filter(author=member)
        .select_related("thread")
        .order_by("-created_at", "-pk")[:20],
        actions=labelled(
            ModerationAction.objects.filter(member=member).select_related("actor", "thread")[:30]
        ),
        suspend_form=forms.get("suspend_form") or SuspendForm(),
        ban_form=forms.get("ban_form") or BanForm(),
        note_form=forms.get("note_form") or NoteForm(),
    )


def _member(username):
    return get_object_or_404(get_user_model(), username=username)


@moderator_required
def member_detail(request, username):
    """Show a member's standing, history, notes and the tools to act on their account."""
    member = _member(username)
    return render(request, "forum/moderation/member.html", _member_context(request, member))


@moderator_required
def words(request):
    """List the banned and suspect phrases, with a form to add one."""
    return render(request, "forum/moderation/words.html", _words_context(request, WordRuleForm()))


def _words_context(request, form):
    rules = list(WordRule.objects.select_related("created_by"))
    return _desk_context(
        request,
        form=form,
        banned=[r for r in rules if r.kind == WordRule.Kind.BANNED],
        suspect=[r for r in rules if r.kind == WordRule.Kind.SUSPECT],
    )


@moderator_required
def log(request):
    """Show the audit log, newest first, filterable by action, moderator, member and thread."""
    form = LogFilterForm(request.GET or None)
    entries = form.filter(
        ModerationAction.objects.select_related("actor", "member", "comment", "thread")
    )
    page = _page(request, entries, LOG_PER_PAGE)
    params = request.GET.copy()
    params.pop("page", None)
    context = _desk_context(
        request,
        filter_form=form,
        page_obj=page,
        entries=labelled(page.object_list),
        page_param_prefix=params.urlencode(),
    )
    return render(request, "forum/moderation/log.html", context)


# Writing ----------------------------------------------------------------------------------


def _back(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def _item_response(request, comment_id, *, message="", level="success"):
    """Answer an action on a comment: the updated item (htmx) or a redirect with a message."""
    if request.htmx:
        context = _desk_context(
            request,
            item=_item(comment_id),
            item_message=message,
            item_message_level=level,
            next_url=request.POST.get("next", ""),
            oob_counts=True,
        )
        return render(request, "forum/moderation/desk.html#item_response", context)
    getattr(messages, level)(request, message)
    return _back(request, reverse("moderation:comment", args=[comment_id]))


def _comment_action(request, comment_id, action, success):
    comment = get_object_or_404(Comment, pk=comment_id)
    try:
        action(comment)
    except services.ModerationError as error:
        return _item_response(request, comment.pk, message=str(error), level="error")
    return _item_response(request, comment.pk, message=success)


@require_POST
@moderator_required
def comment_approve(request, comment_id):
    return _comment_action(
        request,
        comment_id,
        lambda c: services.comment_approve(comment=c, moderator=request.user),
        "Approved: the comment is now published.",
    )


@require_POST
@moderator_required
def comment_reject(request, comment_id):
    comment = get_object_or_404(Comment, pk=comment_id)
    form = RejectForm(request.POST)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        return _item_response(request, comment.pk, message=error, level="error")
    return _comment_action(
        request,
        comment_id,
        lambda c: services.comment_reject(
            comment=c,
            moderator=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        ),
        "Rejected: the comment is hidden and its author has been told why by e-mail.",
    )


@require_POST
@moderator_required
def comment_restore(request, comment_id):
    return _comment_action(
        request,
        comment_id,
        lambda c: services.comment_restore(comment=c, moderator=request.user),
        "Restored: the comment is published again.",
    )


@require_POST
@moderator_required
def comment_feature(request, comment_id):
    return _comment_action(
        request,
        comment_id,
        lambda c: services.comment_feature(comment=c, moderator=request.user),
        "Featured: the comment now shows in the article’s Featured strip.",
    )


@require_POST
@moderator_required
def comment_unfeature(request, comment_id):
    return _comment_action(
        request,
        comment_id,
        lambda c: services.comment_unfeature(comment=c, moderator=request.user),
        "No longer featured.",
    )


@require_POST
@moderator_required
def reports_dismiss(request, comment_id):
    return _comment_action(
        request,
        comment_id,
        lambda c: services.reports_dismiss(comment=c, moderator=request.user),
        "Reports dismissed: the comment stays published.",
    )


@require_POST
@moderator_required
def comments_bulk(request):
    """Approve or reject the selected comments; report the ones that changed meanwhile."""
    form = BulkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return _back(request, reverse("moderation:desk"))
    data = form.cleaned_data
    done, conflicts = services.comments_bulk(
        action=data["action"],
        comment_ids=data["comments"],
        moderator=request.user,
        reason=data.get("reason", ""),
        note=data.get("note", ""),
    )
    verb = "Approved" if data["action"] == "approve" else "Rejected"
    if done:
        messages.success(request, f"{verb} {len(done)} comment{'s' if len(done) != 1 else ''}.")
    for comment_id, message in conflicts:
        messages.warning(request, f"Comment {comment_id}: {message}")
    return _back(request, reverse("moderation:desk"))


def _simple_action(request, action, success, default_url):
    try:
        action()
    except services.ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return _back(request, default_url)


@require_POST
@moderator_required
def thread_close(request, thread_id):
    thread = get_object_or_404(Thread, pk=thread_id)
    return _simple_action(
        request,
        lambda: services.thread_close(thread=thread, moderator=request.user),
        "Closed: no new comments can be posted in this discussion.",
        reverse("moderation:thread", args=[thread.pk]),
    )


@require_POST
@moderator_required
def thread_reopen(request, thread_id):
    thread = get_object_or_404(Thread, pk=thread_id)
    return _simple_action(
        request,
        lambda: services.thread_reopen(thread=thread, moderator=request.user),
        "Reopened: members can comment again.",
        reverse("moderation:thread", args=[thread.pk]),
    )


@require_POST
@moderator_required
def thread_closing_time(request, thread_id):
    thread = get_object_or_404(Thread, pk=thread_id)
    url = reverse("moderation:thread", args=[thread.pk])
    form = ClosingTimeForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["closes_at"][0])
        return redirect(url)
    closes_at = form.cleaned_data["closes_at"]
    return _simple_action(
        request,
        lambda: services.thread_set_closing_time(
            thread=thread, moderator=request.user, closes_at=closes_at
        ),
        "Closing time saved." if closes_at else "Closing time removed.",
        url,
    )


@require_POST
@moderator_required
def thread_premoderation(request, thread_id):
    thread = get_object_or_404(Thread, pk=thread_id)
    premoderate = request.POST.get("premoderate") == "on"
    return _simple_action(
        request,
        lambda: services.thread_set_premoderation(
            thread=thread, moderator=request.user, premoderate=premoderate
        ),
        "Every new comment in this discussion now waits for approval."
        if premoderate
        else "Comments in this discussion follow the usual rules again.",
        reverse("moderation:thread", args=[thread.pk]),
    )


def _member_form_action(request, username, form_class, form_name, action, success):
    member = _member(username)
    url = reverse("moderation:member", args=[member.username])
    form = form_class(request.POST)
    if form.is_valid():
        try:
            result = action(member, form.cleaned_data)
        except services.ModerationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, success(result if result is not None else member))
            return redirect(url)
    # Show the form again with its errors and the moderator's text.
    context = _member_context(request, member, **{form_name: form})
    return render(request, "forum/moderation/member.html", context, status=400)


@require_POST
@moderator_required
def member_suspend(request, username):
    return _member_form_action(
        request,
        username,
        SuspendForm,
        "suspend_form",
        lambda m, d: services.member_suspend(
            member=m, moderator=request.user, until=d["until"], reason=d["reason"]
        ),
        lambda m: f"{m.username} is suspended until {m.suspended_until:%d %B %Y, %H:%M} UTC.",
    )


@require_POST
@moderator_required
def member_ban(request, username):
    return _member_form_action(
        request,
        username,
        BanForm,
        "ban_form",
        lambda m, d: services.member_ban(member=m, moderator=request.user, reason=d["reason"]),
        lambda m: (
            f"{m.username} is banned; their held comments were rejected and they were signed out."
        ),
    )


@require_POST
@moderator_required
def note_add(request, username):
    return _member_form_action(
        request,
        username,
        NoteForm,
        "note_form",
        lambda m, d: services.note_add(member=m, moderator=request.user, text=d["text"]),
        lambda m: "Note saved.",
    )


def _member_action(request, username, action, success):
    member = _member(username)
    return _simple_action(
        request,
        lambda: action(member),
        success(member),
        reverse("moderation:member", args=[member.username]),
    )


@require_POST
@moderator_required
def member_lift_suspension(request, username):
    return _member_action(
        request,
        username,
        lambda m: services.member_lift_suspension(member=m, moderator=request.user),
        lambda m: f"{m.username}’s suspension is lifted.",
    )


@require_POST
@moderator_required
def member_lift_ban(request, username):
    return _member_action(
        request,
        username,
        lambda m: services.member_lift_ban(member=m, moderator=request.user),
        lambda m: f"{m.username} is no longer banned.",
    )


@require_POST
@moderator_required
def member_premoderate(request, username):
    return _member_action(
        request,
        username,
        lambda m: services.member_set_premoderation(member=m, moderator=request.user),
        lambda m: f"Every comment by {m.username} now waits for approval.",
    )


@require_POST
@moderator_required
def member_lift_premoderation(request, username):
    return _member_action(
        request,
        username,
        lambda m: services.member_lift_premoderation(member=m, moderator=request.user),
        lambda m: f"{m.username}’s comments follow the usual rules again.",
    )


@require_POST
@moderator_required
def word_add(request):
    form = WordRuleForm(request.POST)
    if form.is_valid():
        try:
            rule = services.word_rule_add(
                phrase=form.cleaned_data["phrase"],
                kind=form.cleaned_data["kind"],
                moderator=request.user,
            )
        except services.ModerationError as error:
            form.add_error("phrase", str(error))
        else:
            messages.success(request, f"Added “{rule.phrase}” to the {rule.kind} list.")
            return redirect("moderation:words")
    return render(request, "forum/moderation/words.html", _words_context(request, form), status=400)


@require_POST
@moderator_required
def word_remove(request, rule_id):
    rule = WordRule.objects.filter(pk=rule_id).first()
    phrase = rule.phrase if rule else ""
    return _simple_action(
        request,
        lambda: services.word_rule_remove(rule=rule_id, moderator=request.user),
        f"Removed “{phrase}”.",
        reverse("moderation:words"),
    )


# Members' reports -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def comment_report(request, comment_id):
    """Let a member report a comment to the moderators, once, with a reason."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    comment = get_object_or_404(
        Comment.objects.filter(thread__visible_from__lte=timezone.now()).select_related(
            "thread", "author"
        ),
        pk=comment_id,
    )
    if not request.user.can_participate:
        raise PermissionDenied(_why_not(request.user))
    if comment.author_id == request.user.pk:
        raise PermissionDenied("You can’t report your own comment.")
    if comment.status != Comment.Status.PUBLISHED:
        messages.info(
            request, "This comment is already hidden while moderators review it. Thank you."
        )
        return redirect(comment.thread.url)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                comment=comment,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except services.AlreadyReported as error:
            messages.info(request, str(error))
            return redirect(comment.get_absolute_url())
        except services.ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Reported. Thank you.")
            comment.refresh_from_db(fields=["status"])
            if comment.is_published:
                return redirect(comment.get_absolute_url())
            return redirect(f"{comment.thread.url}#discussion")
    already = Report.objects.filter(comment=comment, reporter=request.user).exists()
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "forum/comment_report.html",
        {"comment": comment, "thread": comment.thread, "form": form, "already": already},
        status=status,
    )


def _why_not(user):
    if user.is_banned:
        return "Your account can no longer take part in discussions."
    if user.is_suspended:
        return (
            f"Your account is suspended until {user.suspended_until:%d %B %Y, %H:%M} UTC, "
            "so you can’t report comments until then."
        )
    return "Confirm your e-mail address to report comments."
