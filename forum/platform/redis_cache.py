"""Django's Redis cache backend, with one Redis client per connection pool instead of one per call.

Django's backend builds a new `redis.Redis` for every cache operation; with redis-py 8 that
object's constructor (its table of reply callbacks) costs about as much CPU as the GET it is
made for. A `redis.Redis` is safe to share between threads (each command takes a connection
from the pool), so one is kept per pool.
"""

from django.core.cache.backends import redis as django_redis


class _Client(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client
