"""The Redis cache backend: one client (and its connections) per process for each location."""

import contextvars
import threading

import pytest
from asgiref.sync import sync_to_async
from django.core.cache import caches

from forum import asgi
from forum.platform.redis_cache import RedisCache
from tests.forum.pagecache.test_fastpath import Answer, call

URL = "redis://127.0.0.1:6379/13"


def test_cache_objects_of_one_location_share_a_client():
    first, second = RedisCache(URL, {}), RedisCache(URL, {})
    assert first is not second
    assert first._cache is second._cache
    assert RedisCache(URL.replace("/13", "/12"), {})._cache is not first._cache
    assert RedisCache(URL, {"OPTIONS": {"db": 13}})._cache is not first._cache


def test_cache_objects_made_in_other_threads_share_it_too():
    made = []
    worker = threading.Thread(target=lambda: made.append(RedisCache(URL, {})._cache))
    worker.start()
    worker.join()
    assert made == [RedisCache(URL, {})._cache]


def _connections_received(server):
    return server.info("stats")["total_connections_received"]


@pytest.mark.django_db(transaction=True)
def test_requests_under_asgi_reuse_the_connections(redis_cache):
    # Each ASGI request has a context of its own (uvicorn starts each from an empty one),
    # where Django makes new cache objects: they must not open a connection to Redis each.
    def touch():
        caches["default"].get("probe")
        caches["pages"].get("probe")

    async def touching(scope, receive, send):
        await sync_to_async(touch, thread_sensitive=False)()

    touch()
    before = _connections_received(redis_cache)
    for _ in range(5):
        page = contextvars.Context().run(call, asgi.page_application, "/accounts/login/")
        assert Answer("", page).status == 200
        contextvars.Context().run(call, touching, "/")
    # Other clients of the same Redis (other test runs) may connect meanwhile: a margin.
    assert _connections_received(redis_cache) - before < 5
