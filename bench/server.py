"""Start and stop the benchmark's servers (gunicorn, nginx), and talk to them over plain HTTP."""

import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
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


# The app servers: "asgi" is production's (deploy/gunicorn.conf.py: uvicorn workers serving
# forum.asgi), "sync" gunicorn's sync workers serving forum.wsgi, for comparison.
ASGI = "asgi"
SYNC = "sync"


class Gunicorn:
    """A gunicorn with two workers of `kind` serving the site on 127.0.0.1:port."""

    def __init__(self, *, port, env, log_path, kind=SYNC):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.env = env
        self.log_path = log_path
        self.kind = kind
        self.process = None

    def command(self):
        """Return the command line: production's configuration for ASGI, sync workers else."""
        if self.kind == ASGI:
            head = [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "forum.asgi"]
        else:
            head = [str(GUNICORN), "forum.wsgi", "--no-control-socket", "--worker-class=sync"]
        return [
            *head,
            "--workers=2",
            f"--bind=127.0.0.1:{self.port}",
            # Slow pages under load queue for many seconds: don't kill the workers for it.
            "--timeout=300",
            f"--error-logfile={self.log_path}",
        ]

    def start(self, *, wait=60):
        """Start gunicorn and return once it answers the trivial view."""
        command = self.command()
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


NGINX_CONF = """
worker_processes 2;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    types {{ text/html html; }}
    gzip_static on;
    server {{
        listen 127.0.0.1:{port};
        root {root}/www;
    }}
}}
"""


class Nginx:
    """A private nginx (2 workers) serving files from a temporary folder on 127.0.0.1:port."""

    def __init__(self, *, port):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.root = None
        self.process = None

    @staticmethod
    def available():
        return shutil.which("nginx") or os.path.exists("/usr/sbin/nginx")

    def start(self, files, *, wait=20):
        """Serve `files` ({name: bytes}; name.gz is sent to clients that accept gzip)."""
        self.root = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        (self.root / "www").mkdir()
        for name, body in files.items():
            (self.root / "www" / name).write_bytes(body)
            (self.root / "www" / name).chmod(0o644)
        # nginx's workers run as an unprivileged user: they must be able to read the files.
        for folder in (self.root, self.root / "www"):
            folder.chmod(0o755)
        conf = self.root / "nginx.conf"
        conf.write_text(NGINX_CONF.format(root=self.root, port=self.port))
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            [binary, "-c", str(conf), "-p", str(self.root), "-g", "daemon off;"],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited; see {self.root}/error.log")
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"nginx did not listen within {wait} s")

    def wait_idle(self):
        """Return at once: nginx keeps no queue worth waiting for."""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
