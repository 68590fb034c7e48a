"""The failure drill: `make drill` (DRILL_SECONDS=90), against nginx only.

    python deploy/drill.py [--seconds 90] [--members 16] [--readers 32] [--strict]

Starts the stack (deploy/stack.py) on its own ports, signs the members in, then for the
whole run 16 members read a thread and post (a comment, or a reply to one on the page) and
32 anonymous readers read pages, all through nginx. Failures, at fractions of the run
(at 20, 40 and 60 s of 90): one app server killed with SIGKILL (master and workers), the
PostgreSQL primary restarted, one task worker killed with SIGKILL. A backup (pg_dump) is
taken at 30 s. The supervisor restarts what was killed; nothing else helps.

Then it lets the task queue drain (bounded), checks the database and the e-mails, restores
the backup into a new database and compares it, prints the table and stops the stack.
Every post carries a unique marker, so an acknowledged post (302 to the new comment) is
matched with the stored row. With --strict the exit status is 1 unless the deterministic
goals hold: 0 lost, 0 duplicated, exact comment_count, every e-mail exactly once.
"""

import argparse
import email
import gzip
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import backup  # noqa: E402 (deploy/backup.py, beside this file)

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
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
MARKER_RE = re.compile(r"drill-[0-9a-f]{6}-m\d+-\d+")


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
        thread = rng.choice(threads)
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


def pg(url):
    import psycopg  # noqa: PLC0415 (the venv's psycopg)

    return psycopg.connect(backup.libpq_url(url), autocommit=True, connect_timeout=5)


def run_failures(stack, state, record, seconds, stop, backup_path):
    """Inject the failures at 20/90, 40/90 and 60/90 of the run; take a backup at 30/90."""
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
        (seconds * 60 / 90, "task worker worker1 killed (SIGKILL)", lambda: stack.kill("worker1")),
    ]
    for at, name, action in plan:
        if stop.wait(max(0, at - record.now())):
            return
        started = record.now()
        try:
            action()
        except Exception as error:  # noqa: BLE001 (reported in the table)
            name += f" FAILED: {error}"
        record.events.append((name, started, record.now()))


def settle(url, timeout):
    """Wait until no task is due (bounded); return seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            with pg(url) as conn:
                due = conn.execute(
                    # RUNNING rows are left out: one whose worker was killed stays RUNNING.
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult"
                    " WHERE status = 'READY' AND run_after <= now()"
                ).fetchone()[0]
            if due == 0:
                return time.monotonic() - started
        except Exception:  # noqa: BLE001, S110 (the database may still be coming back)
            pass
        time.sleep(1)
    return time.monotonic() - started


def mailed(mail_dir):
    """Return Counter of (recipient, comment_id) over every message the file backend wrote."""
    seen = Counter()
    messages = 0
    for path in Path(mail_dir).glob("*.log"):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.lstrip(b"\n"))
            messages += 1
            ids = set()
            for part in message.walk():
                if part.get_content_type() == "text/plain":
                    text = part.get_payload(decode=True).decode("utf-8", "replace")
                    ids.update(int(i) for i in re.findall(r"/comments/(\d+)/", text))
            for comment_id in ids:
                seen[(message["To"], comment_id)] += 1
    return seen, messages


def check(state, record, run_id, backup_path, backup_started_at):
    """Return the results of every check, as a dict."""
    results = {}
    posts = record.posts
    acknowledged = {m: p for m, p in posts.items() if p["outcome"] == "accepted"}
    with pg(state["database_url"]) as conn:
        rows = conn.execute(
            "SELECT id, body, status FROM forum_comment WHERE body LIKE %s",
            [f"Drill comment drill-{run_id}-%"],
        ).fetchall()
        stored = defaultdict(list)
        for comment_id, body, status in rows:
            stored[MARKER_RE.search(body).group(0)].append((comment_id, status))
        results["lost"] = sorted(m for m in acknowledged if m not in stored)
        results["duplicated"] = sorted(m for m, found in stored.items() if len(found) > 1)
        results["stored_unacknowledged"] = sorted(m for m in stored if m not in acknowledged)
        results["held"] = sum(1 for found in stored.values() for _, s in found if s != "published")
        results["wrong_id"] = sorted(
            m
            for m, p in acknowledged.items()
            if m in stored and p["comment_id"] not in [i for i, _ in stored[m]]
        )
        counts = conn.execute(
            "SELECT t.id, t.comment_count, (SELECT count(*) FROM forum_comment c"
            " WHERE c.thread_id = t.id AND c.status = 'published') FROM forum_thread t"
        ).fetchall()
        results["count_mismatch"] = [(t, have, real) for t, have, real in counts if have != real]
        results["threads"] = len(counts)
        # E-mails: every notification marked sent is in exactly one e-mail to its recipient;
        # every unsent one has a delivery waiting for it (the digest window) or is lost.
        notes = conn.execute(
            "SELECT n.id, u.email, n.comment_id, n.sent_at IS NOT NULL, n.recipient_id, n.thread_id"
            " FROM forum_notification n JOIN accounts_user u ON u.id = n.recipient_id"
        ).fetchall()
        waiting_deliveries = {
            tuple(args["args"][:2])
            for (args,) in conn.execute(
                "SELECT args_kwargs FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
                " AND task_path LIKE '%%deliver_notifications'"
            ).fetchall()
        }
        tasks = dict(
            conn.execute(
                "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
            ).fetchall()
        )
        running = conn.execute(
            "SELECT id, task_path, worker_ids FROM django_tasks_database_dbtaskresult"
            " WHERE status = 'RUNNING'"
        ).fetchall()
        # Fan-out: each drill comment should notify the followers who followed well before it.
        missing_fanout = conn.execute(
            """SELECT count(*) FROM forum_comment c
               JOIN forum_follow f ON f.thread_id = c.thread_id
                 AND f.member_id <> c.author_id
                 AND f.created_at < c.created_at - interval '5 seconds'
               JOIN accounts_user u ON u.id = f.member_id AND u.notify_follows AND u.is_active
               WHERE c.body LIKE %s AND c.status = 'published'
                 AND NOT EXISTS (SELECT 1 FROM forum_notification n
                                 WHERE n.comment_id = c.id AND n.recipient_id = f.member_id)""",
            [f"Drill comment drill-{run_id}-%"],
        ).fetchone()[0]
        primary_lsn = conn.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
    seen, messages = mailed(state["mail_dir"])
    sent = {(mail, comment_id) for _, mail, comment_id, is_sent, _, _ in notes if is_sent}
    unsent = [(r, t) for _, _, _, is_sent, r, t in notes if not is_sent]
    results["notifications"] = len(notes)
    results["mail_messages"] = messages
    results["mailed_once"] = sum(1 for key in sent if seen[key] == 1)
    results["mail_lost"] = sorted(key for key in sent if seen[key] == 0)
    results["mail_doubled"] = sorted(key for key, n in seen.items() if n > 1)
    results["mail_unexpected"] = sorted(key for key in seen if key not in sent)
    results["mail_waiting"] = sum(1 for key in unsent if key in waiting_deliveries)
    results["mail_stranded"] = sum(1 for key in unsent if key not in waiting_deliveries)
    results["fanout_missing"] = missing_fanout
    results["tasks"] = tasks
    results["tasks_running"] = [(i, p.rsplit(".", 1)[-1], w) for i, p, w in running]
    # Replica lag: bytes behind now, and how long it takes to catch up with this LSN.
    started = time.monotonic()
    lag_bytes = None
    while time.monotonic() - started < 30:
        with pg(state["replica_url"]) as replica:
            lag_bytes = replica.execute(
                "SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())", [primary_lsn]
            ).fetchone()[0]
        if lag_bytes is not None and lag_bytes <= 0:
            break
        time.sleep(0.2)
    results["replica_lag_bytes"] = int(lag_bytes) if lag_bytes is not None else None
    results["replica_catch_up_seconds"] = round(time.monotonic() - started, 2)
    results["restore"] = check_restore(state, backup_path, run_id, record, backup_started_at)
    return results


def check_restore(state, backup_path, run_id, record, backup_started_at):
    if not backup_path.exists():
        return {"ok": False, "error": "no backup was taken"}
    target = backup.with_database(state["database_url"], "forum_restore")
    started = time.monotonic()
    try:
        backup.restore(backup_path, target)
    except (subprocess.CalledProcessError, SystemExit) as error:
        return {"ok": False, "error": str(error)}
    seconds = time.monotonic() - started
    like = f"Drill comment drill-{run_id}-%"
    with pg(target) as conn:
        restored = dict(
            conn.execute(
                "SELECT id, md5(body) FROM forum_comment WHERE body LIKE %s", [like]
            ).fetchall()
        )
        markers = {
            MARKER_RE.search(b).group(0)
            for (b,) in conn.execute(
                "SELECT body FROM forum_comment WHERE body LIKE %s", [like]
            ).fetchall()
        }
        bad_counts = conn.execute(
            "SELECT count(*) FROM forum_thread t WHERE t.comment_count <> (SELECT count(*)"
            " FROM forum_comment c WHERE c.thread_id = t.id AND c.status = 'published')"
        ).fetchone()[0]
        total = conn.execute("SELECT count(*) FROM forum_comment").fetchone()[0]
    with pg(state["database_url"]) as conn:
        live = dict(
            conn.execute(
                "SELECT id, md5(body) FROM forum_comment WHERE body LIKE %s", [like]
            ).fetchall()
        )
        conn.execute("DROP DATABASE forum_restore")
    differ = sum(1 for i, h in restored.items() if live.get(i) != h)
    # Acknowledged before pg_dump started: its snapshot must hold them.
    missing = [
        m
        for m, p in record.posts.items()
        if p["outcome"] == "accepted" and p["t"] < backup_started_at and m not in markers
    ]
    return {
        "ok": not differ and not bad_counts and not missing,
        "comments": total,
        "drill_comments": len(restored),
        "differ_from_live": differ,
        "bad_counts": bad_counts,
        "acked_before_missing": len(missing),
        "seconds": round(seconds, 1),
        "size": backup_path.stat().st_size,
    }


def print_report(record, results, seconds, state):
    posts = record.posts.values()
    outcomes = Counter(p["outcome"] for p in posts)
    messages = Counter(p["message"] for p in posts if p["outcome"] == "refused")
    attempts = sum(p["attempts"] for p in posts)
    reqs = record.requests
    by_second = defaultdict(Counter)
    for t, _kind, status, _ in reqs:
        by_second[int(t)][status // 100 if status else 0] += 1
    windows = [(start, end + 2) for name, start, end in record.events if "backup" not in name]
    errors = sorted(s for s, c in by_second.items() if c[5] or c[0])
    outside = [s for s in errors if not any(a - 1 <= s <= b for a, b in windows)]

    def rate(lo, hi):
        oks = [d for t, _, st, d in reqs if lo <= t < hi and 200 <= st < 400]
        return len(oks) / max(hi - lo, 1), (statistics.median(oks) if oks else 0)

    first_failure = min((s for _, s, _ in record.events), default=seconds)
    before = rate(min(3, first_failure / 3), first_failure)
    after = rate(seconds * 0.8, seconds)
    rows = [
        (
            "duration",
            f"{seconds:.0f} s; {record.members} members posting, {record.readers} readers",
        ),
        (
            "requests through nginx",
            f"{len(reqs):,} ({sum(1 for r in reqs if r[1] == 'read'):,} reads)",
        ),
        (
            "post attempts",
            f"{attempts:,} ({len(record.posts):,} comments, retries only with an idempotency key)",
        ),
        ("accepted (302 to the comment)", f"{outcomes['accepted']:,}"),
        (
            "refused with a message",
            f"{outcomes['refused']:,}"
            + "".join(f"\n    {n} × {m[:90]!r}" for m, n in messages.most_common(3)),
        ),
        ("5xx / no answer on a post", f"{outcomes['5xx']:,} / {outcomes['no answer']:,}"),
        (
            "5xx or no answer, all requests",
            ", ".join(f"{s}s:{by_second[s][5]}+{by_second[s][0]}" for s in errors) or "none",
        ),
        ("  outside 2 s after a failure", ", ".join(f"{s}s" for s in outside) or "none"),
        ("comments lost (acknowledged, not stored)", f"{len(results['lost'])}"),
        ("comments duplicated", f"{len(results['duplicated'])}"),
        (
            "stored without acknowledgement",
            f"{len(results['stored_unacknowledged'])} (the answer was lost, the comment was not)",
        ),
        (
            "held for moderation / wrong id in answer",
            f"{results['held']} / {len(results['wrong_id'])}",
        ),
        (
            "comment_count = real count",
            f"{results['threads'] - len(results['count_mismatch'])} of {results['threads']} threads"
            + (f" MISMATCH {results['count_mismatch'][:5]}" if results["count_mismatch"] else ""),
        ),
        ("e-mail notifications queued", f"{results['notifications']:,}"),
        (
            "  sent, each in exactly one e-mail",
            f"{results['mailed_once']:,} ({results['mail_messages']} e-mails)",
        ),
        (
            "  lost / doubled / unexpected",
            " / ".join(
                str(len(results[k])) for k in ("mail_lost", "mail_doubled", "mail_unexpected")
            ),
        ),
        (
            "  waiting for the digest window",
            f"{results['mail_waiting']:,} (a delivery is scheduled)",
        ),
        ("  unsent with nothing scheduled", f"{results['mail_stranded']}"),
        ("  fan-out missing (comment → follower)", f"{results['fanout_missing']}"),
        (
            "tasks by status at the end",
            ", ".join(f"{k} {v}" for k, v in sorted(results["tasks"].items())),
        ),
        (
            "  stuck RUNNING (worker killed)",
            ", ".join(f"{p} id={i}" for i, p, _ in results["tasks_running"]) or "none",
        ),
        (
            "replica lag at the end",
            f"{results['replica_lag_bytes']} bytes; "
            f"caught up in {results['replica_catch_up_seconds']} s",
        ),
        ("backup taken during the run, restored", _restore_text(results["restore"])),
        (
            "throughput before / at the end",
            f"{before[0]:.1f} / {after[0]:.1f} ok req/s; "
            f"median {before[1] * 1000:.0f} / {after[1] * 1000:.0f} ms",
        ),
        (
            "supervisor restarts",
            ", ".join(f"{k} {v}" for k, v in state.get("restarts", {}).items() if v) or "none",
        ),
    ]
    print("\nFailures injected:")
    for name, start, end in record.events:
        print(f"  {start:5.1f}–{end:5.1f} s  {name}")
    width = max(len(k) for k, _ in rows)
    print(f"\n| {'check'.ljust(width)} | result")
    print(f"|{'-' * (width + 2)}|--------")
    for key, value in rows:
        print(f"| {key.ljust(width)} | {value}")
    return outside, before, after


def _restore_text(r):
    if not r.get("comments") and not r["ok"]:
        return f"FAILED: {r.get('error')}"
    return (
        f"{'ok' if r['ok'] else 'MISMATCH'}: {r['size']:,} bytes, {r['comments']:,} comments "
        f"restored in {r['seconds']} s; {r['drill_comments']} drill comments, "
        f"{r['differ_from_live']} differ from live, {r['acked_before_missing']} acknowledged "
        f"before the dump missing, {r['bad_counts']} bad counts"
    )


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
    failed = True
    try:
        print(f"starting the stack (log: {stack.log_path}) ...", flush=True)
        state = stack.wait_ready()
        url = urlsplit(state["url"])
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
        readers = [Client(url.hostname, url.port) for _ in range(args.readers)]
        record = Record()
        record.members, record.readers = len(members), len(readers)
        stop = threading.Event()
        backup_path = Path(state["run_dir"]) / "backups" / "drill.dump"
        record.start = time.monotonic()
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
                args=(stack, state, record, args.seconds, stop, backup_path),
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
        backup_started = next((s for n, s, _ in record.events if n.startswith("backup")), 0)
        results = check(stack.state(), record, run_id, backup_path, backup_started)
        state = stack.state()
        outside, before, after = print_report(record, results, args.seconds, state)
        goals = {
            "0 lost": not results["lost"],
            "0 duplicated": not results["duplicated"],
            "counts exact": not results["count_mismatch"],
            "e-mails exactly once": not (
                results["mail_lost"] or results["mail_doubled"] or results["mail_unexpected"]
            ),
            "restore matches": results["restore"]["ok"],
        }
        soft = {
            "no 5xx outside 2 s after a failure": not outside,
            "back to full speed (≥ 80% of the rate before)": after[0] >= 0.8 * before[0],
            "no e-mail stranded, no task stuck": not results["mail_stranded"]
            and not results["tasks_running"]
            and not results["fanout_missing"],
        }
        print(
            "\nGoals (exact):  "
            + ";  ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in goals.items())
        )
        print(
            "Goals (timing): " + ";  ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in soft.items())
        )
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1, default=str))
        failed = args.strict and not all(goals.values())
    finally:
        print("stopping the stack ...", flush=True)
        stack.stop()
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
