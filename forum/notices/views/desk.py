"""The desk's part of the DSA: the notices queue (trusted flaggers first), deciding with a
statement of reasons, the appeals queue and each appeal's timeline, trusted flaggers,
suspending a notifier (Art. 23) and the statements' export.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from forum.errors import ModerationConflict, ModerationError, NotAllowed
from forum.models import Appeal, Comment, Decision, Notice, TrustedFlagger
from forum.moderation.queues import queue_counts
from forum.moderation.views.common import moderator_required
from forum.notices import appeals, deciding, export, flaggers
from forum.notices.deciding import DecisionRefused
from forum.notices.forms import (
    AppealDecisionForm,
    DecisionForm,
    FlaggerForm,
    NotifierSuspensionForm,
)
from forum.notices.words import rule_label
from forum.refusals import Code

QUEUE_SIZE = 50


def open_notices():
    """Return the open notices, trusted flaggers' first, then the oldest first."""
    return Notice.objects.filter(decided_at__isnull=True).order_by(
        F("trusted_flagger").asc(nulls_last=True), "created_at", "pk"
    )


def grouped(notices):
    """Group notices by the comment they name (a notice naming none stands alone)."""
    groups = {}
    for notice in notices:
        key = ("comment", notice.comment_id) if notice.comment_id else ("notice", notice.pk)
        groups.setdefault(key, []).append(notice)
    return list(groups.values())


def counts():
    return {
        "notices": Notice.objects.filter(decided_at__isnull=True).count(),
        "appeals": Appeal.objects.filter(decided_at__isnull=True).count(),
    }


def desk_page(request, template, context, status=200):
    """Render a desk page with the counts of every tab: the comments' queues and the DSA's."""
    context = {"counts": queue_counts(), "dsa_counts": counts(), **context}
    return render(request, template, context, status=status)


@moderator_required
def notices_queue(request):
    notices = open_notices().select_related("comment__author", "comment__thread", "thread")
    groups = grouped(notices.select_related("trusted_flagger")[: QUEUE_SIZE * 4])[:QUEUE_SIZE]
    context = {"groups": groups, "dsa_counts": counts(), "queue": "notices"}
    return desk_page(request, "forum/notices/desk_notices.html", context)


@moderator_required
@require_http_methods(["GET", "POST"])
def decide_comment(request, comment_id):
    """Decide on a comment, with or without notices about it, with a statement of reasons."""
    comment = get_object_or_404(Comment.objects.select_related("author", "thread"), pk=comment_id)
    notices = list(deciding.open_notices(comment).select_related("trusted_flagger", "notifier"))
    return _decide(request, comment=comment, notices=notices)


@moderator_required
@require_http_methods(["GET", "POST"])
def decide_notice(request, notice_id):
    """Decide on a notice that names no comment of the site."""
    notice = get_object_or_404(Notice.objects.select_related("thread"), pk=notice_id)
    if notice.comment_id:
        return redirect("notices:decide_comment", comment_id=notice.comment_id)
    return _decide(request, notice=notice, notices=[notice] if notice.is_open else [])


def _decide(request, *, comment=None, notice=None, notices=()):
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = deciding.decision_make(
                moderator=request.user,
                comment=comment,
                notice=notice,
                action=data["action"],
                ground=data["ground"],
                rule=data["rule"],
                legal_category=data["legal_category"],
                legal_ground=data["legal_ground"],
                facts=data["facts"],
                suspended_until=data["suspended_until"],
            )
        except DecisionRefused as error:
            form.add_error(error.field, str(error))
            status = 400
        except ModerationError as error:
            form.add_error(None, str(error))
            status = 409 if isinstance(error, ModerationConflict) else 400
        else:
            messages.success(
                request,
                _("Decided: statement of reasons %(reference)s stored and sent.")
                % {"reference": decision.reference},
            )
            return redirect("notices:queue")
    for item in notices:
        item.unfounded = flaggers.unfounded_count(item)
    context = {
        "form": form,
        "comment": comment,
        "notice": notice,
        "notices": notices,
        "suspension_form": NotifierSuspensionForm(),
        "queue": "notices",
    }
    return desk_page(request, "forum/notices/desk_decide.html", context, status=status)


@moderator_required
@require_POST
def notifier_suspend(request, notice_id):
    notice = get_object_or_404(Notice, pk=notice_id)
    form = NotifierSuspensionForm(request.POST)
    days = form.cleaned_data["days"] if form.is_valid() else None
    try:
        flaggers.notifier_suspend(
            moderator=request.user, notice=notice, days=days, reason=request.POST.get("reason")
        )
    except ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The notifier can’t send notices for now; they were told why."))
    if notice.comment_id:
        return redirect("notices:decide_comment", comment_id=notice.comment_id)
    return redirect("notices:decide_notice", notice_id=notice.pk)


@moderator_required
def appeals_queue(request):
    related = ("decision__moderator", "decision__comment", "decided_by")
    context = {
        "open": Appeal.objects.filter(decided_at__isnull=True).select_related(*related),
        "decided": Appeal.objects.filter(decided_at__isnull=False)
        .select_related(*related)
        .order_by("-decided_at")[:QUEUE_SIZE],
        "queue": "appeals",
    }
    return desk_page(request, "forum/notices/desk_appeals.html", context)


@moderator_required
@require_http_methods(["GET", "POST"])
def appeal_detail(request, appeal_id):
    """Show an appeal's timeline; decide it (another moderator than the decision's)."""
    appeal = get_object_or_404(
        Appeal.objects.select_related(
            "decision__moderator", "decision__comment__thread", "decided_by", "notice"
        ),
        pk=appeal_id,
    )
    form = AppealDecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if appeal.decision.moderator_id == request.user.pk:
            raise NotAllowed(Code.APPEAL_OWN_DECISION)
        if form.is_valid():
            try:
                appeals.appeal_decide(
                    appeal=appeal,
                    moderator=request.user,
                    outcome=form.cleaned_data["outcome"],
                    reason=form.cleaned_data["reason"],
                )
            except ModerationConflict as error:  # decided meanwhile: the page shows how
                messages.error(request, str(error))
                status = 409
            except ModerationError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, _("Decided: the appellant has been told the outcome."))
                return redirect("notices:appeals")
    decision = appeal.decision
    context = {
        "appeal": appeal,
        "decision": decision,
        "notices": decision.notices.all(),
        "rule": rule_label(decision.rule),
        "form": form,
        "own_decision": decision.moderator_id == request.user.pk,
        "queue": "appeals",
    }
    return desk_page(request, "forum/notices/desk_appeal.html", context, status=status)


@moderator_required
@require_http_methods(["GET", "POST"])
def flaggers_list(request):
    form = FlaggerForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            flaggers.flagger_add(moderator=request.user, **form.cleaned_data)
        except ModerationError as error:
            form.add_error(None, str(error))
            status = 400
        else:
            messages.success(request, _("Trusted: this organisation’s notices now come first."))
            return redirect("notices:flaggers")
    context = {
        "flaggers": TrustedFlagger.objects.select_related("member", "added_by"),
        "form": form,
        "queue": "flaggers",
    }
    return desk_page(request, "forum/notices/desk_flaggers.html", context, status=status)


@moderator_required
@require_POST
def flagger_remove(request, flagger_id):
    flagger = get_object_or_404(TrustedFlagger, pk=flagger_id)
    try:
        flaggers.flagger_remove(moderator=request.user, flagger=flagger)
    except ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(name)s is no longer a trusted flagger.") % {"name": flagger.name}
        )
    return redirect("notices:flaggers")


@moderator_required
def statements_export(request):
    """Download the statements of reasons as JSON lines for the DSA Transparency Database."""
    if request.method != "GET":
        raise PermissionDenied
    response = StreamingHttpResponse(
        export.statements_jsonl(Decision.objects.order_by("created_at", "pk")),
        content_type="application/jsonl; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="statements-of-reasons.jsonl"'
    return response
