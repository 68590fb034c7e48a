"""Deciding on a comment with a statement of reasons (Art. 17): the moderator's choice goes
through the comment lifecycle (forum.comments.decisions), the statement is stored, counted
and logged, its author is told, and so is each notifier (Art. 16(5)).
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from forum.comments import decisions
from forum.comments.events import Change, comment_changed
from forum.comments.reasons import (
    AUTOMATED_HOLD_REASONS,
    RejectionReason,
    rejection_reason_label,
)
from forum.errors import ActionRefused, ModerationConflict
from forum.models import Comment, Decision, IllegalCategory, ModerationAction, Notice
from forum.moderation.services.members import member_suspend
from forum.notices import mail, rollups
from forum.notices.filing import new_reference, status_path
from forum.notices.words import GUIDELINE_RULES, rule_label
from forum.refusals import Code
from forum.roles import require_moderator

Action, Ground, Source = Decision.Action, Decision.Ground, Decision.Source
MAX_FACTS = 1000


class DecisionRefused(ActionRefused):
    """A decision that can't be taken as chosen; the form keeps the moderator's choices."""

    FIELDS = {
        Code.DECISION_ACTION_MISSING: "action",
        Code.DECISION_GROUND_MISSING: "ground",
        Code.DECISION_RULE_MISSING: "rule",
        Code.DECISION_LEGAL_GROUND_MISSING: "legal_ground",
        Code.DECISION_FACTS_MISSING: "facts",
        Code.NOTE_TOO_LONG: "facts",
        Code.END_IN_PAST: "suspended_until",
        Code.DECISION_NO_COMMENT: "action",
    }

    @property
    def field(self):
        return self.FIELDS.get(self.code)


def open_notices(comment):
    """Return the open notices about `comment`, the trusted flaggers' first."""
    return Notice.objects.filter(comment=comment, decided_at__isnull=True)


def _check(*, comment, action, ground, legal_category, legal_ground, rule, facts, until):
    if action not in Action.values:
        raise DecisionRefused(Code.DECISION_ACTION_MISSING)
    if comment is None and action != Action.NO_ACTION:
        raise DecisionRefused(Code.DECISION_NO_COMMENT)
    if action != Action.NO_ACTION:
        if ground not in Ground.values:
            raise DecisionRefused(Code.DECISION_GROUND_MISSING)
        if ground == Ground.GUIDELINES and rule not in GUIDELINE_RULES:
            raise DecisionRefused(Code.DECISION_RULE_MISSING)
        if ground == Ground.ILLEGAL and (
            legal_category not in IllegalCategory.values or not legal_ground
        ):
            raise DecisionRefused(Code.DECISION_LEGAL_GROUND_MISSING)
    if not facts:
        raise DecisionRefused(Code.DECISION_FACTS_MISSING)
    if len(facts) > MAX_FACTS:
        raise DecisionRefused(Code.NOTE_TOO_LONG, limit=MAX_FACTS)
    if action == Action.SUSPEND and (until is None or until <= timezone.now()):
        raise DecisionRefused(Code.END_IN_PAST)


@transaction.atomic
def decision_make(
    *,
    moderator,
    action,
    facts,
    comment=None,
    notice=None,
    ground="",
    legal_category="",
    legal_ground="",
    rule=None,
    suspended_until=None,
):
    """Decide on `comment` (or on a `notice` that names none) and state the reasons; return
    the Decision.

    Every open notice about the comment is settled by it. Raises DecisionRefused for a
    choice Art. 17 can't state, ModerationConflict when the comment changed meanwhile.
    """
    require_moderator(moderator)
    facts = (facts or "").strip()
    legal_ground = (legal_ground or "").strip()[:300]
    if action == Action.NO_ACTION and ground not in Ground.values:
        ground = ""
    _check(
        comment=comment,
        action=action,
        ground=ground,
        legal_category=legal_category,
        legal_ground=legal_ground,
        rule=rule,
        facts=facts,
        until=suspended_until,
    )
    if comment is not None:
        comment = decisions.lock_comment(comment)
        notices = list(open_notices(comment).select_for_update())
    else:
        notices = list(Notice.objects.select_for_update().filter(pk=notice.pk, decided_at=None))
        if not notices:
            raise ModerationConflict(Code.NOTICE_ALREADY_DECIDED)
    held_by_machine = comment is not None and (
        not comment.is_published and comment.hold_reason in AUTOMATED_HOLD_REASONS
    )
    _apply(comment, moderator, action, ground, facts, suspended_until)
    now = timezone.now()
    source = (
        Source.TRUSTED_FLAGGER
        if any(n.trusted_flagger_id for n in notices)
        else Source.NOTICE
        if notices
        else Source.OWN_INITIATIVE
    )
    decision = Decision.objects.create(
        reference=new_reference("S"),
        comment=comment,
        content_excerpt=Truncator(comment.body).chars(2000) if comment else "",
        content_date=comment.created_at if comment else None,
        author_id=comment.author_id if comment else None,
        moderator=moderator,
        action=action,
        suspended_until=suspended_until if action == Action.SUSPEND else None,
        ground=ground,
        legal_category=legal_category if ground == Ground.ILLEGAL else "",
        legal_ground=legal_ground if ground == Ground.ILLEGAL else "",
        rule=rule if ground == Ground.GUIDELINES else None,
        facts=facts,
        source=source,
        territorial_scope=notices[0].country if notices and ground == Ground.ILLEGAL else "",
        automated_detection=held_by_machine,
        # A moderator decides every statement here: nothing is decided by a machine alone.
        automated_decision=False,
        created_at=now,
    )
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(decision=decision, decided_at=now)
    _count(decision, notices, now)
    # The audit log is one record for every moderator: written in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        action_words = decision.get_action_display()
    ModerationAction.objects.create(
        actor=moderator,
        action=ModerationAction.Action.NOTICE_DECIDED,
        comment=comment,
        member_id=decision.author_id,
        thread_id=comment.thread_id if comment else notices[0].thread_id,
        reason=f"{decision.reference}: {action_words}"[:200],
        note=facts,
    )
    _tell(decision, comment, notices)
    return decision


def _apply(comment, moderator, action, ground, facts, until):
    """Change the comment (and its author) as `action` says, through the lifecycle."""
    if action in (Action.REMOVE, Action.SUSPEND):
        if comment.status != Comment.Status.REJECTED:
            decisions.comment_reject(
                comment=comment, moderator=moderator, reason=ground, note=facts[:500]
            )
    elif action == Action.RESTRICT:
        decisions.comment_restrict(comment=comment, moderator=moderator, note=facts)
    if action == Action.SUSPEND and comment.author is not None:
        member_suspend(member=comment.author, moderator=moderator, until=until, reason=facts)


# The guideline rule (forum/notices/words.py) each of the desk's quick rejection reasons applies.
RULE_OF_REASON = {
    RejectionReason.SPAM: 4,
    RejectionReason.HARASSMENT: 2,
    RejectionReason.OFF_TOPIC: 3,
    RejectionReason.MISINFORMATION: 5,
    RejectionReason.PERSONAL_INFORMATION: 6,
    RejectionReason.OTHER: 1,
}


def _on_comment_changed(sender, event, **kwargs):
    # A rejection from the desk's quick form or its bulk action is a removal too (Art. 17):
    # state its reasons. A decision taken here was stated already (its reason is its
    # ground, not one of the desk's), and the system's (a banned word, a ban) are not the
    # desk's decisions on the content.
    if event.change != Change.REJECTED or event.actor is None:
        return
    for comment in event.comments:
        if comment.rejection_reason in RULE_OF_REASON:
            decision_make(
                moderator=event.actor,
                action=Action.REMOVE,
                comment=comment,
                ground=Ground.GUIDELINES,
                rule=RULE_OF_REASON[comment.rejection_reason],
                facts=comment.rejection_note
                or str(rejection_reason_label(comment.rejection_reason)),
            )


def connect():
    """State the reasons of every rejection the desk makes without a statement."""
    comment_changed.connect(_on_comment_changed, dispatch_uid="state-desk-rejections")


def _count(decision, notices, now):
    rollups.count(rollups.Metric.DECISIONS, f"{decision.action}:{decision.ground}")
    rollups.count(rollups.Metric.DECISIONS_BY_SOURCE, decision.source)
    if decision.automated_detection:
        rollups.count(rollups.Metric.AUTOMATED, "detection")
    if notices:
        first = min(n.created_at for n in notices)
        rollups.count(rollups.Metric.NOTICE_HOURS, rollups.hours_between(first, now))


def statement_path(decision):
    return reverse("notices:statement", args=[decision.reference])


def _tell(decision, comment, notices):
    author = comment.author if comment is not None else None
    if decision.restricts and author is not None and author.email and author.is_active:
        mail.tell(
            author.email,
            _("A decision about your comment: the statement of reasons"),
            "forum/notices/email/statement.txt",
            {
                "decision": decision,
                "member": author,
                "statement_url": settings.SITE_URL + statement_path(decision),
                "rule": rule_label(decision.rule),
                "guidelines_url": settings.SITE_URL + reverse("articles:guidelines"),
            },
            language=mail.language_of(author),
        )
        decision.author_told_at = timezone.now()
        decision.save(update_fields=["author_told_at"])
    for notice in notices:
        mail.tell(
            notice.notifier_email,
            _("Our decision on your notice %(reference)s"),
            "forum/notices/email/notifier_decision.txt",
            {
                "decision": decision,
                "notice": notice,
                "status_url": settings.SITE_URL + status_path(notice),
                "dispute_url": settings.DSA_DISPUTE_SETTLEMENT_URL,
            },
            language=mail.language_of(notice.notifier),
            subject_params={"reference": notice.reference},
        )
