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
