"""Moderators' decisions on comments, one at a time (htmx or a plain form) or in bulk."""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from forum import results
from forum.comments import decisions
from forum.errors import ModerationError
from forum.models import Comment
from forum.moderation.forms import (
    BulkForm,
    RejectForm,
)
from forum.moderation.views import desk
from forum.moderation.views.common import (
    RESULT_ANCHOR,
    back,
    item_response,
    moderator_required,
    post_action,
)


def _comment_action(request, comment_id, *, service, success, **details):
    comment = get_object_or_404(Comment, pk=comment_id)
    try:
        service(comment=comment, moderator=request.user, **details)
    except ModerationError as error:
        return item_response(request, comment.pk, message=str(error), level="error")
    return item_response(request, comment.pk, message=success)


def _decision(service, success):
    """Return the view that applies `service` to one comment and tells the moderator `success`."""
    return post_action(_comment_action, service.__name__, service=service, success=success)


comment_approve = _decision(decisions.comment_approve, _("Approved: the comment is now published."))
comment_restore = _decision(
    decisions.comment_restore, _("Restored: the comment is published again.")
)
comment_feature = _decision(
    decisions.comment_feature, _("Featured: the comment now shows in the article’s Featured strip.")
)
comment_unfeature = _decision(decisions.comment_unfeature, _("No longer featured."))
reports_dismiss = _decision(
    decisions.reports_dismiss, _("Reports dismissed: the comment stays published.")
)


@require_POST
@moderator_required
def comment_reject(request, comment_id):
    comment = get_object_or_404(Comment, pk=comment_id)
    form = RejectForm(request.POST)
    if not form.is_valid():
        error = next(iter(form.errors.values()))[0]
        # The moderator's note and reason go back into the form, whatever was wrong.
        kept = {"reject_note": form.data.get("note", ""), "reject_reason": form.data.get("reason")}
        if request.htmx:
            return item_response(request, comment.pk, message=error, level="error", **kept)
        return desk.comment_page(
            request,
            comment.pk,
            status=400,
            item_message=error,
            item_message_level="error",
            next_url=request.POST.get("next", ""),
            **kept,
        )
    return _comment_action(
        request,
        comment_id,
        service=decisions.comment_reject,
        success=_("Rejected: the comment is hidden and its author has been told why by e-mail."),
        reason=form.cleaned_data["reason"],
        note=form.cleaned_data["note"],
    )


@require_POST
@moderator_required
def comments_bulk(request):
    """Approve or reject the selected comments; report the ones that changed meanwhile."""
    form = BulkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return back(request, reverse("moderation:desk"))
    data = form.cleaned_data
    done, conflicts = decisions.comments_bulk(
        action=data["action"],
        comment_ids=data["comments"],
        moderator=request.user,
        reason=data.get("reason", ""),
        note=data.get("note", ""),
    )
    if done:
        if data["action"] == "approve":
            text = ngettext(
                "Approved %(count)d comment.", "Approved %(count)d comments.", len(done)
            )
        else:
            text = ngettext(
                "Rejected %(count)d comment.", "Rejected %(count)d comments.", len(done)
            )
        results.add(request, messages.SUCCESS, text % {"count": len(done)}, at=RESULT_ANCHOR)
    for comment_id, message in conflicts:
        text = gettext("Comment %(number)s: %(message)s") % {
            "number": comment_id,
            "message": message,
        }
        results.add(request, messages.WARNING, text, at=RESULT_ANCHOR)
    return back(request, reverse("moderation:desk"), anchor=RESULT_ANCHOR)
