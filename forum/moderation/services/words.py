"""The banned and suspect word lists."""

from django.db import IntegrityError, transaction

from forum.comments import words
from forum.errors import ModerationConflict, ModerationError
from forum.models import ModerationAction, WordRule
from forum.moderation.services.common import log
from forum.refusals import Code
from forum.roles import require_moderator


def clean_phrase(phrase):
    """Return the phrase as stored (trimmed, spaces collapsed); raise ModerationError if bad."""
    phrase = " ".join((phrase or "").split())
    if not phrase:
        raise ModerationError(Code.PHRASE_EMPTY)
    if len(phrase) > 100:
        raise ModerationError(Code.PHRASE_TOO_LONG)
    return phrase


@transaction.atomic
def word_rule_add(*, phrase, kind, moderator):
    """Add a banned or suspect phrase to the word lists; return the rule."""
    require_moderator(moderator)
    phrase = clean_phrase(phrase)
    if kind not in WordRule.Kind.values:
        raise ModerationError(Code.WORD_LIST_UNKNOWN)
    wanted = words.normalize_text(phrase)
    for existing in WordRule.objects.select_for_update().only("phrase", "kind"):
        if words.normalize_text(existing.phrase) == wanted:
            raise ModerationError(Code.PHRASE_ON_LIST, phrase=existing.phrase, kind=existing.kind)
    try:
        with transaction.atomic():
            rule = WordRule.objects.create(phrase=phrase, kind=kind, created_by=moderator)
    except IntegrityError:
        raise ModerationError(Code.PHRASE_ON_A_LIST, phrase=phrase) from None
    log(actor=moderator, action=ModerationAction.Action.WORD_ADD, reason=f"{kind}: {phrase}")
    return rule


@transaction.atomic
def word_rule_remove(*, rule, moderator):
    """Take a phrase off the word lists."""
    require_moderator(moderator)
    pk = rule.pk if isinstance(rule, WordRule) else rule
    rule = WordRule.objects.select_for_update().filter(pk=pk).first()
    if rule is None:
        raise ModerationConflict(Code.PHRASE_ALREADY_REMOVED)
    log(
        actor=moderator,
        action=ModerationAction.Action.WORD_REMOVE,
        reason=f"{rule.kind}: {rule.phrase}",
    )
    rule.delete()
