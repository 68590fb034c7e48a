"""An ASGI server (uvicorn, as in production) in a thread of the test process.

pytest-django's `live_server` is a threaded WSGI server: it cannot stream Server-Sent
Events. This one serves forum.asgi on a port the system picks, against the test database.
"""

import socket
import threading
import time
from contextlib import contextmanager

import uvicorn
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.db import connections

STARTUP_SECONDS = 20  # a bound for a busy machine, not a measure


def free_port():
    """Return a port of 127.0.0.1 that nothing listens on now, as the system picks it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def asgi_server():
    """Serve the site with uvicorn until the block ends; yield its base URL.

    The server is stopped whatever happens, a slow or failed start included. Static files
    are served from the source folders, as `live_server` does (production serves collected
    files with nginx or WhiteNoise).
    """
    from forum.asgi import application

    # Bound here and handed to uvicorn: no other process can take the port in between.
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    config = uvicorn.Config(
        ASGIStaticFilesHandler(application),
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_level="warning",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listening]}, name="asgi-test-server", daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the ASGI test server did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        if thread.is_alive():
            server.force_exit = True
            thread.join(5)
        listening.close()
        connections.close_all()
