"""The drill's webhooks: a receiver process, its endpoint, and the check of what it got.

At the start an endpoint subscribed to the comment events is added for the receiver
(deploy/drill_receiver.py, port B+40) through the desk's service (`endpoint_create`);
during the run the receiver is killed with SIGKILL once and started again a second later.
At the end, once the outbox has drained, every delivery of the endpoint must be delivered
and received with a verified signature, every published drill comment must have its
event, and no event may travel under two `webhook-id`s. The same `webhook-id` received
twice is a retry a receiver dedupes (Standard Webhooks): counted and shown, not a failure.
"""

import json
import os
import signal
import socket
import subprocess
import time
from collections import Counter, defaultdict
from pathlib import Path

from drill_checks import pg
from stack_config import base_env, setup_env

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
PORT_OFFSET = 40
DOWN_SECONDS = 1.0  # as the stack's supervisor: back a second after it died
# The longest wait is a claim left by a worker killed mid-send: it lapses after 60 s.
DRAIN_TIMEOUT = 90
COMMENT_EVENTS = ["comment.published", "comment.edited", "comment.removed", "comment.held"]

REGISTER_SCRIPT = """
import json, sys
from accounts.models import User
from forum.webhooks import services
actor, _ = User.objects.get_or_create(
    username="drill-integrations",
    defaults={"email": "drill-integrations@example.org", "is_staff": True, "is_superuser": True},
)
endpoint = services.endpoint_create(
    actor=actor, url=sys.argv[1], events=json.loads(sys.argv[2]),
    description="The failure drill's receiver",
)
print(json.dumps({"id": endpoint.pk, "secret": endpoint.secret}))
"""


class Receiver:
    """deploy/drill_receiver.py as a child process of the drill, in its own process group."""

    def __init__(self, state):
        self.port = state["ports"]["nginx"] + PORT_OFFSET
        self.url = f"http://127.0.0.1:{self.port}/drill-hooks"
        run_dir = Path(state["run_dir"])
        self.log_path = run_dir / "webhooks-received.jsonl"
        self.secret_path = run_dir / "webhook-secret"
        self.output_path = run_dir / "webhook-receiver.log"
        self.process = None
        self.restarts = 0

    def register(self, state):
        """Add the endpoint through the desk's service; return its id."""
        env = setup_env(base_env(state["ports"], Path(state["run_dir"])), state["ports"])
        result = subprocess.run(  # noqa: S603 (our own command line)
            [
                str(PY),
                "-c",
                "import django, sys; django.setup(); exec(compile(sys.argv[3], 'hook', 'exec'))",
                self.url,
                json.dumps(COMMENT_EVENTS),
                REGISTER_SCRIPT,
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "forum.settings"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"adding the webhook endpoint failed:\n{result.stderr[-2000:]}")
        endpoint = json.loads(result.stdout.strip().splitlines()[-1])
        self.secret_path.write_text(endpoint["secret"])
        self.secret_path.chmod(0o600)
        return endpoint["id"]

    def start(self, timeout=15):
        with open(self.output_path, "ab") as output:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    str(PY),
                    str(ROOT / "deploy" / "drill_receiver.py"),
                    f"--port={self.port}",
                    f"--secret-file={self.secret_path}",
                    f"--log={self.log_path}",
                ],
                cwd=ROOT,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the webhook receiver exited; see {self.output_path}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"the webhook receiver did not listen within {timeout} s")

    def kill_and_restart(self):
        """Kill the receiver (SIGKILL), start it DOWN_SECONDS later; say when it was back."""
        down_at = time.monotonic()
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        time.sleep(DOWN_SECONDS)
        self.start()
        self.restarts += 1
        return f", listening again {time.monotonic() - down_at:.1f} s after"

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def drain(database_url, endpoint_id, timeout=DRAIN_TIMEOUT):
    """Wait until no delivery of the endpoint is waiting or being sent (bounded); return seconds."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            with pg(database_url) as conn:
                open_ = conn.execute(
                    "SELECT count(*) FROM forum_delivery WHERE endpoint_id = %s"
                    " AND status IN ('pending', 'sending')",
                    [endpoint_id],
                ).fetchone()[0]
            if open_ == 0:
                break
        except Exception:  # noqa: BLE001, S110 (the database may still be coming back)
            pass
        time.sleep(1)
    return time.monotonic() - started


def received(log_path):
    """Return the receiver's log lines (a line cut by SIGKILL is skipped)."""
    lines = []
    if log_path.exists():
        for text in log_path.read_text(encoding="utf-8").splitlines():
            try:
                lines.append(json.loads(text))
            except ValueError:
                continue
    return lines


def check_webhooks(database_url, endpoint_id, receiver, run_id, waited):
    """Return the webhook check's results, as a dict."""
    with pg(database_url) as conn:
        outbox = conn.execute(
            "SELECT message_id, event_type, status, attempt_count,"
            " payload -> 'data' -> 'comment' ->> 'id' FROM forum_delivery WHERE endpoint_id = %s",
            [endpoint_id],
        ).fetchall()
        failed_attempts = conn.execute(
            "SELECT coalesce(a.status_code::text, split_part(a.error, ':', 1)), count(*)"
            " FROM forum_attempt a JOIN forum_delivery d ON d.id = a.delivery_id"
            " WHERE d.endpoint_id = %s AND (a.status_code IS NULL OR a.status_code NOT BETWEEN"
            " 200 AND 299) GROUP BY 1 ORDER BY 2 DESC",
            [endpoint_id],
        ).fetchall()
        # The outbox's promise: a published comment always has its event.
        without_event = conn.execute(
            "SELECT count(*) FROM forum_comment c WHERE c.body LIKE %s AND c.status = 'published'"
            " AND NOT EXISTS (SELECT 1 FROM forum_delivery d WHERE d.endpoint_id = %s"
            " AND d.event_type = 'comment.published'"
            " AND d.payload -> 'data' -> 'comment' ->> 'id' = c.id::text)",
            [f"Drill comment drill-{run_id}-%", endpoint_id],
        ).fetchone()[0]
    lines = received(receiver.log_path)
    good = [line for line in lines if "bad_signature" not in line]
    times = Counter(line["id"] for line in good)
    ids_of = defaultdict(set)  # (type, comment id) -> the webhook-ids that carried it
    for message_id, event_type, _, _, comment_id in outbox:
        ids_of[(event_type, str(comment_id))].add(message_id)
    for line in good:
        ids_of[(line["type"], str(line["comment"]))].add(line["id"])
    ours = {row[0] for row in outbox}
    return {
        "deliveries": len(outbox),
        "by_status": dict(Counter(row[2] for row in outbox)),
        "undelivered": sorted(m for m, _, status, _, _ in outbox if status != "delivered"),
        "not_received": sorted(ours - set(times)),
        "without_event": without_event,
        "posts": len(lines),
        "distinct_ids": len(times),
        "bad_signatures": len(lines) - len(good),
        "same_id_again": sum(n - 1 for n in times.values()),
        "two_ids_one_event": sorted(k for k, ids in ids_of.items() if len(ids) > 1),
        "unexpected_ids": sorted(set(times) - ours),
        "retried": sum(1 for row in outbox if row[3] > 1),
        "failed_attempts": failed_attempts,
        "receiver_restarts": receiver.restarts,
        "drain_seconds": round(waited, 1),
    }


def goals(r):
    """Return the exact goals of the webhook check."""
    return {
        "every webhook event delivered": not (
            r["undelivered"] or r["not_received"] or r["without_event"] or r["bad_signatures"]
        ),
        "one webhook-id per event": not (r["two_ids_one_event"] or r["unexpected_ids"]),
    }


def describe(r):
    """Return the check's lines for the drill's table."""
    return [
        (
            "webhook deliveries (outbox, drill endpoint)",
            f"{r['deliveries']:,} ("
            + ", ".join(f"{k} {v}" for k, v in sorted(r["by_status"].items()))
            + f"); drained {r['drain_seconds']:.0f} s after the queue",
        ),
        (
            "  received, signature verified",
            f"{r['distinct_ids']:,} distinct webhook-ids in {r['posts']:,} POSTs; "
            f"{r['bad_signatures']} bad signatures",
        ),
        (
            "  same webhook-id again (deduped retries)",
            f"{r['same_id_again']}",
        ),
        (
            "  undelivered / not received / comment w/o event",
            f"{len(r['undelivered'])} / {len(r['not_received'])} / {r['without_event']}",
        ),
        (
            "  two ids for one event / unknown id",
            f"{len(r['two_ids_one_event'])} / {len(r['unexpected_ids'])}"
            + (f" {r['two_ids_one_event'][:3]}" if r["two_ids_one_event"] else ""),
        ),
        (
            "  retried after a failed attempt",
            f"{r['retried']} deliveries; failed attempts: "
            + (", ".join(f"{n} × {why[:40]}" for why, n in r["failed_attempts"]) or "none")
            + "; "
            f"receiver restarted {r['receiver_restarts']}×",
        ),
    ]
