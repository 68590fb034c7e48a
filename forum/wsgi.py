"""WSGI entry point (gunicorn forum.wsgi)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")

# Refuse to start without a secret key: reading an empty one raises ImproperlyConfigured.
settings.SECRET_KEY  # noqa: B018

application = get_wsgi_application()

from forum.comments import scoring  # noqa: E402 (needs the apps loaded above)

# The scoring model loads now, not in a member's first post (see forum/asgi.py).
if settings.TOXICITY_SCORING:
    scoring.load()
