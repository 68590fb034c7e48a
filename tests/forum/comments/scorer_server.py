"""A real HTTP server on 127.0.0.1 that answers as Perspective API and Akismet do.

Each test sets what a path answers (status, headers, body, and how long to wait first); the
server keeps every request it got, so a test can read what was sent and count the calls.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PERSPECTIVE_PATH = "/v1alpha1/comments:analyze"
AKISMET_PATH = "/1.1/comment-check"
AKISMET_SPAM_PATH = "/1.1/submit-spam"
AKISMET_HAM_PATH = "/1.1/submit-ham"
# What submit-spam and submit-ham answer when they took the comment.
AKISMET_THANKS = "Thanks for making the web a better place."


@dataclass
class Answer:
    status: int = 200
    body: str = ""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds to sleep before answering (a timeout)


@dataclass
class Request:
    path: str
    query: dict
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)

    def form(self):
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}


def perspective_scores(**scores):
    """Return comments:analyze's documented response for the given attribute scores."""
    attributes = {
        name: {
            "spanScores": [
                {"begin": 0, "end": 40, "score": {"value": value, "type": "PROBABILITY"}}
            ],
            "summaryScore": {"value": value, "type": "PROBABILITY"},
        }
        for name, value in scores.items()
    }
    return Answer(body=json.dumps({"attributeScores": attributes, "languages": ["en"]}))


def perspective_error(status, message, code_name):
    """Return a Google API error response, as Perspective sends for a 400, 429 or 500."""
    error = {"error": {"code": status, "message": message, "status": code_name}}
    return Answer(status=status, body=json.dumps(error))


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the name http.server calls
        server = self.server
        length = int(self.headers.get("Content-Length", 0))
        parts = urlsplit(self.path)
        request = Request(
            parts.path, parse_qs(parts.query), dict(self.headers), self.rfile.read(length)
        )
        server.requests.append(request)
        answer = server.answers.get(parts.path, Answer(status=404))
        time.sleep(answer.delay)
        body = answer.body.encode()
        try:
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting, as it should

    def log_message(self, *args):
        pass


class ScorerServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still sleeping past a timeout must not hold the test

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests, self.answers = [], {}
        self.url = f"http://127.0.0.1:{self.server_address[1]}"

    def calls(self, path):
        return [request for request in self.requests if request.path == path]


def start():
    """Start a server on a free port in a thread; return it (call `stop` when done)."""
    server = ScorerServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server):
    server.shutdown()
    server.server_close()
