"""The one domain event of a comment's life: `comment_changed`, sent once its write commits.

A transition changes comments' rows in its transaction and then calls `announce()` with
what changed. The listeners (the page cache, live updates, notifications) hear of it only
after the commit, once for the whole change (a bulk decision is one event), and never for
a write that rolled back. They import this module; it imports none of them.
"""

import enum
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

comment_changed = Signal()  # sent with event=CommentChanged, once the write has committed
# Sent with event=CommentChanged inside the write's transaction, for the one kind of listener
# whose work must commit with the change or not at all: one that enqueues a task (its row
# is written in the same transaction, so a crash between the commit and the enqueue can't
# lose it). It must not talk to anything outside the database.
comment_changing = Signal()


class Change(enum.StrEnum):
    """What happened to the comments of one event."""

    POSTED = "posted"
    EDITED = "edited"
    REMOVED_BY_AUTHOR = "removed_by_author"
    VOTED = "voted"
    REPORTED = "reported"
    APPROVED = "approved"
    REJECTED = "rejected"
    RESTORED = "restored"
    RESTRICTED = "restricted"  # hidden from readers by a decision with a statement of reasons
    FEATURED = "featured"
    UNFEATURED = "unfeatured"
    REPORTS_DISMISSED = "reports_dismissed"
    ERASED = "erased"  # with the account of their author
    IMPORTED = "imported"  # from another system's archive, in bulk
    CLAIMED = "claimed"  # imported comments of a guest, now shown as a member's


# A moderator's decision settles a comment on the desk, whatever its status was.
DECISIONS = frozenset(
    {
        Change.APPROVED,
        Change.REJECTED,
        Change.RESTORED,
        Change.RESTRICTED,
        Change.REPORTS_DISMISSED,
    }
)


@dataclass(frozen=True)
class CommentChanged:
    """One change to one or more comments, by `actor` (None: the system)."""

    change: Change
    comments: tuple  # the comments as they are now
    before: tuple  # the status of each before the change ("" for a new comment)
    actor: Any = None

    @classmethod
    def of(cls, change, comment, *, before, actor=None):
        """Return the event of one comment's change."""
        return cls(change, (comment,), (before,), actor)

    @property
    def thread_ids(self):
        return {comment.thread_id for comment in self.comments}

    def pairs(self):
        """Yield (comment, its status before) for each comment of the event."""
        return zip(self.comments, self.before, strict=True)


def announce(event):
    """Send `event` to the outbox listeners now, to the others once the transaction commits."""
    comment_changing.send(sender=CommentChanged, event=event)

    def send():
        for receiver, result in comment_changed.send_robust(sender=CommentChanged, event=event):
            if isinstance(result, Exception):
                # A listener's failure must not turn a stored comment into an error page.
                logger.error("comment_changed listener %r failed", receiver, exc_info=result)

    transaction.on_commit(send)
