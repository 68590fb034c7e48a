"""Live events: what changed in a thread or on the desk, kept briefly for streams to replay."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LiveEvent(models.Model):
    """One change readers or moderators are told about while a page is open.

    Written in the transaction of the change and announced with NOTIFY once it commits, so
    a rolled-back write announces nothing; a stream that reconnects with `Last-Event-ID`
    replays the rows after that id. Only the last few thousand rows are kept.
    """

    class Kind(models.TextChoices):
        # Thread streams (every reader of the thread may learn these).
        PUBLISHED = "published", _("Comment published")
        EDITED = "edited", _("Comment edited")
        VOTED = "voted", _("Score changed")
        REMOVED = "removed", _("Comment taken off the page")
        # The desk stream (moderators only).
        HELD = "held", _("Comment held")
        REPORTED = "reported", _("Comment reported")
        DECIDED = "decided", _("Comment decided")
        SLOW_MODE = "slow_mode", _("Slow mode started by itself")

    DESK_KINDS = frozenset({Kind.HELD, Kind.REPORTED, Kind.DECIDED, Kind.SLOW_MODE})

    thread_id = models.BigIntegerField()
    comment_id = models.BigIntegerField(null=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # What the browser needs to place the change without another request (parent, score...).
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["thread_id", "id"])]

    def __str__(self):
        return f"{self.kind} {self.comment_id} in thread {self.thread_id}"

    @classmethod
    def thread_q(cls, thread_id):
        """Return a Q for the events a thread's readers are sent."""
        return models.Q(thread_id=thread_id) & ~models.Q(kind__in=cls.DESK_KINDS)

    @classmethod
    def desk_q(cls):
        """Return a Q for the events the moderation desk is sent."""
        return models.Q(kind__in=cls.DESK_KINDS)

    def payload(self):
        """Return the event as the small dict sent in NOTIFY and in the stream."""
        return {
            "id": self.pk,
            "thread": self.thread_id,
            "comment": self.comment_id,
            "kind": self.kind,
            **self.data,
        }
