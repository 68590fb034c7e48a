"""ASGI entry point."""

import os

from django.conf import settings
from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings")

# Refuse to start without a secret key: reading an empty one raises ImproperlyConfigured.
settings.SECRET_KEY  # noqa: B018

application = get_asgi_application()
