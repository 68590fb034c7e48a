"""The one write of the embed: a thread opened on its first load by an allowed site."""

import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.embed.origins import allowed_origin
from forum.models import Thread
from forum.platform import ratelimit

# Keys the forum's own apps give their threads; an embed may show them, never create them.
RESERVED_KEY = re.compile(r"^(article|test):", re.IGNORECASE)
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$")


class EmbedRefused(Exception):
    """No thread for this embed; the message says why (for the site's developers)."""


def _clean_title(title, url):
    title = "".join(ch for ch in (title or "") if ch.isprintable()).strip()
    return (title or url)[:300]


def thread_for_embed(*, key, url, title, client_ip):
    """Return the visible thread with `key`, creating it for a page of an allowed site.

    Raises EmbedRefused when there is no such thread and none may be created.
    """
    thread = Thread.objects.filter(key=key).first() if key else None
    if thread is not None:
        if not thread.is_visible:
            raise EmbedRefused(_("This discussion is not public."))
        return thread
    if not KEY.match(key or "") or RESERVED_KEY.match(key):
        raise EmbedRefused(_("data-thread must be 1-100 letters, digits or . _ : / -"))
    if len(url or "") > 300 or not allowed_origin(url):
        raise EmbedRefused(_("data-url must be a page of a site in EMBED_ALLOWED_ORIGINS."))
    limit = settings.EMBED_THREAD_RATE_PER_HOUR
    if not ratelimit.hit("embed-thread", client_ip, limit=limit, window_seconds=3600):
        raise EmbedRefused(_("Too many new discussions from this address; try again later."))
    return _thread_create(key=key, url=url, title=_clean_title(title, url))


@transaction.atomic
def _thread_create(*, key, url, title):
    # The unique key settles a race between two first loads: both get the same thread.
    thread, _ = Thread.objects.get_or_create(
        key=key, defaults={"title": title, "url": url, "visible_from": timezone.now()}
    )
    return thread
