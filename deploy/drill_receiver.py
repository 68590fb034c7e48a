"""The drill's webhook receiver: verify each delivery's signature, log its `webhook-id`.

    python deploy/drill_receiver.py --port P --secret-file F --log L

One JSON line per POST is appended to L (and flushed) *before* the answer: a receiver
killed between the two has the delivery, and the sender, without an answer, sends it again
with the same `webhook-id`: a duplicate the drill counts, as a real receiver would dedupe.
A body whose signature does not verify is logged as such and answered 400.
"""

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


def handler(hook, log_file):
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {k.lower(): v for k, v in self.headers.items()}
            line = {"id": headers.get("webhook-id"), "t": time.time()}
            try:
                payload = hook.verify(body, headers)
            except WebhookVerificationError as error:
                line["bad_signature"] = str(error)
                status = 400
            else:
                line["type"] = payload.get("type")
                line["comment"] = (payload.get("data") or {}).get("comment", {}).get("id")
                status = 204
            with lock:
                log_file.write(json.dumps(line) + "\n")
                log_file.flush()
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret-file", required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    hook = Webhook(Path(args.secret_file).read_text().strip())
    with open(args.log, "a", encoding="utf-8") as log_file:
        server = ThreadingHTTPServer(("127.0.0.1", args.port), handler(hook, log_file))
        server.daemon_threads = True
        server.serve_forever()


if __name__ == "__main__":
    main()
