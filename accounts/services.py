"""Writes that span the account and what other apps keep about it."""

from django.db import transaction

from accounts.models import User
from accounts.signals import account_deleting


def account_delete(*, user, remove_comments):
    """Delete the member's account; their comments stay as "[deleted member]" unless removed.

    Other apps act on `account_deleting` inside the same transaction (the forum marks the
    comments removed when asked and corrects vote counts), so a failure anywhere leaves
    the account untouched. E-mail addresses go with the user row, which frees them.
    """
    with transaction.atomic():
        account_deleting.send(sender=User, user=user, remove_comments=remove_comments)
        user.delete()
