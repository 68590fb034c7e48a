"""How long the DSA's records are kept: notices, statements and appeals outlive the comment
and the account they are about, for DSA_RETENTION_DAYS; a deleted account's personal data
goes from them at once.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from forum.models import Decision, Notice, NotifierSuspension


@transaction.atomic
def records_purge(*, now=None):
    """Delete the notices, statements (with their appeals) and suspensions past retention.

    Return how many notices and statements were deleted. The daily counts of the
    transparency report hold no personal data and are kept.
    """
    cutoff = (now or timezone.now()) - timedelta(days=settings.DSA_RETENTION_DAYS)
    notices, _ = Notice.objects.filter(created_at__lt=cutoff).delete()
    decisions, _ = Decision.objects.filter(created_at__lt=cutoff).delete()
    NotifierSuspension.objects.filter(until__lt=cutoff).delete()
    return notices, decisions


@transaction.atomic
def member_forget(*, member):
    """Keep the records about a member whose account is deleted, without their personal data."""
    Notice.objects.filter(notifier=member).update(
        notifier=None, notifier_name="", notifier_email=""
    )
    if member.email:
        Notice.objects.filter(notifier_email__iexact=member.email).update(
            notifier_name="", notifier_email=""
        )
    NotifierSuspension.objects.filter(member=member).update(member=None, email="")
    Decision.objects.filter(author=member).update(author=None)
