"""ASGI entry point: `uvicorn forum.asgi:application`, or gunicorn with uvicorn workers."""

import os
import re

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")

# Refuse to start without a secret key: reading an empty one raises ImproperlyConfigured.
settings.SECRET_KEY  # noqa: B018

django_application = get_asgi_application()

from forum.platform.fastpath import FastPath  # noqa: E402 (needs the apps loaded above)

# Cached pages for readers who are not signed in, answered before Django's middleware.
fast_path = FastPath(django_application)

# The live event streams (forum/live/urls.py), which stay open for as long as a page does.
EVENT_STREAMS = re.compile(r"^/(threads/[0-9]+|moderation)/events/$")


async def application(scope, receive, send):
    """Serve the site; event streams without a thread of their own.

    Django runs each request's sync middleware in a thread reserved for that request until
    the response ends: for a stream, an idle thread (and its stack) per open page, ~90 KB
    each. Streams do little sync work (the session and user), so theirs share Django's one
    thread for sync code outside a request context, and no thread stays reserved.
    """
    if scope["type"] == "http" and EVENT_STREAMS.match(scope["path"]):
        await django_application.handle(scope, receive, send)
    elif await fast_path(scope, send):
        return
    else:
        await django_application(scope, receive, send)
