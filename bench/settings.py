"""Settings for the HTTP benchmark: the production settings plus pages that exist only here."""

from forum.settings import *  # noqa: F403
from forum.settings import INSTALLED_APPS

# Production never imports this module, so the trivial view and the plain page never ship.
ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
