"""ASGI entry point: `uvicorn forum.asgi:application`, or gunicorn with uvicorn workers."""

import os
import re

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")

# Refuse to start without a secret key: reading an empty one raises ImproperlyConfigured.
settings.SECRET_KEY  # noqa: B018

django_application = get_asgi_application()

# These need the apps loaded above.
from forum.comments import scoring  # noqa: E402
from forum.platform.asgi_handler import SyncStackHandler  # noqa: E402
from forum.platform.fastpath import FastPath  # noqa: E402

# The scoring models (2-4 s, ~85 MB, and the learnt abuse model's table) load now, not in a
# member's first post; with gunicorn's preload_app the workers share the master's copy.
# Loaded here, never in a thread: a fork while a thread held the loader's lock would leave a
# worker waiting on it for ever.
if settings.TOXICITY_SCORING:
    scoring.load()

# Every request but the event streams: the middleware and the view in one thread hop.
page_application = SyncStackHandler()
# Cached pages for readers who are not signed in, answered before Django's middleware.
fast_path = FastPath(page_application)

# The live event streams (forum/live/urls.py), which stay open for as long as a page does.
EVENT_STREAMS = re.compile(r"^/(threads/[0-9]+|moderation)/events/$")


async def application(scope, receive, send):
    """Serve the site: cached anonymous pages from the loop, the rest in one thread hop each.

    Event streams go to Django's own handler, without a thread of their own. Django's runs
    each request's sync middleware in a thread reserved for that request until the response
    ends: for a stream, an idle thread (and its stack) per open page, ~90 KB
    each. Streams do little sync work (the session and user), so theirs share Django's one
    thread for sync code outside a request context, and no thread stays reserved.
    """
    if scope["type"] == "http" and EVENT_STREAMS.match(scope["path"]):
        await django_application.handle(scope, receive, send)
    elif await fast_path(scope, send):
        return
    else:
        await page_application(scope, receive, send)
