"""The moderation of a new or edited comment: an ordered list of small phases.

Each phase reads the submission and returns a Verdict with a typed reason, or None to
leave the decision to the next one. This module only decides; the transitions write.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings

from forum import refusals
from forum.comments.words import word_lists
from forum.models import Comment
from forum.refusals import Code, Refusal
from forum.roles import is_moderator

URL_PATTERN = re.compile(r"(https?://|www\.|mailto:|\]\()", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    """What happens to a new comment: published, held with a reason, or refused."""

    status: str
    hold_reason: str = ""  # a Comment.HoldReason
    refusal: Refusal | None = None
    hold_detail: str = ""


class Submission:
    """A new or edited comment as the phases see it; what they read is read once."""

    def __init__(self, *, author, thread, body):
        self.author, self.thread, self.body = author, thread, body

    @cached_property
    def words(self):
        """(banned, suspect): the phrases of the word lists that the text uses."""
        return word_lists(self.body)

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
