"""Internal complaint handling (Art. 20): the author (or, against "no action", the notifier)
appeals within DSA_APPEAL_WINDOW; another moderator upholds or reverses the decision, a
reversal going through the comment lifecycle; the appellant is told the outcome.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from forum.comments import decisions
from forum.errors import ModerationConflict, ModerationError, NotAllowed
from forum.models import Appeal, Comment, Decision, ModerationAction, Notice
from forum.moderation.services.members import member_lift_suspension
from forum.notices import mail, rollups
from forum.notices.deciding import statement_path
from forum.notices.filing import new_reference, status_path
from forum.refusals import Code
from forum.roles import require_moderator

MAX_TEXT = 5000


def appeal_role(decision, *, member=None, notice=None):
    """Return the role in which this person may appeal `decision`, or None."""
    if member is not None and member.is_authenticated and member.pk == decision.author_id:
        return Appeal.Role.AUTHOR if decision.restricts else None
    if notice is not None and notice.decision_id == decision.pk and not decision.restricts:
        return Appeal.Role.NOTIFIER
    return None


def appeal_file(*, decision, text, member=None, notice=None):
    """Record an appeal against `decision`; return it.

    The author appeals signed in; a notifier with their notice's private link. Raises
    NotAllowed for anyone else, ModerationError for an empty text, a closed window or a
    second appeal.
    """
    role = appeal_role(decision, member=member, notice=notice)
    if role is None:
        raise NotAllowed(Code.APPEAL_NOT_OPEN_TO_YOU)
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ModerationError(Code.APPEAL_EMPTY)
    if len(text) > MAX_TEXT:
        raise ModerationError(Code.NOTICE_TOO_LONG, limit=MAX_TEXT)
    if timezone.now() > decision.appeal_deadline:
        raise ModerationError(Code.APPEAL_CLOSED, deadline=decision.appeal_deadline)
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                reference=new_reference("A"),
                decision=decision,
                role=role,
                appellant=member if role == Appeal.Role.AUTHOR else notice.notifier,
                notice=notice if role == Appeal.Role.NOTIFIER else None,
                text=text,
            )
            rollups.count(rollups.Metric.APPEALS, role)
            ModerationAction.objects.create(
                action=ModerationAction.Action.APPEAL_RECEIVED,
                comment_id=decision.comment_id,
                member_id=decision.author_id,
                reason=f"{appeal.reference} against {decision.reference}",
                note=text,
            )
    except IntegrityError:
        raise ModerationError(Code.ALREADY_APPEALED) from None
    if role == Appeal.Role.AUTHOR:
        to, link = member.email, statement_path(decision)
    else:
        to, link = notice.notifier_email, status_path(notice)
    # The appellant is the one asking: their request speaks their language.
    mail.tell(
        to,
        _("We received your appeal %(reference)s"),
        "forum/notices/email/appeal_received.txt",
        {"appeal": appeal, "decision": decision, "link": settings.SITE_URL + link},
        language=translation.get_language() or mail.language_of(member),
        subject_params={"reference": appeal.reference},
    )
    return appeal


@transaction.atomic
def appeal_decide(*, appeal, moderator, outcome, reason):
    """Uphold or reverse the decision appealed against, with reasons; return the appeal.

    Raises NotAllowed when `moderator` took the decision, ModerationError for a missing
    outcome or reason, ModerationConflict when the appeal was decided meanwhile.
    """
    require_moderator(moderator)
    appeal = (
        Appeal.objects.select_for_update(of=("self",))
        .select_related("decision", "notice")
        .get(pk=appeal.pk)
    )
    decision = appeal.decision
    if decision.moderator_id == moderator.pk:
        raise NotAllowed(Code.APPEAL_OWN_DECISION)
    if appeal.decided_at is not None:
        raise ModerationConflict(Code.APPEAL_ALREADY_DECIDED, outcome=appeal.get_outcome_display())
    if outcome not in Appeal.Outcome.values:
        raise ModerationError(Code.APPEAL_OUTCOME_MISSING)
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(Code.APPEAL_REASON_MISSING)
    if len(reason) > 1000:
        raise ModerationError(Code.NOTE_TOO_LONG, limit=1000)
    if outcome == Appeal.Outcome.REVERSED:
        _reverse(decision, moderator, f"Appeal {appeal.reference}: {reason}")
    now = timezone.now()
    appeal.outcome, appeal.outcome_reason = outcome, reason
    appeal.decided_by, appeal.decided_at = moderator, now
    appeal.save(update_fields=["outcome", "outcome_reason", "decided_by", "decided_at"])
    rollups.count(rollups.Metric.APPEAL_OUTCOMES, outcome)
    rollups.count(rollups.Metric.APPEAL_HOURS, rollups.hours_between(appeal.created_at, now))
    actions = ModerationAction.Action
    ModerationAction.objects.create(
        actor=moderator,
        action=actions.APPEAL_REVERSED if outcome == "reversed" else actions.APPEAL_UPHELD,
        comment_id=decision.comment_id,
        member_id=decision.author_id,
        reason=f"{appeal.reference} against {decision.reference}",
        note=reason,
    )
    _tell(appeal, decision)
    return appeal


def _reverse(decision, moderator, note):
    """Undo what `decision` did, through the lifecycle: the comment as it was before it."""
    Action = Decision.Action
    comment = decision.comment
    if decision.action == Action.NO_ACTION:
        # The notifier was right: their notices go back to the desk for a new decision.
        Notice.objects.filter(decision=decision).update(decision=None, decided_at=None)
        return
    if comment is not None and comment.status == Comment.Status.REJECTED:
        decisions.comment_restore(comment=comment, moderator=moderator, note=note)
    elif comment is not None and comment.hold_reason == Comment.HoldReason.RESTRICTED:
        decisions.comment_approve(comment=comment, moderator=moderator, note=note)
    author = decision.author
    if decision.action == Action.SUSPEND and author is not None and author.is_suspended:
        member_lift_suspension(member=author, moderator=moderator)


def _tell(appeal, decision):
    context = {"appeal": appeal, "decision": decision}
    author = decision.author
    if author is not None and author.email and author.is_active:
        # The author is told the outcome of their appeal, or of the notifier's about them.
        mail.tell(
            author.email,
            _("The outcome of your appeal %(reference)s"),
            "forum/notices/email/appeal_outcome.txt",
            context | {"link": settings.SITE_URL + statement_path(decision)},
            language=mail.language_of(author),
            subject_params={"reference": appeal.reference},
        )
    for notice in Notice.objects.filter(decision=decision) | Notice.objects.filter(
        pk=appeal.notice_id
    ):
        mail.tell(
            notice.notifier_email,
            _("The outcome of the appeal about your notice %(reference)s"),
            "forum/notices/email/appeal_outcome.txt",
            context | {"link": settings.SITE_URL + status_path(notice), "notice": notice},
            language=mail.language_of(notice.notifier),
            subject_params={"reference": notice.reference},
        )
