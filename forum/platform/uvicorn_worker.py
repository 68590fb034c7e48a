"""The gunicorn worker class of the app servers: uvicorn serving forum.asgi.

`gunicorn -k forum.platform.uvicorn_worker.ForumWorker forum.asgi` (set in deploy/gunicorn.conf.py).
"""

from uvicorn_worker import UvicornWorker


class ForumWorker(UvicornWorker):
    CONFIG_KWARGS = {
        **UvicornWorker.CONFIG_KWARGS,
        # Django answers no ASGI lifespan messages; asking only logs that it doesn't.
        "lifespan": "off",
        # Open event streams end on SIGTERM (forum/live/listener.py); anything still running
        # after this many seconds is cancelled, well inside gunicorn's graceful_timeout.
        "timeout_graceful_shutdown": 5,
    }
