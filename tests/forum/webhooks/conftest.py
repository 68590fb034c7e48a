"""A real HTTP receiver for the webhooks' tests, and endpoints that point at it."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Permission

from forum.models.webhooks import Event
from forum.webhooks import services
from tests.factories import ModeratorFactory

# This suite's ports (one receiver at a time; a free one is taken).
PORTS = range(9120, 9140)


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    """What the server got, and the answers it gives next: (status, body, headers) each."""

    url: str = ""
    received: list = field(default_factory=list)
    answers: list = field(default_factory=list)

    def answer(self, status, body="", headers=None):
        self.answers.append((status, body, headers or {}))

    @property
    def ids(self):
        return [r.headers["webhook-id"] for r in self.received]


def recording_handler(receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            receiver.received.append(Received(self.path, headers, body))
            status, text, extra = receiver.answers.pop(0) if receiver.answers else (200, "ok", {})
            payload = text.encode()
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return Handler


def listening_server(handler):
    for port in PORTS:
        try:
            return ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
    raise RuntimeError("No free port in 9120-9139 for the test receiver")


@pytest.fixture
def receiver():
    """Start an HTTP server on 127.0.0.1 that records every POST; stop it after the test."""
    found = Receiver()
    server = listening_server(recording_handler(found))
    found.url = f"http://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def published_at_once(settings):
    """Members' comments are published at once (no first-comments pre-moderation)."""
    settings.PREMODERATE_FIRST_COMMENTS = 0


@pytest.fixture
def integrator(db):
    """A moderator with the "integrations" permission."""
    user = ModeratorFactory(username="integrator")
    user.user_permissions.add(Permission.objects.get(codename="manage_integrations"))
    return user


@pytest.fixture
def endpoint(integrator, receiver):
    """Return a function that adds an endpoint at the receiver for `events` (all by default)."""

    def add(events=None, **fields):
        return services.endpoint_create(
            actor=integrator, url=receiver.url, events=events or Event.values, **fields
        )

    return add
