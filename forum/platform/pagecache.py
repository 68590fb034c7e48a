"""A shared cache of whole pages for readers who are not signed in.

A page is stored gzip-compressed in the cache alias "pages" (Redis in production, so every
app server sees the same entries and the same invalidations; local memory otherwise) under
a key made of its path and the few query parameters it understands. It depends on version
tokens:

- "site": bumped when articles, topics or pages change; every cached page depends on it;
- "discussions": bumped by any write a reader of a discussion would see; listings that
  show comment counts (home, topics, feeds) depend on it;
- one token per page path: bumped when the discussion hosted at that path changes, so a
  busy thread does not flush every other page (its embed, /embed/?key=..., follows the
  same token);
- one "scores" token per page path: bumped by votes on the discussion there, and tolerated
  by a page until it is VOTE_PAGE_LAG_SECONDS old (forum/platform/pagetokens.py), so a flood
  of votes does not buy a render per vote.

An entry remembers the tokens it was rendered under, and when, and is read together with
the current tokens (one round trip to Redis): it is fresh while they are the same, the
scores aside within the lag (`pagetokens.freshness`, which the fast path uses too). A page
has one entry, replaced when it is rendered again, and entries expire by themselves, so
memory stays bounded.

Readers never wait for a write: a token's value also lists its last few values with the
time each was set, so a reader of a stale entry knows when it went stale. One reader
renders the page again, holding a short lock in the cache (`add`, its value the time it was
taken), while the others are answered the stale entry: for STALE_SECONDS after the change,
and past that while the render began less than STALE_SECONDS ago (the first reader of a
page that went stale while nobody read it, on a busy server, must not be joined by every
other reader rendering the same page); with a lock older than that (its request died),
readers render. And a page is rendered at most once per PAGE_RENDER_INTERVAL_SECONDS
(0.5 s): a change to a page younger than that counts from the page's age of the interval.
A change is thus shown to every reader within the interval and the render's time (at most
STALE_SECONDS more), and a busy page is rendered at most twice a second, however many
comments a second its thread gets, not once per reader who came while it rendered.
Votes are stale from the entry's age of VOTE_PAGE_LAG_SECONDS (or the vote, if later). (When
another token changed more often than its history holds since the entry was rendered, it
is served stale only while a render that began less than STALE_SECONDS ago runs.)

A page is only stored when rendering it set no cookie and needed no CSRF token, so nothing
personal can reach the shared entry.
"""

import gzip
import hashlib
import logging
import re
import secrets
import time
from dataclasses import dataclass
from functools import wraps

import prometheus_client
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.connection import ConnectionProxy
from django.utils.http import parse_etags
from isal import igzip

from forum.platform import compression, pagetokens, variants
from forum.platform.db_router import primary_reads
from forum.platform.pagetokens import DISCUSSIONS, PATH, SCORES, SITE, UNSET
from forum.platform.pagetokens import token_key as _token_key

BROWSER_MAX_AGE = 5  # seconds a browser, proxy or CDN may keep a page without asking
TOKEN_TIMEOUT = 24 * 3600  # longer than any entry lives, so an expired token can't revive one
STALE_SECONDS = 1.0  # how long after a change a reader may still be answered the page before it
LOCK_SECONDS = 10  # a render lock left by a request that died is gone after this long
# Values a token remembers, with the time each was set. A comment bumps its page's token
# twice (at once and on commit): 16 cover 8 comments, over a second at 5 comments a second.
# An entry older than that is never served stale, so with fewer every reader would render
# while one render took longer than a few comments' gap.
TOKEN_HISTORY = 16
# In an ASGI request's scope: the render lock the fast path (fastpath.py) took for it.
LOCK_HELD = "forum.page_cache_lock"

# The cache of pages and their shared parts: its own alias, per thread and per async task.
pages = ConnectionProxy(caches, "pages")
# What the changes and the readers are timed by; tests stop it (as forum/platform/ratelimit.py's).
clock = time.time
logger = logging.getLogger(__name__)
# Listed with the other metrics in forum/platform/metrics.py.
page_cache_requests = prometheus_client.Counter(
    "forum_page_cache_requests_total",
    "Anonymous requests for a cached page: hit, stale (answered the page before a change while"
    " another request renders it), stored (rendered and stored), uncacheable",
    ["result"],
)
_PAGE_NUMBER = re.compile(r"^[1-9][0-9]{0,3}$")


def page_number(value):
    """Accept page numbers 1 to 9999 as the `page` parameter of a cached page."""
    return bool(_PAGE_NUMBER.match(value))


def object_id(value):
    """Accept a plain positive id (e.g. `?comment=123`)."""
    return value.isascii() and value.isdigit() and len(value) <= 12


def _bump(*keys):
    """Give each token a new value, remembering its last values and when each was set."""
    try:
        now = round(clock() * 1000)
        old = pages.get_many(keys)
        new = {}
        for key in keys:
            history = old.get(key, f"{UNSET}@0").split(" ")[: TOKEN_HISTORY - 1]
            new[key] = " ".join([f"{secrets.token_hex(4)}@{now}", *history])
        pages.set_many(new, timeout=TOKEN_TIMEOUT)
    except Exception:  # an unreachable cache must not undo the write that changed the page
        logger.exception("Could not invalidate cached pages %s", keys)


def invalidate(*, paths=(), site=False):
    """Make the next anonymous request see fresh pages: the discussions, `paths`, or all.

    Bumps now and again after the surrounding transaction commits: a reader who renders the
    page between the two would otherwise keep the old state cached.
    """
    keys = [_token_key(DISCUSSIONS)] + [_token_key(PATH, p) for p in paths if p]
    if site:
        keys.append(_token_key(SITE))
    _bump(*keys)
    transaction.on_commit(lambda: _bump(*keys), robust=True)


def scores_changed(*, paths):
    """Show new scores on the pages at `paths` within VOTE_PAGE_LAG_SECONDS, not at once.

    Called once the votes are committed, so one bump is enough: no render can start after
    it and still see the scores before them.
    """
    _bump(*[_token_key(SCORES, p) for p in paths if p])


@dataclass(frozen=True)
class _Entry:
    versions: str  # the tokens the page was rendered under
    status: int
    content_type: str
    body_gzip: bytes
    etag: str
    rendered_at: float = 0.0  # when its render began (0: an entry from before it was kept)


def query_part(request, params):
    """Return the understood query parameters as a key part, or None when not cacheable.

    `params` maps each parameter that changes the page to a test of its values; a value
    that fails makes the page uncacheable. Other parameters are left out of the key.
    """
    parts = []
    for name, accepts in params.items():
        values = request.GET.getlist(name)
        if not values:
            continue
        if len(values) > 1 or not accepts(values[0]):
            return None  # junk must not fill the cache with one entry per value
        parts.append(f"{name}={values[0]}")
    return "&".join(parts)


def _is_anonymous_reader(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if "messages" in request.COOKIES:  # a message waiting for this reader
        return False
    return not request.user.is_authenticated


def language_of(request):
    """Return the interface language of `request`, as LocaleMiddleware picks it for a reader.

    One of LANGUAGES whatever the headers say, so a page has at most one entry a language.
    """
    return getattr(request, "LANGUAGE_CODE", None) or translation.get_language_from_request(request)


def _entry_key(request, query):
    # The language is in the key: a German reader never gets the English page.
    place = f"{language_of(request)}:{request.path}?{query}"
    return f"pc:e:{hashlib.sha256(place.encode()).hexdigest()[:32]}"


def _lock_key(key):
    """Return the key of the lock held by the request that renders the page at `key`."""
    return f"pc:l:{key}"


@dataclass(frozen=True)
class Page:
    """What the cache holds for one page: its key, the current versions, its entry if any."""

    key: str
    versions: str
    entry: _Entry | None
    fresh: bool
    stale_since: float | None  # when the entry went stale (None: fresh, missing or unknown)

    def may_serve_stale(self, now):
        """Return whether the stale entry is recent enough to answer while one request renders."""
        return self.stale_since is not None and now - self.stale_since <= STALE_SECONDS


def page_of(key, token_keys, found, now):
    """Return the Page at `key` at `now`, from `found`: the tokens and the entry read together."""
    versions = pagetokens.versions(token_keys, found)
    entry = found.get(key)
    if entry is None:
        return Page(key, versions, None, False, None)
    freshness = pagetokens.freshness(
        entry.versions,
        entry.rendered_at,
        token_keys,
        found,
        now=now,
        lag=settings.VOTE_PAGE_LAG_SECONDS,
        interval=settings.PAGE_RENDER_INTERVAL_SECONDS,
    )
    return Page(key, versions, entry, freshness.fresh, freshness.stale_since)


def lookup(request, scopes, query, path, now):
    """Return the page's Page: its key, the current versions, its entry (fresh or not)."""
    token_keys = pagetokens.page_token_keys(path, scopes)
    key = _entry_key(request, query)
    found = pages.get_many([*token_keys, key])  # one round trip for the tokens and the page
    return page_of(key, token_keys, found, now)


def _storable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Content-Encoding")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "session", None), "modified", False)
    )


def _store(key, versions, response, timeout, rendered_at):
    body = response.content
    entry = _Entry(
        versions=versions,
        status=response.status_code,
        content_type=response["Content-Type"],
        body_gzip=igzip.compress(body, compresslevel=compression.LEVEL, mtime=0),
        etag='"' + hashlib.sha256(body).hexdigest()[:24] + '"',
        rendered_at=rendered_at,
    )
    pages.set(key, entry, timeout=timeout)
    return entry


def answer(request, entry):
    """Return the response to `request` made from a cached entry (gzip, plain or 304)."""
    if entry.etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    elif "gzip" in request.headers.get("Accept-Encoding", "").lower():
        response = HttpResponse(entry.body_gzip, content_type=entry.content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(entry.body_gzip), content_type=entry.content_type)
    response["ETag"] = entry.etag
    response["Cache-Control"] = f"public, max-age={BROWSER_MAX_AGE}"
    response["Content-Language"] = language_of(request)
    patch_vary_headers(response, ("Accept-Language", "Accept-Encoding", "Cookie"))
    return response


def serve(request, render, *, timeout, query, scopes=(DISCUSSIONS,), path=None):
    """Answer a reader who is not signed in from the shared cache, else with `render()`.

    `query` is the page's `query_part` (None: not cacheable). With PATH in `scopes` the entry
    follows the token of `path`, the request's own by default: an embedded thread follows
    the page that hosts its discussion. Signed-in members always get `render()`.
    """
    if query is None or not _is_anonymous_reader(request):
        return render()
    now = clock()
    path = path or request.path
    page = lookup(request, scopes, query, path, now)
    # The thread's first page, in this language, is rendered again on write while readers ask.
    ahead = path if PATH in scopes and query == "" else None
    lock = _lock_key(page.key)
    # Taken for this request by the ASGI fast path when it found the page stale.
    held = getattr(request, "scope", {}).get(LOCK_HELD) == lock
    try:
        if page.fresh:
            page_cache_requests.labels("hit").inc()
            return answer(request, page.entry)
        if held or page.entry is None:
            return _render(request, render, page, timeout, noted=ahead)
        if pages.add(lock, lock_value(now), timeout=LOCK_SECONDS):
            held = True
            return _render(request, render, page, timeout, noted=ahead)
        # Another request renders it: the page before the change while that is recent.
        if page.may_serve_stale(now) or rendering_now(pages.get(lock), now):
            page_cache_requests.labels("stale").inc()
            return answer(request, page.entry)
        return _render(request, render, page, timeout, noted=ahead)  # a lock left behind
    finally:
        if held:
            pages.delete(lock)


def lock_value(now):
    """Return the value of a render lock taken at `now`: that time, in milliseconds."""
    return int(now * 1000)


def rendering_now(value, now):
    """Return whether a render lock of `value` was taken in the last STALE_SECONDS: its
    request is rendering the page, so another reader may be answered the page before it.
    (A lock left by a request that died, or another kind of lock, is not: readers render.)"""
    return type(value) is int and 0 <= now * 1000 - value <= STALE_SECONDS * 1000


def _render(request, render, page, timeout, *, noted=None):
    """Render the page, store it when it may be shared (noting it for `noted`), and answer."""
    # From the primary: a page rendered from a replica that lags behind the write
    # that just invalidated it would be shared, stale, until it expires.
    rendered_at = clock()
    with primary_reads():
        response = render()
    if not _storable(request, response):
        page_cache_requests.labels("uncacheable").inc()
        return response
    entry = _store(page.key, page.versions, response, timeout, rendered_at)
    page_cache_requests.labels("stored").inc()
    if noted:
        variants.noted(request, noted, variants.PAGE, language_of(request), now=rendered_at)
    return answer(request, entry)


@dataclass(frozen=True)
class Options:
    """How a view's page is cached, read by the ASGI fast path (forum/platform/fastpath.py)."""

    params: dict
    scopes: tuple
    timeout: int


def cache_anonymous_page(*, timeout, scopes=(DISCUSSIONS,), params=None):
    """Serve a view's page to readers who are not signed in from the shared cache.

    `scopes` name the version tokens the page depends on besides "site"; `params` maps the
    query parameters that change the page to a test of their values (a value that fails
    is answered uncached); other parameters are ignored, as the view ignores them.
    """
    params = params or {}

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return serve(
                request,
                lambda: view(request, *args, **kwargs),
                timeout=timeout,
                query=query_part(request, params),
                scopes=scopes,
            )

        wrapped.page_cache = Options(params=params, scopes=tuple(scopes), timeout=timeout)
        return wrapped

    return decorator
