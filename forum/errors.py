"""The one family of exceptions for an action the forum refuses; the message says why, kindly."""

from django.core.exceptions import PermissionDenied


class ActionRefused(Exception):
    """An action a member or moderator asked for that cannot be done; nothing was changed."""


class NotAllowed(ActionRefused, PermissionDenied):
    """An action this person may not take at all; views that don't catch it answer 403."""
