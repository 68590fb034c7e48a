"""Start and stop gunicorn for the benchmark, and talk to it over plain HTTP."""

import gzip
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port(start):
    """Return the first port from `start` on which 127.0.0.1 accepts a listener."""
    for port in range(start, start + 100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {start}-{start + 99}")


def get(url, *, headers=None, timeout=30):
    """Return (status, body) of a GET, sending gzip like wrk does."""
    headers = {"Accept-Encoding": "gzip", **(headers or {})}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (http to ourselves)
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return response.status, body


class Gunicorn:
    """A gunicorn with two sync workers serving the site on 127.0.0.1:port."""

    def __init__(self, *, port, env, log_path):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.env = env
        self.log_path = log_path
        self.process = None

    def start(self, *, wait=60):
        """Start gunicorn and return once it answers the trivial view."""
        command = [
            str(GUNICORN),
            "forum.wsgi",
            "--no-control-socket",
            "--workers=2",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{self.port}",
            # Slow pages under load queue for many seconds: don't kill the workers for it.
            "--timeout=300",
            f"--error-logfile={self.log_path}",
        ]
        # Its own process group, so that stopping it reaches the workers and nothing else.
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            command, cwd=ROOT, env=self.env, start_new_session=True, stdout=subprocess.DEVNULL
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                get(f"{self.base}/bench/ok", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {wait} s; see {self.log_path}")

    def probe(self, timeout):
        """Return the trivial view's status, or None when it does not answer in time."""
        try:
            return get(f"{self.base}/bench/ok", timeout=timeout)[0]
        except OSError:
            return None

    def wait_idle(self, *, wait=300):
        """Return once both workers have worked through the requests queued by a load."""
        # One probe per worker: both answer only when the queue ahead of them is gone.
        deadline = time.monotonic() + wait
        with ThreadPoolExecutor(max_workers=2) as pool:
            while time.monotonic() < deadline:
                if list(pool.map(self.probe, [wait, wait])) == [200, 200]:
                    return
        raise RuntimeError(f"gunicorn still busy after {wait} s")

    def stop(self):
        """Stop gunicorn and its workers at once."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)  # quick shutdown: don't finish slow pages
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
