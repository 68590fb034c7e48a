"""Moderation rules: what holds or rejects a new comment.

Writes that moderators make live in `forum.moderation.services`; this module only decides.

Word matching: a phrase matches when it appears in the text with no letter or digit
directly before or after it ("ass" matches "Ass!" and "my_ass" but not "class" or
"assistant"). Both sides are compared after Unicode NFKC normalisation and case folding,
so "ＡＳＳ" (full-width) and "ÉCOLE" match "ass" and "école"; whitespace inside a phrase
matches any run of whitespace, and every other character is taken literally (a phrase
may contain `.`, `*`, `(` or `$` without them acting as regular-expression syntax).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db import models

from forum import refusals
from forum.comments.reasons import why_held
from forum.models import Comment, WordRule
from forum.moderation.roles import is_moderator
from forum.refusals import Code, Refusal

URL_PATTERN = re.compile(r"(https?://|www\.|mailto:|\]\()", re.IGNORECASE)

# A "word character" for phrase boundaries: a letter or digit of any script. The underscore
# is left out on purpose, so Markdown emphasis (_word_) and snake_case can't hide a word.
_WORD_CHAR = r"[^\W_]"


class RejectionReason(models.TextChoices):
    """Why a moderator rejected a comment; the author is told this reason."""

    SPAM = "spam", "Spam"
    HARASSMENT = "harassment", "Harassment or hate"
    OFF_TOPIC = "off_topic", "Off-topic"
    MISINFORMATION = "misinformation", "Misinformation"
    PERSONAL_INFORMATION = "personal_information", "Personal information"
    OTHER = "other", "Other"


# Reasons recorded by the system rather than chosen by a moderator.
AUTOMATIC_REJECTION_REASONS = {
    "banned_word": "Banned word (automatic)",
    "member_banned": "Author banned",
}


def rejection_reason_label(value):
    """Return the words shown for a stored rejection reason."""
    labels = dict(RejectionReason.choices) | AUTOMATIC_REJECTION_REASONS
    return labels.get(value, value or "No reason given")


@dataclass(frozen=True)
class Verdict:
    """What happens to a new comment: published, held with a reason, or refused."""

    status: str
    hold_reason: str = ""  # a Comment.HoldReason
    refusal: Refusal | None = None
    hold_detail: str = ""


def normalize_text(text):
    """Return text as word matching sees it: NFKC-normalised and case-folded."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def phrase_pattern(phrase):
    """Return the compiled pattern that finds `phrase` as whole words in normalised text."""
    words = normalize_text(phrase).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!{_WORD_CHAR}){body}(?!{_WORD_CHAR})")


def phrases_in(text, phrases):
    """Return the phrases (as given) that occur in `text` as whole words."""
    normalized = normalize_text(text)
    found = []
    for phrase in phrases:
        pattern = phrase_pattern(phrase)
        if pattern is not None and pattern.search(normalized):
            found.append(phrase)
    return found


def _word_lists(text):
    """Return (banned, suspect) phrases found in `text`, reading the word lists once."""
    rules = list(WordRule.objects.values_list("phrase", "kind"))
    banned = phrases_in(text, [p for p, kind in rules if kind == WordRule.Kind.BANNED])
    suspect = phrases_in(text, [p for p, kind in rules if kind == WordRule.Kind.SUSPECT])
    return banned, suspect


class Submission:
    """A new or edited comment as the phases see it; what they read is read once."""

    def __init__(self, *, author, thread, body):
        self.author, self.thread, self.body = author, thread, body

    @cached_property
    def words(self):
        """(banned, suspect): the phrases of the word lists that the text uses."""
        return _word_lists(self.body)

    @cached_property
    def published(self):
        """How many of the author's comments are published."""
        return Comment.objects.published().filter(author=self.author).count()


PUBLISH = Verdict(Comment.Status.PUBLISHED)
HELD, WHY = Comment.Status.PENDING, Comment.HoldReason


def refuse_banned_words(s):
    if banned := s.words[0]:
        return Verdict(
            status="refused",
            refusal=Refusal(Code.BANNED_WORD, {"word": banned[0]}),
        )
    return None


def refuse_non_participants(s):
    """Refuse an author who may not take part now (banned, suspended, unconfirmed)."""
    if refusal := refusals.participation(s.author):
        return Verdict("refused", refusal=refusal)
    return None


def publish_moderators(s):
    return PUBLISH if is_moderator(s.author) else None


def hold_premoderated_thread(s):
    return Verdict(HELD, WHY.THREAD_PREMODERATED) if s.thread.premoderate else None


def hold_premoderated_member(s):
    return Verdict(HELD, WHY.MEMBER_PREMODERATED) if s.author.always_premoderate else None


def hold_new_member(s):
    return (
        Verdict(HELD, WHY.NEW_MEMBER) if s.published < settings.PREMODERATE_FIRST_COMMENTS else None
    )


def hold_suspect_words(s):
    if suspect := s.words[1]:
        return Verdict(HELD, WHY.SUSPECT_WORD, hold_detail=suspect[0][:100])
    return None


def hold_links_from_new_members(s):
    if s.published < settings.LINKS_TRUSTED_AFTER_COMMENTS and URL_PATTERN.search(s.body):
        return Verdict(HELD, WHY.LINK_FROM_NEW_MEMBER)
    return None


# The moderation of a new comment (or an edit), in order: the first phase that decides,
# wins; a comment none of them decides on is published. A new rule is a new phase here.
PHASES = (
    refuse_banned_words,
    refuse_non_participants,
    publish_moderators,
    hold_premoderated_thread,
    hold_premoderated_member,
    hold_new_member,
    hold_suspect_words,
    hold_links_from_new_members,
)


def review_new_comment(*, author, thread, body):
    """Decide whether a new comment is published, held for review, or refused outright."""
    submission = Submission(author=author, thread=thread, body=body)
    for phase in PHASES:
        if (verdict := phase(submission)) is not None:
            return verdict
    return PUBLISH


def posted_message(comment):
    """Return what happened to a new comment, in words for its author."""
    kind = "reply" if comment.parent_id else "comment"
    if comment.status == Comment.Status.PENDING:
        return (
            f"Thanks! Your {kind} is held for review because "
            f"{why_held(comment)}; only you can see it until a "
            "moderator approves it."
        )
    return f"Your {kind} is published."
