"""The guest authors of an archive: found or added in bulk, one query each way per batch."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from forum.models import GuestAuthor

ANONYMOUS = "Anonymous"


def guest_key(comment):
    """Return how the import tells an archive's author apart: the archive's own key, else
    their name (two anonymous people with one name are one guest; nothing tells them apart)."""
    return comment.author_key or f"name:{comment.author_name.strip().casefold()}"


def guests_ensure(*, source, comments, known=None):
    """Return {guest key: GuestAuthor} for the authors of `comments`, adding the new ones.

    `known` (a dict) holds the guests found before and is added to: they are not looked up
    again. The e-mail address is kept IMPORT_EMAIL_KEEP_DAYS for claiming (0: not kept).
    """
    known = {} if known is None else known
    wanted = {guest_key(c): c for c in comments if c.has_author}
    unknown = [key for key in wanted if key not in known]
    if unknown:
        known |= {g.key: g for g in GuestAuthor.objects.filter(source=source, key__in=unknown)}
    found = {key: known[key] for key in wanted if key in known}
    days = settings.IMPORT_EMAIL_KEEP_DAYS
    until = timezone.now() + timedelta(days=days)
    missing = [
        GuestAuthor(
            source=source,
            key=key[:200],
            name=(c.author_name.strip() or ANONYMOUS)[:100],
            email=c.author_email[:254] if days > 0 else "",
            email_kept_until=until if days > 0 and c.author_email else None,
        )
        for key, c in wanted.items()
        if key not in found
    ]
    if missing:
        GuestAuthor.objects.bulk_create(missing, ignore_conflicts=True)
        keys = [g.key for g in missing]
        added = {g.key: g for g in GuestAuthor.objects.filter(source=source, key__in=keys)}
        known |= added
        found |= added
    return found


def guests_erase_emails():
    """Erase the e-mail addresses kept longer than claiming needs; return how many."""
    return GuestAuthor.objects.past_keeping().update(email="", email_kept_until=None)
