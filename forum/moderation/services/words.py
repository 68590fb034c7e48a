"""The banned and suspect word lists."""

from django.db import IntegrityError, transaction

from forum.models import ModerationAction, WordRule
from forum.moderation import rules
from forum.moderation.services.common import (
    ModerationConflict,
    ModerationError,
    log,
    require_moderator,
)


def clean_phrase(phrase):
    """Return the phrase as stored (trimmed, spaces collapsed); raise ModerationError if bad."""
    phrase = " ".join((phrase or "").split())
    if not phrase:
        raise ModerationError("Enter a word or phrase.")
    if len(phrase) > 100:
        raise ModerationError("Keep the phrase to 100 characters or fewer.")
    return phrase


@transaction.atomic
def word_rule_add(*, phrase, kind, moderator):
    """Add a banned or suspect phrase to the word lists; return the rule."""
    require_moderator(moderator)
    phrase = clean_phrase(phrase)
    if kind not in WordRule.Kind.values:
        raise ModerationError("Choose banned or suspect.")
    wanted = rules.normalize_text(phrase)
    for existing in WordRule.objects.select_for_update().only("phrase", "kind"):
        if rules.normalize_text(existing.phrase) == wanted:
            raise ModerationError(
                f"“{existing.phrase}” is already on the {existing.kind} list; nothing was changed."
            )
    try:
        with transaction.atomic():
            rule = WordRule.objects.create(phrase=phrase, kind=kind, created_by=moderator)
    except IntegrityError:
        raise ModerationError(f"“{phrase}” is already on a list; nothing was changed.") from None
    log(actor=moderator, action=ModerationAction.Action.WORD_ADD, reason=f"{kind}: {phrase}")
    return rule


@transaction.atomic
def word_rule_remove(*, rule, moderator):
    """Take a phrase off the word lists."""
    require_moderator(moderator)
    pk = rule.pk if isinstance(rule, WordRule) else rule
    rule = WordRule.objects.select_for_update().filter(pk=pk).first()
    if rule is None:
        raise ModerationConflict("That phrase was already removed; nothing was changed.")
    log(
        actor=moderator,
        action=ModerationAction.Action.WORD_REMOVE,
        reason=f"{rule.kind}: {rule.phrase}",
    )
    rule.delete()
