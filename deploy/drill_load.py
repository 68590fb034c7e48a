"""The drill's load: members who sign in, read and post through nginx, and readers."""

import gzip
import http.client
import random
import re
import sys
import threading
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT = 15
MEMBER_PAUSE = (0.4, 1.2)
READER_PAUSE = (0.2, 0.6)
POST_RETRIES = 3  # only when the form carries an idempotency key: then a retry is safe

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
IDEMPOTENCY_RE = re.compile(
    r'name="idempotency_key"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="idempotency_key"'
)
COMMENT_ID_RE = re.compile(r'id="comment-(\d+)"')
ERRORS_RE = re.compile(r'class="(?:form-errors|errorlist)[^"]*"[^>]*>(.*?)</(?:div|ul)>', re.S)
TAG_RE = re.compile(r"<[^>]+>")


class Client:
    """One keep-alive HTTP connection to nginx with its own cookies.

    Production cookies are Secure and this is plain http to 127.0.0.1: the cookies are kept
    whatever their flags (clearing the Secure flag on the client side, not in the settings).
    """

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.conn = None
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        """Return (status, headers, text); status 0 when no answer came."""
        headers = {"Accept-Encoding": "gzip", "Host": f"{self.host}:{self.port}", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            body = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(
                    self.host, self.port, timeout=REQUEST_TIMEOUT
                )
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as error:
                self.close()
                # A keep-alive connection nginx closed while idle: the request never left.
                if (
                    attempt == 1
                    and isinstance(error, (http.client.RemoteDisconnected, BrokenPipeError))
                    and method == "GET"
                ):
                    continue
                return 0, {}, f"no answer: {type(error).__name__}"
            except (OSError, http.client.HTTPException) as error:
                self.close()
                return 0, {}, f"no answer: {type(error).__name__}"
            for value in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            if response.headers.get("Content-Encoding") == "gzip":
                data = gzip.decompress(data)
            return response.status, response.headers, data.decode("utf-8", "replace")
        return 0, {}, "no answer"

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class Record:
    """Everything the clients saw, with times relative to the start of the load."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []  # (t, kind, status, seconds)
        self.posts = {}  # marker -> dict(outcome, comment_id, t, attempts, message)
        self.events = []  # (name, t_start, t_end)
        self.start = None
        self.members = self.readers = 0

    def now(self):
        return time.monotonic() - self.start

    def add_request(self, t, kind, status, seconds):
        """Record a request by the second its answer came (or did not come) in."""
        with self.lock:
            self.requests.append((t + seconds, kind, status, seconds))


def refusal_message(text):
    """Return the message a refused post showed, as plain text ('' when there was none)."""
    found = ERRORS_RE.search(text)
    if found:
        return " ".join(unescape(TAG_RE.sub(" ", found.group(1))).split())
    plain = " ".join(unescape(TAG_RE.sub(" ", text)).split())
    return plain[:200] if len(plain) < 300 else ""


def member_loop(client, run_id, number, threads, record, stop):
    rng = random.Random(number)
    seq = 0
    while not stop.is_set():
        # The first two comments of every member go to the first thread: a burst (slow mode).
        thread = threads[0] if seq < 2 else rng.choice(threads)
        t0 = record.now()
        started = time.monotonic()
        status, _, page = client.request("GET", thread["url"])
        record.add_request(t0, "member page", status, time.monotonic() - started)
        if status != 200:
            stop.wait(1)
            continue
        csrf = CSRF_RE.search(page)
        if not csrf:
            stop.wait(1)
            continue
        key = IDEMPOTENCY_RE.search(page)
        seq += 1
        marker = f"drill-{run_id}-m{number}-{seq}"
        ids = COMMENT_ID_RE.findall(page)
        if ids and rng.random() < 0.3:
            path = f"/comments/{rng.choice(ids)}/reply/"
        else:
            path = f"/threads/{thread['id']}/comments/"
        form = {
            "csrfmiddlewaretoken": unescape(csrf.group(1)),
            "body": f"Drill comment {marker}: a member's view on this, posted during the drill.",
            "homepage": "",
        }
        if key:
            form["idempotency_key"] = unescape(key.group(1) or key.group(2))
        post = {"outcome": None, "t": None, "attempts": 0, "comment_id": None, "message": ""}
        record.posts[marker] = post
        for _ in range(1 + (POST_RETRIES if key else 0)):
            post["attempts"] += 1
            t1 = record.now()
            started = time.monotonic()
            status, headers, text = client.request("POST", path, body=form)
            record.add_request(t1, "post", status, time.monotonic() - started)
            post["t"] = record.now()
            location = headers.get("Location", "") if headers else ""
            if status == 302 and "#comment-" in location:
                post["outcome"] = "accepted"
                post["comment_id"] = int(location.rsplit("#comment-", 1)[1])
                break
            if 400 <= status < 500 or status in (301, 302):
                post["outcome"] = "refused"
                post["status"] = status  # a busy thread or a rate limit: 429 with Retry-After
                post["retry_after"] = headers.get("Retry-After", "") if headers else ""
                post["message"] = refusal_message(text) if status >= 400 else f"redirect {location}"
                break
            post["outcome"] = "5xx" if status >= 500 else "no answer"
            post["message"] = f"{status}" if status else text
            if not key:
                break  # without an idempotency key a retry could post the comment twice
            stop.wait(1)
        stop.wait(rng.uniform(*MEMBER_PAUSE))


def reader_loop(client, number, paths, record, stop):
    rng = random.Random(1000 + number)
    while not stop.is_set():
        path = rng.choice(paths)
        t0 = record.now()
        started = time.monotonic()
        status, _, _ = client.request("GET", path)
        record.add_request(t0, "read", status, time.monotonic() - started)
        stop.wait(rng.uniform(*READER_PAUSE))


def sign_in(client, username, password):
    status, _, page = client.request("GET", "/accounts/login/")
    csrf = CSRF_RE.search(page)
    if status != 200 or not csrf:
        raise RuntimeError(f"login page: {status}")
    status, headers, _ = client.request(
        "POST",
        "/accounts/login/",
        body={
            "csrfmiddlewaretoken": unescape(csrf.group(1)),
            "login": username,
            "password": password,
        },
    )
    if status != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(f"sign-in of {username} failed: {status}")
