"""Which variants of a page its readers had to render lately: what a write renders again for them.

A page of a thread exists in several variants: the anonymous page and the members' frame
(forum/platform/frames.py), each in the languages it is read in. When a reader finds a
variant missing or stale and renders it, that is noted here, in the shared cache, for
DEMAND_SECONDS: a write to the page's discussion then renders those variants again ahead
of their readers (forum/discussion/prerender.py), and only those, so nobody pays for a
language or a kind of page nobody reads. Renders made ahead of readers are not noted:
a variant nobody had to render for DEMAND_SECONDS drops out, and its next reader renders
it (and notes it) as before.
"""

import hashlib
import logging
import secrets

from django.core.cache import caches
from django.utils.connection import ConnectionProxy

# How long a variant a reader rendered is rendered again on write (each a render per write,
# at most one per PAGE_RENDER_INTERVAL_SECONDS): long enough for a busy page's readers to
# come back, short enough that a variant read once stops costing soon.
DEMAND_SECONDS = 120
PAGE = "page"  # the page as an anonymous reader gets it (pagecache)
FRAME = "frame"  # the frame members' pages are filled in from (forum/discussion/member_pages.py)
# Set on the requests forum/discussion/prerender.py makes: their renders are no reader's.
PRERENDERING = "prerendering"
# The value of the render locks taken for this process's renders ahead: theirs, no reader's.
CLAIM = f"prerender:{secrets.token_hex(8)}"

pages = ConnectionProxy(caches, "pages")
logger = logging.getLogger(__name__)


def _key(path):
    return f"pc:v:{hashlib.sha256(path.encode()).hexdigest()[:32]}"


def noted(request, path, kind, language, *, now):
    """Note that a reader of `path` rendered its `kind` variant in `language` at `now`."""
    if getattr(request, PRERENDERING, False):
        return
    try:
        seen = pages.get(_key(path)) or {}
        seen = {v: at for v, at in seen.items() if now - at < DEMAND_SECONDS}
        seen[f"{kind}:{language}"] = now
        pages.set(_key(path), seen, timeout=DEMAND_SECONDS)
    except Exception:  # a lost note costs one reader a render, never the reader's page
        logger.exception("Could not note a render of %s", path)


def wanted(path, *, now):
    """Return the (kind, language) variants of `path` its readers rendered in DEMAND_SECONDS."""
    seen = pages.get(_key(path)) or {}
    return sorted(
        tuple(variant.split(":", 1)) for variant, at in seen.items() if now - at < DEMAND_SECONDS
    )
