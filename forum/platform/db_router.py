"""Reads that may be a moment old go to the read replica; everything else to the primary.

With DATABASE_REPLICA_URL set, settings add a "replica" database. A read goes there only
inside a request that allows it, as ReadReplicaMiddleware decides: a GET or HEAD from a
browser that has not written in the last READ_YOUR_WRITES_SECONDS. Everything else reads
and writes the primary ("default"): writes, reads inside a transaction (services lock and
read there), unsafe requests, management commands and the task worker (no request at all).

A request that writes (any POST, PUT, PATCH or DELETE; a member's GET that wrote) leaves a
short-lived signed cookie, so that browser reads its own writes from the primary until the
replica has caught up. Anonymous GETs that write nothing set no cookie: cached pages stay
cacheable. Sessions always come from the primary: who a request belongs to is never stale.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connections

PRIMARY = "default"
REPLICA = "replica"
RECENT_WRITE_COOKIE = "recent_write"
_COOKIE_SALT = "forum.platform.db_router"
_SAFE_METHODS = ("GET", "HEAD")
# Apps whose rows decide who is asking: read from the primary even on a safe request.
PRIMARY_ONLY_APPS = {"sessions"}


@dataclass
class _Routing:
    replica_allowed: bool
    wrote: bool = False


# None outside a request: commands and the task worker use the primary only.
_routing = contextvars.ContextVar("forum_db_routing", default=None)


def replica_configured():
    """Return whether a read replica is configured."""
    return REPLICA in settings.DATABASES


@contextmanager
def primary_reads():
    """Read from the primary inside this block, even in a request that allows the replica."""
    routing = _routing.get()
    if routing is None:
        yield
        return
    allowed, routing.replica_allowed = routing.replica_allowed, False
    try:
        yield
    finally:
        routing.replica_allowed = allowed


class ReplicaRouter:
    """Send reads to the replica when the current request allows it, all else to the primary."""

    def db_for_read(self, model, **hints):
        routing = _routing.get()
        if (
            routing is None
            or not routing.replica_allowed
            or not replica_configured()
            or model._meta.app_label in PRIMARY_ONLY_APPS
            # Reads in a transaction belong with its writes and locks.
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        if (routing := _routing.get()) is not None:
            routing.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: objects read from either may be related.
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema; it is never migrated itself.
        return False if db == REPLICA else None


def _wrote_recently(request):
    value = request.get_signed_cookie(
        RECENT_WRITE_COOKIE,
        default=None,
        salt=_COOKIE_SALT,
        max_age=settings.READ_YOUR_WRITES_SECONDS,
    )
    return value is not None


def _mark_recent_write(response):
    response.set_signed_cookie(
        RECENT_WRITE_COOKIE,
        "1",
        salt=_COOKIE_SALT,
        max_age=settings.READ_YOUR_WRITES_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class ReadReplicaMiddleware:
    """Let safe requests read from the replica, unless this browser wrote a moment ago."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        safe = request.method in _SAFE_METHODS
        routing = _Routing(replica_allowed=safe and not _wrote_recently(request))
        token = _routing.set(routing)
        try:
            response = self.get_response(request)
        finally:
            _routing.reset(token)
        member = getattr(getattr(request, "user", None), "is_authenticated", False)
        # An anonymous GET that wrote (a session, a counter) sets no cookie: its page may
        # be cached and shared.
        if not safe or (routing.wrote and member):
            _mark_recent_write(response)
        return response
