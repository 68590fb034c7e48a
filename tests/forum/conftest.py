"""Fixtures shared by the forum's tests: task workers, and Redis as the shared cache."""

import pytest

from forum.platform.worker import ResilientWorker
from tests.factories import CommentFactory, UserFactory


@pytest.fixture
def make_worker():
    """Return a function that builds a database-task worker which runs what is queued, then stops.

    Unless `requeue_abandoned` is set, the worker skips its look for tasks a dead worker
    left RUNNING, and unless `heartbeat` is set it runs no heartbeat thread: both are
    tested on their own.
    """

    def make(worker_id="worker-a", *, requeue_abandoned=False, heartbeat=False):
        worker = ResilientWorker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
            heartbeat=heartbeat,
        )
        if not requeue_abandoned:
            worker.requeue_abandoned_tasks = lambda: 0
        return worker

    return make


@pytest.fixture
def redis_cache(settings):
    """The shared cache as production has it: Redis (database 13 of the local server)."""
    import redis

    url = "redis://127.0.0.1:6379/13"
    server = redis.Redis.from_url(url)
    try:
        server.flushdb()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379 (this project's machines run one)")
    redis = {"BACKEND": "forum.platform.redis_cache.RedisCache", "LOCATION": url}
    settings.CACHES = {"default": redis, "pages": redis}
    yield server
    server.flushdb()


@pytest.fixture
def regular(thread):
    """Return a member with enough published comments to post freely and include links."""
    user = UserFactory(username="regular")
    for n in range(5):
        CommentFactory(thread=thread, author=user, body=f"Earlier comment {n}")
    return user
