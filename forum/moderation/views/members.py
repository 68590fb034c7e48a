"""A member's moderation page and the sanctions on it: suspend, ban, pre-moderate, notes."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from forum.models import Comment, ModerationAction, ModeratorNote, Report
from forum.moderation import services
from forum.moderation.forms import (
    BanForm,
    NoteForm,
    SuspendForm,
)
from forum.moderation.roles import is_moderator
from forum.moderation.views.common import desk_context, moderator_required, simple_action


def _member_context(request, member, **forms):
    stats = Comment.objects.filter(author=member).aggregate(
        published=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
        removed=Count("pk", filter=Q(status=Comment.Status.REMOVED)),
    )
    return desk_context(
        request,
        member=member,
        member_is_moderator=is_moderator(member),
        stats=stats,
        reports_made=Report.objects.filter(reporter=member).count(),
        notes=ModeratorNote.objects.filter(member=member).select_related("author"),
        recent=Comment.objects.filter(author=member)
        .select_related("thread")
        .order_by("-created_at", "-pk")[:20],
        actions=ModerationAction.objects.filter(member=member).select_related("actor", "thread")[
            :30
        ],
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
    return simple_action(
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
