"""Moderation rules: what holds or rejects a new comment, and who may moderate.

Writes that moderators make live in `forum.moderation_services`; this module only decides.
"""

import re
from dataclasses import dataclass

from django.conf import settings

from forum.models import Comment, WordRule

MODERATORS_GROUP = "Moderators"
URL_PATTERN = re.compile(r"(https?://|www\.|mailto:|\]\()", re.IGNORECASE)


def premoderated_comment_count():
    return getattr(settings, "PREMODERATE_FIRST_COMMENTS", 2)


def trusted_link_threshold():
    return getattr(settings, "LINKS_TRUSTED_AFTER_COMMENTS", 5)


def is_moderator(user):
    """Return whether the user may use the moderation desk."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return any(group.name == MODERATORS_GROUP for group in user.groups.all())


@dataclass(frozen=True)
class Verdict:
    """What happens to a new comment: published, held with a reason, or refused."""

    status: str
    hold_reason: str = ""
    refusal: str = ""


def _phrase_pattern(phrase):
    # Word boundaries that also work for phrases starting or ending in punctuation.
    return re.compile(r"(?<!\w)" + re.escape(phrase.strip()) + r"(?!\w)", re.IGNORECASE)


def matching_phrases(text, kind):
    """Return the word-list phrases of `kind` found in `text` (case-insensitive, whole words)."""
    phrases = WordRule.objects.filter(kind=kind).values_list("phrase", flat=True)
    return [p for p in phrases if p.strip() and _phrase_pattern(p).search(text)]


def review_new_comment(*, author, thread, body):
    """Decide whether a new comment is published, held for review, or refused outright."""
    banned = matching_phrases(body, WordRule.Kind.BANNED)
    if banned:
        return Verdict(
            status="refused",
            refusal=(
                "Your comment uses language our community guidelines don’t allow "
                f"(“{banned[0]}”). Please edit it and post again."
            ),
        )
    if is_moderator(author):
        return Verdict(status=Comment.Status.PUBLISHED)
    published = Comment.objects.filter(author=author, status=Comment.Status.PUBLISHED).count()
    if thread.premoderate:
        return Verdict(Comment.Status.PENDING, "thread pre-moderated")
    if author.always_premoderate:
        return Verdict(Comment.Status.PENDING, "member always pre-moderated")
    if published < premoderated_comment_count():
        return Verdict(Comment.Status.PENDING, "new member")
    suspect = matching_phrases(body, WordRule.Kind.SUSPECT)
    if suspect:
        return Verdict(Comment.Status.PENDING, f"suspect word: {suspect[0]}")
    if published < trusted_link_threshold() and URL_PATTERN.search(body):
        return Verdict(Comment.Status.PENDING, "link from new member")
    return Verdict(Comment.Status.PUBLISHED)
