"""A member's moderation page and the sanctions on it: suspend, ban, pre-moderate, notes."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forum.comments import trust
from forum.errors import ModerationError
from forum.models import Comment, ModerationAction, ModeratorNote, Report
from forum.moderation import services
from forum.moderation.forms import (
    BanForm,
    NoteForm,
    SuspendForm,
    TrustForm,
)
from forum.moderation.views.common import (
    desk_context,
    moderator_required,
    post_action,
    simple_action,
)
from forum.roles import is_moderator, moderator_role

# The forms of a member's page, by their name in the template.
_FORMS = {
    "suspend_form": SuspendForm,
    "ban_form": BanForm,
    "note_form": NoteForm,
    "trust_form": TrustForm,
}


def _member_context(request, member, bound_form=None):
    stats = Comment.objects.filter(author=member).aggregate(
        pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
        rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
        removed=Count("pk", filter=Q(status=Comment.Status.REMOVED)),
        **trust.history_counts(),
    )
    history = trust.History(stats["published"], stats["strikes"])
    return desk_context(
        request,
        member=member,
        standing=trust.standing(member, history),
        member_is_moderator=is_moderator(member),
        member_role=moderator_role(member),
        stats=stats,
        reports_made=Report.objects.filter(reporter=member).count(),
        notes=ModeratorNote.objects.filter(member=member).select_related("author"),
        recent=Comment.objects.filter(author=member)
        .select_related("thread")
        .order_by("-created_at", "-pk")[:20],
        actions=ModerationAction.objects.filter(member=member).select_related("actor", "thread")[
            :30
        ],
        **{
            name: bound_form if isinstance(bound_form, form_class) else form_class()
            for name, form_class in _FORMS.items()
        },
    )


def _trust_label(level):
    """Return the words of a trust level set by hand, or of the computed one ("")."""
    if not level:
        return _("computed from their history")
    return {"new": _("new"), "member": _("member"), "trusted": _("trusted")}.get(level, level)


def _member(username):
    return get_object_or_404(get_user_model(), username=username)


@moderator_required
def member_detail(request, username):
    """Show a member's standing, history, notes and the tools to act on their account."""
    member = _member(username)
    return render(request, "forum/moderation/member.html", _member_context(request, member))


def _member_form_action(request, username, *, form_class, service, success):
    member = _member(username)
    url = reverse("moderation:member", args=[member.username])
    form = form_class(request.POST)
    if form.is_valid():
        try:
            result = service(member=member, moderator=request.user, **form.cleaned_data)
        except ModerationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, success(result if result is not None else member))
            return redirect(url)
    # Show the form again with its errors and the moderator's text.
    context = _member_context(request, member, bound_form=form)
    return render(request, "forum/moderation/member.html", context, status=400)


def _with_form(form_class, service, success):
    """Return the view that checks `form_class`, then applies `service` to the member."""
    return post_action(
        _member_form_action,
        service.__name__,
        form_class=form_class,
        service=service,
        success=success,
    )


member_suspend = _with_form(
    SuspendForm,
    services.member_suspend,
    lambda m: (
        _("%(name)s is suspended until %(until)s UTC.")
        % {"name": m.username, "until": date_format(m.suspended_until, "DATETIME_FORMAT")}
    ),
)
member_ban = _with_form(
    BanForm,
    services.member_ban,
    lambda m: (
        _("%(name)s is banned; their held comments were rejected and they were signed out.")
        % {"name": m.username}
    ),
)
note_add = _with_form(NoteForm, services.note_add, lambda note: _("Note saved."))
member_trust = _with_form(
    TrustForm,
    services.member_set_trust,
    lambda m: (
        _("%(name)s’s trust level is now %(level)s.")
        % {"name": m.username, "level": _trust_label(m.trust_override)}
    ),
)


def _member_action(request, username, *, service, success):
    member = _member(username)
    return simple_action(
        request,
        lambda: service(member=member, moderator=request.user),
        success(member),
        reverse("moderation:member", args=[member.username]),
    )


def _change(service, success, *, name=None):
    """Return the view that applies `service` to the member and tells the moderator `success`."""
    return post_action(_member_action, name or service.__name__, service=service, success=success)


member_lift_suspension = _change(
    services.member_lift_suspension,
    lambda m: _("%(name)s’s suspension is lifted.") % {"name": m.username},
)
member_lift_ban = _change(
    services.member_lift_ban, lambda m: _("%(name)s is no longer banned.") % {"name": m.username}
)
member_premoderate = _change(
    services.member_set_premoderation,
    lambda m: _("Every comment by %(name)s now waits for approval.") % {"name": m.username},
    name="member_premoderate",
)
member_lift_premoderation = _change(
    services.member_lift_premoderation,
    lambda m: _("%(name)s’s comments follow the usual rules again.") % {"name": m.username},
)
