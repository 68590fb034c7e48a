"""Answer readers who are not signed in from the page cache before Django's middleware runs.

Under ASGI, Django runs each request's sync middleware and view in a thread of its own: for
a page that is already in the cache, those hops cost several times the work itself. So the
ASGI application (forum/asgi.py) first asks this module: a GET or HEAD without a session or
messages cookie, for a view decorated with `pagecache.cache_anonymous_page`, is looked up
in the page cache on the event loop (Redis through `redis.asyncio`, with the keys and the
values Django's cache uses; a local-memory cache is read in place). A fresh entry, or a
stale one while another request renders it (pagecache's stale-while-revalidate), is
answered here. A stale one that no request renders yet is given to Django with its render
lock taken here (so one request per change leaves the loop); anything else (a miss, a
member, an unknown host, a redirect to HTTPS, a cache of another kind) falls through to
Django unchanged, which renders and stores.

The answer is the one Django would give: `pagecache.answer` makes the response, then the
response headers of the middleware that would have run (security headers, CSP, framing,
Content-Length), the request id and log line (forum/platform/logs.py) and the request
metrics (forum/platform/metrics.py) are added by the same code. tests/forum/pagecache/
test_fastpath.py compares the headers with those of the full stack.
"""

import io
import weakref
from asyncio import get_running_loop

import redis.asyncio
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisSerializer
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import Resolver404, resolve

from forum.platform import logs, metrics, pagecache, pagetokens
from forum.platform.headers import SecurityHeadersMiddleware

_SAFE_METHODS = ("GET", "HEAD")


def _no_response(request):
    raise AssertionError("the fast path answers from the cache or not at all")


class _RedisReader:
    """Read keys of a Django RedisCache with redis.asyncio: one client per event loop."""

    def __init__(self, cache):
        self.cache = cache
        self.serializer = RedisSerializer()
        self.clients = weakref.WeakKeyDictionary()

    def _client(self):
        loop = get_running_loop()
        client = self.clients.get(loop)
        if client is None:
            # The first server, where Django writes: a replica could lag behind a new token.
            client = redis.asyncio.Redis.from_url(self.cache._servers[0])
            self.clients[loop] = client
        return client

    async def get_many(self, keys):
        values = await self._client().mget([self.cache.make_key(key) for key in keys])
        return {
            key: self.serializer.loads(value)
            for key, value in zip(keys, values, strict=True)
            if value is not None
        }

    async def add(self, key, value, timeout):
        """Set `key` unless it exists (Redis's SET NX, as Django's `add`); return whether set."""
        return bool(await self._client().set(self.cache.make_key(key), value, nx=True, ex=timeout))


class _LocalReader:
    """Read a local-memory cache in place: no I/O, nothing to wait for."""

    def __init__(self, cache):
        self.cache = cache

    async def get_many(self, keys):
        return self.cache.get_many(keys)

    async def add(self, key, value, timeout):
        return self.cache.add(key, value, timeout=timeout)


def reader_for(cache):
    """Return an async reader of `cache`, or None for a kind of cache read only by Django."""
    if isinstance(cache, RedisCache):
        return _RedisReader(cache)
    if isinstance(cache, LocMemCache):
        return _LocalReader(cache)
    return None


class FastPath:
    """Answer cached anonymous pages over ASGI; `await fast_path(scope, send)` says if it did."""

    def __init__(self, handler):
        self.handler = handler  # Django's ASGIHandler: it encodes the response the same way
        # Read for its kind, location and keys only: the reader has connections of its own.
        self.reader = reader_for(caches["pages"])
        self.security = SecurityMiddleware(_no_response)
        self.common = CommonMiddleware(_no_response)
        self.csp = ContentSecurityPolicyMiddleware(_no_response)
        # Outermost last, as the middleware hand the response back up the stack.
        self.response_middleware = [
            self.csp,
            XFrameOptionsMiddleware(_no_response),
            self.common,
            SecurityHeadersMiddleware(_no_response),
            self.security,
        ]
        self.cookies = (settings.SESSION_COOKIE_NAME, "messages")
        self.enabled = self.reader is not None and not (
            settings.DISALLOWED_USER_AGENTS or settings.PREPEND_WWW
        )

    async def __call__(self, scope, send):
        if not self.enabled or scope["type"] != "http" or scope["method"] not in _SAFE_METHODS:
            return False
        started = metrics.started()
        found = await self._lookup(scope)
        if found is None:
            return False
        request, match, page, result = found
        response = pagecache.answer(request, page.entry)
        for middleware in self.response_middleware:
            response = middleware.process_response(request, response)
        logs.log_response(request, response, logs.request_id_from(request), started)
        metrics.count(request, response, match, started)
        pagecache.page_cache_requests.labels(result).inc()
        await self.handler.send_response(response, send)
        return True

    async def _lookup(self, scope):
        """Return (request, match, page, "hit" or "stale") when the cache answers, else None."""
        request = ASGIRequest(scope, io.BytesIO())
        if any(name in request.COOKIES for name in self.cookies):  # a member, or a message
            return None
        try:
            request.get_host()  # Django answers 400 to a host not in ALLOWED_HOSTS
        except DisallowedHost:
            return None
        if self.security.process_request(request) is not None:  # to HTTPS
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        options = getattr(match.func, "page_cache", None)
        if options is None:
            return None
        query = pagecache.query_part(request, options.params)
        if query is None:
            return None
        token_keys = pagetokens.page_token_keys(request.path, options.scopes)
        key = pagecache._entry_key(request, query)
        lock = pagecache._lock_key(key)
        found = await self.reader.get_many([*token_keys, key, lock])
        now = pagecache.clock()
        page = pagecache.page_of(key, token_keys, found, now)  # as the sync path decides
        taken = pagecache.lock_value(now)
        if page.fresh:
            result = "hit"
        elif page.entry is None:
            return None
        elif lock not in found and await self.reader.add(lock, taken, pagecache.LOCK_SECONDS):
            # This request renders it: Django is told that it holds the lock already.
            scope[pagecache.LOCK_HELD] = lock
            return None
        elif page.may_serve_stale(now) or pagecache.rendering_now(found.get(lock), now):
            result = "stale"  # another request renders it
        else:
            return None  # a lock left behind: Django renders, as the sync path decides
        request.resolver_match = match
        request.user = AnonymousUser()
        self.csp.process_request(request)  # as the CSP middleware leaves it for the response
        return request, match, page, result
