"""The one family of exceptions for an action the forum refuses: a code, its parameters, words."""

from django.core.exceptions import PermissionDenied

from forum.refusals import words


class ActionRefused(Exception):
    """An action a member or moderator asked for that cannot be done; nothing was changed.

    `code` (a forum.refusals.Code) says why and `params` fill its words; str() gives them.
    """

    def __init__(self, code, **params):
        super().__init__(code)
        self.code, self.params = code, params

    @classmethod
    def of(cls, refusal):
        """Return this refusal (a forum.refusals.Refusal) as an exception to raise."""
        return cls(refusal.code, **refusal.params)

    def __str__(self):
        return words(self.code, **self.params)


class NotAllowed(ActionRefused, PermissionDenied):
    """An action this person may not take at all; views that don't catch it answer 403."""


class DiscussionError(ActionRefused):
    """A write the member asked for that cannot be done; the message says why, kindly."""


class CommentRefused(DiscussionError):
    """A comment refused outright by the word list; it is kept, rejected, for moderators."""


class RateLimited(DiscussionError):
    """The member reached a rate limit; their text is kept so they can try again later."""


class KeyReused(DiscussionError):
    """A form's key came back with another text: not a retry, so not answered as one."""


class NotParticipating(DiscussionError, NotAllowed):
    """The member may not take part now (signed out, banned, suspended, unconfirmed): a 403."""


class ModerationError(ActionRefused):
    """A moderation write that cannot be done; the message says why."""


class ModerationConflict(ModerationError):
    """The object changed since the moderator looked at it; nothing was changed.

    Its code says what the moderator found instead, its parameters who did it and when.
    """


class AlreadyReported(ModerationError):
    """The member reported this comment before; the first report stands."""
