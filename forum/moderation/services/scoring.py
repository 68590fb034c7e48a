"""What a toxicity score does on this site: the moderators' one setting of it."""

from django.db import transaction
from django.utils import timezone

from forum.errors import ModerationError
from forum.models import ModerationAction, ScoringPolicy
from forum.moderation.services.common import log
from forum.refusals import Code
from forum.roles import require_moderator


@transaction.atomic
def scoring_policy_set(*, action, threshold, moderator):
    """Set what a score at or past `threshold` does (hold, reject or mark); return the policy."""
    require_moderator(moderator)
    if action not in ScoringPolicy.Action.values:
        raise ModerationError(Code.SCORING_ACTION_UNKNOWN)
    if not 0 < threshold <= 1:
        raise ModerationError(Code.SCORING_THRESHOLD_RANGE)
    locked = ScoringPolicy.objects.select_for_update().filter(pk=1).first()
    before = locked or ScoringPolicy.current()
    policy, _ = ScoringPolicy.objects.update_or_create(
        pk=1,
        defaults={
            "action": action,
            "threshold": round(threshold, 2),
            "changed_by": moderator,
            "changed_at": timezone.now(),
        },
    )
    log(
        actor=moderator,
        action=ModerationAction.Action.SCORING_CHANGE,
        reason=f"{_said(before)} -> {_said(policy)}",
    )
    return policy


def _said(policy):
    return f"{policy.action} at {policy.threshold:.2f}"
