"""The failure drill: `make drill` (DRILL_SECONDS=90), against nginx only.

    python deploy/drill.py [--seconds 90] [--members 16] [--readers 32] [--strict]

Starts the stack (deploy/stack.py) on its own ports, signs the members in, checks the
micro-cache and live updates once on the quiet stack (deploy/drill_cache.py), then for the
whole run 16 members read a thread and post (a comment, or a reply to one on the page) and
32 anonymous readers read pages, all through nginx. Failures, at fractions of the run
(at 20, 40 and 60 s of 90): one app server killed with SIGKILL (master and workers), the
PostgreSQL primary restarted, one task worker killed with SIGKILL while it runs a fan-out
task (if one comes within 5 s), so that its task must be taken back. A backup (pg_dump) is
taken at 30 s. The supervisor restarts what was killed; nothing else helps. A webhook
receiver (deploy/drill_webhooks.py) gets every comment event, and is killed at 50 s and
started again a second later, so deliveries meet a dead receiver and are retried.

Then it lets the task queue drain (bounded), checks the database and the e-mails, restores
the backup into a new database and compares it, prints the table and stops the stack.
Every post carries a unique marker, so an acknowledged post (302 to the new comment) is
matched with the stored row. With --strict the exit status is 1 unless the deterministic
goals hold: 0 lost, 0 duplicated, exact comment_count, every e-mail exactly once, the
restore matches, no signed-in request served from nginx's micro-cache, the live event
received through nginx, every webhook event delivered under one `webhook-id`, every 429
saying `Retry-After`, and the posters' burst starting slow mode (issue 29). It also
prints accepted posts and reads per second and compares the end with the time before the
first failure (deploy/drill_speed.py), a soft goal.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import backup  # noqa: E402 (deploy/backup.py, beside this file)
import drill_webhooks  # noqa: E402
from drill_cache import check_cache_and_live, describe  # noqa: E402
from drill_checks import check, pg, print_report, settle  # noqa: E402
from drill_load import REQUEST_TIMEOUT, Client, Record, member_loop, reader_loop, sign_in  # noqa: E402
from drill_speed import TOLERANCE, print_speed, recovery  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"


# Slow mode as in production but for its wait: members may post again after 5 s, not 2
# minutes, so that the posters' burst starts it (an exact goal) and writes still go on
# through the failures after it, each member slowed on a busy thread.
DRILL_SETTINGS = {"SLOW_MODE_INTERVAL_SECONDS": "5"}


class Stack:
    """deploy/stack.py as a child process, and the handles the drill needs."""

    def __init__(self, port_base, members, seconds):
        self.run_dir = ROOT / "deploy" / "run" / str(port_base)
        self.state_path = ROOT / "deploy" / "run" / f"drill-{port_base}.state.json"
        self.log_path = ROOT / "deploy" / "run" / f"drill-{port_base}.stack.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.state_path.unlink(missing_ok=True)
        with open(self.log_path, "wb") as log_file:
            self.process = subprocess.Popen(  # noqa: S603
                [
                    str(PY),
                    str(ROOT / "deploy" / "stack.py"),
                    "up",
                    f"--port-base={port_base}",
                    f"--members={members}",
                    f"--state={self.state_path}",
                    # A bound even if this process dies without stopping it.
                    f"--max-seconds={seconds + 900}",
                ],
                cwd=ROOT,
                env={**os.environ, **DRILL_SETTINGS},
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, timeout=600):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.state_path.exists():
                return self.state()
            if self.process.poll() is not None:
                raise RuntimeError(f"the stack exited; see {self.log_path}")
            time.sleep(0.5)
        raise RuntimeError(f"the stack was not ready within {timeout} s; see {self.log_path}")

    def state(self):
        return json.loads(self.state_path.read_text())

    def kill(self, name):
        pid = self.state()["pids"][name]
        os.killpg(pid, signal.SIGKILL)  # the whole process group: a crashed machine's worth

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run_failures(stack, state, record, seconds, stop, backup_path, receiver):
    """Inject the failures at 20/90, 40/90, 50/90 and 60/90 of the run; a backup at 30/90."""
    cluster = state["clusters"]["primary"]
    plan = [
        (seconds * 20 / 90, "app server web1 killed (SIGKILL)", lambda: stack.kill("web1")),
        (
            seconds * 30 / 90,
            "backup (pg_dump)",
            lambda: backup.backup(state["database_url"], backup_path),
        ),
        (
            seconds * 40 / 90,
            "PostgreSQL primary restarted",
            lambda: subprocess.run(  # noqa: S603
                [  # noqa: S607
                    "pg_ctlcluster",
                    "--skip-systemctl-redirect",
                    state["pg_version"],
                    cluster,
                    "restart",
                    "-m",
                    "fast",
                ],
                check=True,
                capture_output=True,
                timeout=60,
            ),
        ),
        (
            seconds * 50 / 90,
            "webhook receiver killed (SIGKILL)",
            receiver.kill_and_restart,
        ),
        (
            seconds * 60 / 90,
            "task worker worker1 killed (SIGKILL)",
            lambda: kill_worker_in_a_task(stack, state["database_url"], "worker1"),
        ),
    ]
    for at, name, action in plan:
        if stop.wait(max(0, at - record.now())):
            return
        started = record.now()
        try:
            said = action()
        except Exception as error:  # noqa: BLE001 (reported in the table)
            name += f" FAILED: {error}"
        else:
            name += said if isinstance(said, str) else ""
        record.events.append((name, started, record.now()))


def kill_worker_in_a_task(stack, database_url, name, wait=5.0):
    """Kill the task worker while it runs a fan-out (waiting up to `wait` s for one); say so.

    A fan-out, not an e-mail delivery: a worker killed between a delivery's commit and its
    send loses that e-mail by design (at most once, never twice); aiming at that moment
    would measure that choice, not how fast the task is taken back.
    """
    deadline = time.monotonic() + wait
    with pg(database_url) as conn:
        while time.monotonic() < deadline:
            running = conn.execute(
                "SELECT 1 FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
                " AND worker_ids ->> -1 = %s AND task_path LIKE '%%announce_comment'",
                [name],
            ).fetchone()
            if running:
                stack.kill(name)
                return " while it ran a fan-out (announce_comment)"
            time.sleep(0.01)
    stack.kill(name)
    return f" (no fan-out of its own within {wait:.0f} s)"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("DRILL_SECONDS", 90)))
    parser.add_argument("--members", type=int, default=16)
    parser.add_argument("--readers", type=int, default=32)
    parser.add_argument("--port-base", type=int, default=int(os.environ.get("STACK_PORT", 8570)))
    parser.add_argument("--strict", action="store_true", help="exit 1 unless the exact goals hold")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("the drill needs root (pg_createcluster, pg_ctlcluster)")
    run_id = os.urandom(3).hex()
    # SIGTERM too runs the `finally` below, which stops the stack and drops its clusters.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    stack = Stack(args.port_base, args.members, args.seconds)
    receiver = None
    failed = True
    try:
        print(f"starting the stack (log: {stack.log_path}) ...", flush=True)
        state = stack.wait_ready()
        url = urlsplit(state["url"])
        receiver = drill_webhooks.Receiver(state)
        endpoint_id = receiver.register(state)
        receiver.start()
        print(f"webhook receiver on {receiver.url} (endpoint {endpoint_id})", flush=True)
        with pg(state["database_url"]) as conn:
            threads = [
                {"id": i, "url": u}
                for i, u in conn.execute(
                    "SELECT id, url FROM forum_thread WHERE state = 'open' AND NOT premoderate"
                    " AND visible_from <= now() ORDER BY id LIMIT 4"
                ).fetchall()
            ]
            pages = [
                u
                for (u,) in conn.execute("SELECT url FROM forum_thread WHERE visible_from <= now()")
            ]
        manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())["paths"]
        statics = ["/static/" + v for k, v in manifest.items() if k.endswith((".css", ".js"))][:4]
        paths = ["/"] * 4 + pages + statics
        members = [Client(url.hostname, url.port) for _ in state["members"][: args.members]]
        print(f"signing in {len(members)} members ...", flush=True)
        for client, name in zip(members, state["members"], strict=False):
            sign_in(client, name, state["member_password"])
        # On the quiet stack, before the load: the micro-cache and live updates (drill_cache.py).
        cached = check_cache_and_live(state["url"], members[0], threads[0], f"drill-{run_id}")
        readers = [Client(url.hostname, url.port) for _ in range(args.readers)]
        record = Record()
        record.members, record.readers = len(members), len(readers)
        stop = threading.Event()
        backup_path = Path(state["run_dir"]) / "backups" / "drill.dump"
        record.start = time.monotonic()
        record.wall_start = time.time()  # to place the processes' log lines in the run
        workers = [
            threading.Thread(
                target=member_loop, args=(c, run_id, n, threads, record, stop), daemon=True
            )
            for n, c in enumerate(members, 1)
        ] + [
            threading.Thread(target=reader_loop, args=(c, n, paths, record, stop), daemon=True)
            for n, c in enumerate(readers, 1)
        ]
        workers.append(
            threading.Thread(
                target=run_failures,
                args=(stack, state, record, args.seconds, stop, backup_path, receiver),
                daemon=True,
            )
        )
        print(
            f"drill: {args.seconds:.0f} s, {len(members)} members, {len(readers)} readers, "
            f"on {state['url']} ({len(threads)} threads posted to)",
            flush=True,
        )
        for worker in workers:
            worker.start()
        stop.wait(args.seconds)
        stop.set()
        for worker in workers:
            worker.join(timeout=REQUEST_TIMEOUT + 5)
        waited = settle(state["database_url"], timeout=60)
        print(f"load stopped; task queue settled in {waited:.0f} s; checking ...", flush=True)
        drained = drill_webhooks.drain(state["database_url"], endpoint_id)
        backup_started = next((s for n, s, _ in record.events if n.startswith("backup")), 0)
        results = check(stack.state(), record, run_id, backup_path, backup_started)
        state = stack.state()
        results["micro_cache"] = cached
        results["webhooks"] = hooks = drill_webhooks.check_webhooks(
            state["database_url"], endpoint_id, receiver, run_id, drained
        )
        rows = [*describe(cached), *drill_webhooks.describe(hooks)]
        outside, _, _ = print_report(record, results, args.seconds, state, rows)
        results["speed"] = speed = recovery(record, args.seconds)
        print_speed(speed)
        goals = {
            "0 lost": not results["lost"],
            "0 duplicated": not results["duplicated"],
            "counts exact": not results["count_mismatch"],
            "e-mails exactly once": not (
                results["mail_lost"] or results["mail_doubled"] or results["mail_unexpected"]
            ),
            "restore matches": results["restore"]["ok"],
            "signed-in never micro-cached": cached["member_never_cached"],
            "live event through nginx": cached.get("live", False),
            **drill_webhooks.goals(hooks),
            "every 429 refusal says Retry-After": all(
                p.get("retry_after") for p in record.posts.values() if p.get("status") == 429
            ),
            # Issue 29: each poster's first two comments go to the first thread, 32 at once
            # where SLOW_MODE_START_RATE asks for 24 in its window, however slow the run.
            "slow mode started by the posters' burst": any(
                p.get("status") == 429 and "busy" in p["message"] for p in record.posts.values()
            ),
        }
        soft = {
            "no 5xx outside 2 s after a failure": not outside,
            "new comment seen anonymously within 2 s": cached.get("visible", False),
            f"back to full speed (last 10 s ≥ {TOLERANCE} × before)": speed["ok"],
            "no e-mail stranded, no task stuck": not results["mail_stranded"]
            and not results["tasks_running"]
            and not results["fanout_missing"],
        }
        print(
            "\nGoals (exact):  "
            + ";  ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in goals.items())
        )
        words = {True: "yes", False: "NO", None: "not measured"}
        print("Goals (timing): " + ";  ".join(f"{k}: {words[v]}" for k, v in soft.items()))
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, default=str))
        failed = args.strict and not all(goals.values())
    finally:
        print("stopping the stack ...", flush=True)
        if receiver is not None:
            receiver.stop()
        stack.stop()
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
