"""What anyone can reach: the notice form, a notice's private status page (acknowledgement,
decision, the notifier's appeal), the author's statement of reasons and their appeal.
"""

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from forum.errors import ModerationError, NotAllowed, RateLimited
from forum.models import Comment, Decision, Notice, Thread
from forum.notices import appeals, filing
from forum.notices.filing import NoticeRefused, comment_location, status_path
from forum.notices.forms import AppealForm, NoticeForm
from forum.notices.words import rule_label
from forum.platform.client_address import client_address
from forum.roles import is_moderator


def _initial(request, location):
    user = request.user
    if not user.is_authenticated:
        return {"location": location}
    return {"location": location, "name": user.public_name, "email": user.email}


@require_http_methods(["GET", "POST"])
def notice_comment(request, comment_id):
    """Report a comment as illegal content: anyone may, signed in or not."""
    comment = get_object_or_404(
        Comment.objects.on_visible_threads().select_related("thread", "author"),
        pk=comment_id,
        status=Comment.Status.PUBLISHED,
    )
    return _notice_form(request, comment.thread, comment_location(comment), comment=comment)


@require_http_methods(["GET", "POST"])
def notice_thread(request, thread_id):
    """Report illegal content in an article's discussion, at an address the notifier gives."""
    thread = get_object_or_404(Thread.objects.visible(), pk=thread_id)
    return _notice_form(request, thread, settings.SITE_URL + thread.url)


def _notice_form(request, thread, location, comment=None):
    form = NoticeForm(request.POST or None, initial=_initial(request, location))
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = filing.notice_file(
                category=data["category"],
                explanation=data["explanation"],
                location=data["location"],
                country=data["country"],
                good_faith=data["good_faith"],
                name=data["name"],
                email=data["email"],
                notifier=request.user,
                address=client_address(request),
                thread=thread,
            )
        except NoticeRefused as error:
            form.add_error(error.field, str(error))
            status = 400
        except RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        else:
            messages.success(
                request,
                _("Thank you: we received your notice. Its reference number is %(reference)s.")
                % {"reference": notice.reference},
            )
            return redirect(status_path(notice))
    elif request.method == "POST":
        status = 400
    context = {"form": form, "thread": thread, "comment": comment}
    return render(request, "forum/notices/notice_form.html", context, status=status)


def _notice_by_key(reference, key):
    notice = get_object_or_404(
        Notice.objects.select_related("decision", "thread"), reference=reference
    )
    if not secrets.compare_digest(notice.access_key, key):
        raise Http404(_("No such notice."))
    return notice


@require_http_methods(["GET", "POST"])
def notice_status(request, reference, key):
    """Show a notice's acknowledgement and decision to whoever holds its private link."""
    notice = _notice_by_key(reference, key)
    decision = notice.decision
    form = AppealForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if decision is None:
            raise PermissionDenied(_("There is no decision on this notice to appeal yet."))
        try:
            appeals.appeal_file(decision=decision, text=request.POST.get("text"), notice=notice)
        except NotAllowed:
            raise
        except ModerationError as error:
            form.add_error("text", str(error))
            status = 400
        else:
            messages.success(
                request, _("Your appeal is received: another moderator will decide it.")
            )
            return redirect(status_path(notice))
    appeal = notice.appeals.first()
    context = {
        "notice": notice,
        "decision": decision,
        "appeal": appeal,
        "form": form,
        "can_appeal": decision is not None
        and appeal is None
        and appeals.appeal_role(decision, notice=notice) is not None
        and timezone.now() <= decision.appeal_deadline,
        "rule": rule_label(decision.rule) if decision else "",
        "dispute_url": settings.DSA_DISPUTE_SETTLEMENT_URL,
    }
    return render(request, "forum/notices/notice_status.html", context, status=status)


def _statement_for(request, reference):
    decision = get_object_or_404(
        Decision.objects.select_related("comment__thread"), reference=reference
    )
    if decision.author_id != request.user.pk and not is_moderator(request.user):
        raise PermissionDenied(_("Only the member a statement of reasons concerns can read it."))
    return decision


def statement(request, reference, *, form=None, status=200):
    """Show the statement of reasons to the author it concerns (and to moderators)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    decision = _statement_for(request, reference)
    appeal = decision.appeals.filter(role="author").first()
    context = {
        "decision": decision,
        "appeal": appeal,
        "form": form or AppealForm(),
        "rule": rule_label(decision.rule),
        "can_appeal": appeal is None
        and appeals.appeal_role(decision, member=request.user) is not None
        and timezone.now() <= decision.appeal_deadline,
        "dispute_url": settings.DSA_DISPUTE_SETTLEMENT_URL,
        "is_author": decision.author_id == request.user.pk,
    }
    return render(request, "forum/notices/statement.html", context, status=status)


@require_POST
def statement_appeal(request, reference):
    """Appeal against a decision from its statement of reasons."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    decision = _statement_for(request, reference)
    form = AppealForm(request.POST)
    try:
        appeals.appeal_file(decision=decision, text=request.POST.get("text"), member=request.user)
    except NotAllowed:
        raise
    except ModerationError as error:
        form.is_valid()
        form.add_error("text", str(error))
        return statement(request, reference, form=form, status=400)
    messages.success(request, _("Your appeal is received: another moderator will decide it."))
    return redirect("notices:statement", reference=reference)
