"""The drill's checks: what was acknowledged against what is stored, e-mails, the restore."""

import email
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import backup  # noqa: E402 (deploy/backup.py, beside this file)

ROOT = Path(__file__).resolve().parent.parent
MARKER_RE = re.compile(r"drill-[0-9a-f]{6}-m\d+-\d+")


def pg(url):
    import psycopg  # noqa: PLC0415 (the venv's psycopg)

    return psycopg.connect(backup.libpq_url(url), autocommit=True, connect_timeout=5)


def settle(url, timeout):
    """Wait until no task is due or running (bounded); return seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            with pg(url) as conn:
                due = conn.execute(
                    # A RUNNING row left by a killed worker is queued again within seconds
                    # (heartbeats): one still RUNNING after the timeout is stuck.
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult"
                    " WHERE (status = 'READY' AND run_after <= now()) OR status = 'RUNNING'"
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
        # Fan-out: each drill comment should notify the followers who followed well before it,
        # unless its fan-out met the database restart and waits for its retry (30 s later).
        missing_fanout, fanout_retrying = conn.execute(
            """SELECT count(*), count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM django_tasks_database_dbtaskresult t
                 WHERE t.status = 'READY' AND t.task_path LIKE '%%announce_comment'
                   AND t.args_kwargs -> 'args' ->> 0 = c.id::text))
               FROM forum_comment c
               JOIN forum_follow f ON f.thread_id = c.thread_id
                 AND f.member_id <> c.author_id
                 AND f.created_at < c.created_at - interval '5 seconds'
               JOIN accounts_user u ON u.id = f.member_id AND u.notify_follows AND u.is_active
               WHERE c.body LIKE %s AND c.status = 'published'
                 AND NOT EXISTS (SELECT 1 FROM forum_notification n
                                 WHERE n.comment_id = c.id AND n.recipient_id = f.member_id)""",
            [f"Drill comment drill-{run_id}-%"],
        ).fetchone()
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
    results["fanout_missing"] = missing_fanout - fanout_retrying
    results["fanout_retrying"] = fanout_retrying
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
    results["taken_back"] = taken_back(state["run_dir"], record)
    return results


def taken_back(run_dir, record):
    """Return (second of the run, log message) for each task queued again after its worker died."""
    found = []
    for path in sorted(Path(run_dir).glob("worker*.log")):
        for line in path.read_text(errors="replace").splitlines():
            if "queued again: " not in line or not line.startswith("{"):
                continue
            try:
                entry = json.loads(line)
                at = datetime.fromisoformat(entry["time"]).timestamp() - record.wall_start
            except (ValueError, KeyError):
                continue
            why = entry["message"].split(" queued again: ", 1)[1]
            found.append((round(at, 1), f"by {path.stem}: {why}"))
    return sorted(found)


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


def print_report(record, results, seconds, state, extra_rows=()):
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
        (
            "  of them 429 (busy thread, rate limit)",
            f"{sum(p.get('status') == 429 for p in posts):,}, "
            f"{sum(bool(p.get('retry_after')) for p in posts if p.get('status') == 429):,} "
            "with Retry-After",
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
        (
            "  fan-out missing / waiting for its retry",
            f"{results['fanout_missing']} / {results['fanout_retrying']} (comment → follower)",
        ),
        (
            "tasks by status at the end",
            ", ".join(f"{k} {v}" for k, v in sorted(results["tasks"].items())),
        ),
        (
            "  taken back from a dead worker",
            "; ".join(f"at {t} s ({why})" for t, why in results["taken_back"]) or "none",
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
        *extra_rows,
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
