"""The discussion's models: `from forum.models import Comment` reaches every one of them."""

from forum.models.embed import EmbedToken
from forum.models.imports import GuestAuthor, ImportRun
from forum.models.live import LiveEvent
from forum.models.moderation import (
    ModerationAction,
    ModeratorNote,
    Report,
    ScoringPolicy,
    WordRule,
)
from forum.models.notices import (
    Appeal,
    Decision,
    IllegalCategory,
    Notice,
    NotifierSuspension,
    TransparencyCount,
    TrustedFlagger,
)
from forum.models.notifications import Notification
from forum.models.threads import (
    Comment,
    CommentQuerySet,
    CommentRevision,
    StoredMarkup,
    Thread,
    ThreadQuerySet,
)
from forum.models.votes_follows import Follow, Vote
from forum.models.webhooks import Attempt, Delivery, Endpoint
from forum.models.workers import WorkerHeartbeat

__all__ = [
    "Attempt",
    "Delivery",
    "Endpoint",
    "Appeal",
    "Decision",
    "IllegalCategory",
    "Notice",
    "NotifierSuspension",
    "TransparencyCount",
    "TrustedFlagger",
    "Comment",
    "EmbedToken",
    "CommentQuerySet",
    "CommentRevision",
    "Follow",
    "GuestAuthor",
    "ImportRun",
    "LiveEvent",
    "ModerationAction",
    "ModeratorNote",
    "Notification",
    "Report",
    "ScoringPolicy",
    "StoredMarkup",
    "Thread",
    "ThreadQuerySet",
    "Vote",
    "WordRule",
    "WorkerHeartbeat",
]
