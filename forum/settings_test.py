"""Settings for the test suite: the real settings with fast, in-process replacements."""

import os

os.environ.setdefault("TESTING", "1")

from forum.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
SECURE_SSL_REDIRECT = False
# A new comment shows at once on cached pages in tests; tests of the interval set it.
PAGE_RENDER_INTERVAL_SECONDS = 0
# No thread renders pages behind a test's back; tests of rendering on write set "inline".
PRERENDER_ON_WRITE = "off"
