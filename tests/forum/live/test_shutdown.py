"""SIGTERM ends open streams cleanly: the server closes them itself instead of cutting them."""

import os
import signal
import subprocess
import sys
import time

import pytest
import requests
from django.db import connection

from tests.asgi_server import free_port
from tests.helpers import ROOT

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.requires_postgres("a uvicorn process of its own serves the test database"),
]

STARTUP_SECONDS = 60  # a bound for a new process starting Django on a busy machine


@pytest.fixture
def uvicorn_process():
    """Start uvicorn on the test database in a process of its own; yield (process, base URL)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}"
        f"/{settings_dict['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url, "TESTING": "1", "SECURE_SSL_REDIRECT": "0"}
    process = subprocess.Popen(  # noqa: S603 (our own command line)
        [
            sys.executable,
            "-m",
            "uvicorn",
            "forum.asgi:application",
            f"--port={port}",
            "--lifespan=off",
            "--timeout-graceful-shutdown=30",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_it_answers(process, base + "/healthz")
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)


def wait_until_it_answers(process, url):
    """Return once `url` answers; fail if the process ends or STARTUP_SECONDS pass first."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            requests.get(url, timeout=5)
            return
        except requests.RequestException:  # not listening yet, or too slow to answer
            pass
        assert process.poll() is None, f"uvicorn exited with {process.returncode}"
        assert time.monotonic() < deadline, f"uvicorn did not answer {url} in {STARTUP_SECONDS} s"
        time.sleep(0.1)


def test_sigterm_closes_open_streams_and_the_server_exits(uvicorn_process, thread):
    process, base = uvicorn_process
    with requests.get(f"{base}/threads/{thread.pk}/events/", stream=True, timeout=30) as stream:
        chunks = stream.iter_content(chunk_size=None)
        assert b"retry:" in next(chunks)
        process.send_signal(signal.SIGTERM)
        # The stream ends with HTTP's last chunk: closed by the server, not cut when its
        # graceful timeout (30 s here, longer than this test waits) runs out.
        rest = b"".join(chunks)
    assert b"data:" not in rest
    # uvicorn re-raises the signal once it has shut down: the process ends "killed" by it.
    assert process.wait(timeout=20) == -signal.SIGTERM
