"""An ASGI server (uvicorn, as in production) in a thread of the test process.

pytest-django's `live_server` is a threaded WSGI server: it cannot stream Server-Sent
Events. This one serves forum.asgi on a free port of 8150-8169 against the test database.
"""

import socket
import threading
import time
from contextlib import contextmanager

import uvicorn
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.db import connections

PORTS = range(8150, 8170)


def _free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


@contextmanager
def asgi_server():
    """Serve the site with uvicorn until the block ends; yield its base URL.

    Static files are served from the source folders, as `live_server` does (production
    serves collected files with nginx or WhiteNoise).
    """
    from forum.asgi import application

    port = _free_port()
    config = uvicorn.Config(
        ASGIStaticFilesHandler(application),
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_level="warning",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="asgi-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the ASGI test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        connections.close_all()
