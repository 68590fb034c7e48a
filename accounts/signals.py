"""Signals other apps listen to, so that accounts never imports them."""

from django.dispatch import Signal

# Sent inside the deletion transaction, before the User row goes.
# Arguments: user (the member), remove_comments (bool: the member asked to remove their comments).
account_deleting = Signal()
