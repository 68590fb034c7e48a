"""Django's Redis cache backend, with one client per process and location instead of one per call.

Django's backend builds a new `redis.Redis` for every cache operation; with redis-py 8 that
object's constructor (its table of reply callbacks) costs about as much CPU as the GET it is
made for. A `redis.Redis` is safe to share between threads (each command takes a connection
from the pool), so one is kept per pool.

Django keeps its cache objects in an asgiref `Local` that is not thread-critical: under ASGI,
each request (its own asyncio task and context) gets new ones. Each new object had a pool of
its own, so every request that touched the cache under uvicorn opened a new TCP connection to
Redis (about a third of a signed-in member's page, measured under load). The client, with its
pools, is therefore kept once per process for each location and options: every cache object
of that configuration, in any thread or request, shares its connections. redis-py's pools are
thread-safe and start afresh in a forked process (gunicorn's workers).
"""

import threading

from django.core.cache.backends import redis as django_redis
from django.utils.functional import cached_property


class _Client(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._lock = threading.Lock()

    def _get_connection_pool(self, write):
        # Django's fills a dict without a lock: two threads could each make a pool.
        index = self._get_connection_pool_index(write)
        pool = self._pools.get(index)
        if pool is None:
            with self._lock:
                pool = self._pools.get(index)
                if pool is None:
                    pool = self._pool_class.from_url(self._servers[index], **self._pool_options)
                    self._pools[index] = pool
        return pool

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


_shared = {}
_shared_lock = threading.Lock()


def shared_client(servers, options):
    """Return this process's client of `servers` with `options`, made on first use."""
    key = (tuple(servers), repr(sorted(options.items())))
    with _shared_lock:
        client = _shared.get(key)
        if client is None:
            client = _shared[key] = _Client(servers, **options)
    return client


class RedisCache(django_redis.RedisCache):
    @cached_property
    def _cache(self):
        return shared_client(self._servers, self._options)
