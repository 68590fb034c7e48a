"""deploy/nginx.conf as the stack fills it, in front of a stand-in app: the micro-cache's rules
and the client's address. Skipped where nginx is not installed (`apt-get install nginx`).

The stand-in answers with a counter, so a response from the cache repeats an older count.
Entries the tests expect to be served again are sent with `X-Accel-Expires: 60` (which nginx
honours before its own 1 s), so no assertion depends on how fast the machine is.
"""

import http.client
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

sys.path.append(str(Path(__file__).resolve().parents[2] / "deploy"))
from stack_config import APP_SERVERS, render_nginx  # noqa: E402 (deploy/ is scripts)

pytestmark = pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")


class StandIn(BaseHTTPRequestHandler):
    """Answer with a new count each time; the query chooses the caching headers."""

    counter = itertools.count(1)

    def do_GET(self):
        self._answer()

    def do_POST(self):
        self._answer()

    def _answer(self):
        query = parse_qs(urlsplit(self.path).query)
        body = json.dumps(
            {
                "count": next(self.counter),
                "forwarded_for": self.headers.get("X-Forwarded-For"),
                "real_ip": self.headers.get("X-Real-IP"),
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", query.get("cc", ["public, max-age=5"])[0])
        if "novary" not in query:
            self.send_header("Vary", "Accept-Encoding, Cookie")
        if "hold" in query:
            self.send_header("X-Accel-Expires", "60")
        if "cookie" in query:
            self.send_header("Set-Cookie", "csrftoken=abc; Path=/")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx():
    app = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    # nginx's workers may run as another user (root starts them as nobody): a directory
    # they can enter, not pytest's private one.
    run_dir = Path(tempfile.mkdtemp(prefix="forum-nginx-test-"))
    run_dir.chmod(0o755)
    ports = {"nginx": _free_port(), **dict.fromkeys(APP_SERVERS, app.server_address[1])}
    render_nginx(ports, run_dir)
    process = subprocess.Popen(  # noqa: S603
        ["nginx", "-c", str(run_dir / "nginx.conf"), "-g", "daemon off;"],  # noqa: S607
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 15  # a bound for a busy machine, not a measure
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", ports["nginx"])) == 0:
                break
        time.sleep(0.05)
    yield ports["nginx"]
    process.terminate()
    process.wait(timeout=10)
    app.shutdown()
    shutil.rmtree(run_dir, ignore_errors=True)


def fetch(port, path, *, method="GET", headers=None):
    """Return (X-Cache-Status, the stand-in's answer) for one request through nginx."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    answer = json.loads(response.read())
    conn.close()
    return response.headers.get("X-Cache-Status"), answer


def unique(path):
    return f"{path}{'&' if '?' in path else '?'}n={os.urandom(4).hex()}"


def test_public_anonymous_pages_are_served_again_from_the_cache(nginx):
    path = unique("/article/?hold=1")
    first_status, first = fetch(nginx, path)
    second_status, second = fetch(nginx, path)
    assert (first_status, second_status) == ("MISS", "HIT")
    assert second["count"] == first["count"]


def test_gzip_and_plain_readers_have_entries_of_their_own(nginx):
    path = unique("/article/?hold=1")
    _, gzip_reader = fetch(nginx, path, headers={"Accept-Encoding": "gzip"})
    status, plain_reader = fetch(nginx, path)
    assert status == "MISS" and plain_reader["count"] != gzip_reader["count"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Cookie": "sessionid=abc"},
        {"Cookie": "theme=dark; sessionid=abc"},
        {"Cookie": "csrftoken=abc"},
        {"Cookie": "messages=abc"},
        {"Cookie": "recent_write=abc"},
        {"Authorization": "Bearer abc"},
    ],
)
def test_a_personal_request_is_never_served_from_the_cache_nor_stored(nginx, headers):
    # Without Vary, so that a stored personal answer would reach the next anonymous reader.
    path = unique("/article/?hold=1&novary=1")
    fetch(nginx, path)  # an anonymous reader's entry is in the cache
    status, personal = fetch(nginx, path, headers=headers)
    assert status == "BYPASS"
    _, anonymous = fetch(nginx, path)
    assert anonymous["count"] < personal["count"]  # the personal answer was not stored


@pytest.mark.parametrize(
    "query", ["cc=private,%20no-cache", "cc=no-store", "cc=max-age%3D60", "cookie=1"]
)
def test_a_response_that_is_not_public_or_sets_a_cookie_is_not_stored(nginx, query):
    path = unique(f"/article/?hold=1&{query}")
    fetch(nginx, path)
    status, _ = fetch(nginx, path)
    assert status != "HIT"


def test_posts_are_never_cached(nginx):
    path = unique("/threads/1/comments/?hold=1")
    fetch(nginx, path, method="POST")
    status, _ = fetch(nginx, path, method="POST")
    assert status != "HIT"


def test_the_app_gets_the_address_nginx_saw_not_the_one_the_client_sent(nginx):
    _, answer = fetch(
        nginx,
        unique("/article/?cc=private"),
        headers={"X-Forwarded-For": "10.9.9.9", "X-Real-IP": "10.8.8.8"},
    )
    assert (answer["forwarded_for"], answer["real_ip"]) == ("127.0.0.1", "127.0.0.1")
