"""Benchmark of live updates: delivery across app servers, and 1,000 open streams on one worker.

Two uvicorn app servers (one worker each) serve a fresh forum_bench_live database with
production settings. A reader holds the thread's event stream on server B while a member
posts comments, one after another, through server A: each comment's delay is from the
moment its POST is sent to the moment its event reaches the reader (PostgreSQL NOTIFY
from A's commit, B's LISTEN connection, B's stream). Then 1,000 streams are opened on B:
its resident memory before and after, and every other page must keep answering while
they are open.

    .venv/bin/python -m bench.live [--comments 200] [--streams 1000]
"""

import argparse
import asyncio
import http.client
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import database
from bench.run import bench_env
from bench.server import ROOT, free_port, get

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/forum_bench_live"
UVICORN = Path(sys.executable).parent / "uvicorn"
HERE = Path(__file__).resolve().parent
GOAL_P99_SECONDS = 1.0
GOAL_MEMORY_MB = 100


def live_env(url, port):
    env = bench_env(url, port, "")
    env.update(
        {
            # One member posts every comment, as fast as the bench can: no limits for it.
            "COMMENT_RATE_PER_MINUTE": "1000000",
            "COMMENT_RATE_PER_DAY": "1000000",
            "PREMODERATE_FIRST_COMMENTS": "0",
            # Or the thread's own slow mode starts after a few comments and refuses the rest.
            "SLOW_MODE_START_RATE": "1000000",
            # Every stream of the bench comes from 127.0.0.1.
            "LIVE_MAX_STREAMS_PER_ADDRESS": "5000",
            "LIVE_MAX_STREAMS": "5000",
        }
    )
    return env


class Uvicorn:
    """One uvicorn process with one worker, as each app server runs per worker."""

    def __init__(self, *, port, env, log_path):
        self.port, self.env, self.log_path = port, env, log_path
        self.base = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self, wait=60):
        command = [
            str(UVICORN),
            "forum.asgi:application",
            "--host=127.0.0.1",
            f"--port={self.port}",
            "--lifespan=off",
            "--timeout-graceful-shutdown=3",
            "--log-level=warning",
            "--no-access-log",
        ]
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(  # noqa: S603 (our own command line)
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited; see {self.log_path}")
            try:
                get(f"{self.base}/bench/ok", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"uvicorn did not answer within {wait} s; see {self.log_path}")

    def rss_mb(self):
        """Return the process's resident memory in MB (Linux /proc)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) / 1024

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


async def open_stream(port, path):
    """Open an event stream; return (reader, writer) once its first bytes arrived."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    writer.write(request.encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(head.split(b"\r\n", 1)[0].decode())
    await reader.readuntil(b"\n\n")  # "retry:" and the opening comment
    return reader, writer


async def read_events(reader, arrivals):
    """Record the arrival time of each event's comment id until the stream closes."""
    buffer = b""
    while chunk := await reader.read(65536):
        buffer += chunk
        for match in re.finditer(rb'"comment":(\d+),"kind":"published"', buffer):
            arrivals.setdefault(int(match[1]), time.monotonic())
        buffer = buffer[-200:]


def member_headers(base, article, session):
    """Return the headers of a signed-in POST: session and CSRF cookies, and the form token."""
    request = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    request.request("GET", article, headers={"Cookie": f"sessionid={session}"})
    response = request.getresponse()
    page = response.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not (csrf and token):
        (HERE / "live-page.html").write_text(page)
        raise RuntimeError(f"no comment form ({response.status}); see bench/live-page.html")
    thread_id = int(re.search(r'data-live-events="/threads/(\d+)/events/"', page)[1])
    cookie = f"sessionid={session}; csrftoken={csrf[1]}"
    return thread_id, token[1], cookie


def post_comment(base, thread_id, token, cookie, body):
    """Post a comment as the member; return its id (from the redirect to it)."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    form = f"csrfmiddlewaretoken={token}&body={body.replace(' ', '+')}"
    connection.request(
        "POST",
        f"/threads/{thread_id}/comments/",
        body=form,
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    response = connection.getresponse()
    response.read()
    location = response.getheader("Location") or ""
    found = re.search(r"comment-(\d+)", location)
    if response.status != 302 or not found:
        raise RuntimeError(f"posting failed: {response.status} {location}")
    return int(found[1])


async def delivery(server_a, server_b, article, session, comments):
    """Return the delays (s) from each POST on A to its event on B's stream."""
    thread_id, token, cookie = member_headers(server_a.base, article, session)
    reader, writer = await open_stream(server_b.port, f"/threads/{thread_id}/events/")
    arrivals = {}
    listening = asyncio.create_task(read_events(reader, arrivals))
    await asyncio.sleep(0.5)  # B's listener connects on its first stream
    sent = {}
    loop = asyncio.get_running_loop()
    for number in range(comments):
        started = time.monotonic()
        body = f"Live benchmark comment number {number}"
        pk = await loop.run_in_executor(
            None, post_comment, server_a.base, thread_id, token, cookie, body
        )
        sent[pk] = started
    deadline = time.monotonic() + 10
    while len(set(sent) & set(arrivals)) < len(sent) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    listening.cancel()
    writer.close()
    missing = set(sent) - set(arrivals)
    delays = sorted(arrivals[pk] - sent[pk] for pk in sent if pk in arrivals)
    return delays, len(missing), thread_id


async def many_streams(server, thread_id, count, probe_paths, poster):
    """Open `count` streams on one server; return memory, failures and fan-out figures."""
    for path in probe_paths:  # warm the worker: the first requests load templates and caches
        get(server.base + path)
    before = server.rss_mb()
    streams = []
    for start in range(0, count, 100):
        batch = [
            open_stream(server.port, f"/threads/{thread_id}/events/")
            for _ in range(min(100, count - start))
        ]
        streams += await asyncio.gather(*batch)
    await asyncio.sleep(1)
    during = server.rss_mb()

    # The rest of the site while they are open: every request must answer 200.
    loop = asyncio.get_running_loop()
    failures, answered = 0, 0
    for _ in range(5):
        for path in probe_paths:
            try:
                status, _ = await loop.run_in_executor(None, get, server.base + path)
            except OSError:
                status = None
            answered += 1
            failures += status != 200

    # One event to all of them.
    arrivals = [{} for _ in streams]
    readers = [
        asyncio.create_task(read_events(reader, seen))
        for (reader, _), seen in zip(streams, arrivals, strict=True)
    ]
    started = time.monotonic()
    pk = await loop.run_in_executor(None, poster)
    deadline = time.monotonic() + 30
    while sum(pk in seen for seen in arrivals) < len(streams) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    reached = [seen[pk] - started for seen in arrivals if pk in seen]
    for task in readers:
        task.cancel()
    for _, writer in streams:
        writer.close()
    return {
        "streams": len(streams),
        "rss_before_mb": round(before, 1),
        "rss_with_streams_mb": round(during, 1),
        "rss_growth_mb": round(during - before, 1),
        "other_requests": answered,
        "other_requests_failed": failures,
        "fanout_reached": len(reached),
        "fanout_last_s": round(max(reached), 3) if reached else None,
    }


def percentile(values, fraction):
    if not values:
        return None
    return values[min(len(values) - 1, int(round(fraction * (len(values) - 1))))]


def main(argv=None):
    parser = argparse.ArgumentParser(description="Live updates: delivery delay and open streams.")
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--port", type=int, default=8160, help="first port to try")
    parser.add_argument("--database-url", default=DEFAULT_URL, help="name starts forum_bench")
    args = parser.parse_args(argv)

    url = args.database_url
    port_a = free_port(args.port)
    env_a = live_env(url, port_a)
    print(f"Seeding {database.name_of(url)}...", flush=True)
    database.create(url)
    database.manage(env_a, "migrate", "--noinput", "-v0")
    database.manage(env_a, "load_content", "-v0")
    database.manage(env_a, "collectstatic", "--noinput", "-v0")
    seeded = json.loads(database.manage(env_a, "bench_seed", "--threads=0"))
    article, session = seeded["articles"]["0"], seeded["session"]

    server_a = Uvicorn(port=port_a, env=env_a, log_path=HERE / "uvicorn-live-a.log")
    server_a.start()
    port_b = free_port(port_a + 1)
    server_b = Uvicorn(port=port_b, env=live_env(url, port_b), log_path=HERE / "uvicorn-live-b.log")
    try:
        server_b.start()
        delays, missing, thread_id = asyncio.run(
            delivery(server_a, server_b, article, session, args.comments)
        )
        _, token, cookie = member_headers(server_a.base, article, session)

        def poster():
            return post_comment(server_a.base, thread_id, token, cookie, "To every stream")

        probes = ["/bench/ok", "/", article, "/topics/"]
        held = asyncio.run(many_streams(server_b, thread_id, args.streams, probes, poster))
    finally:
        server_a.stop()
        server_b.stop()
        database.drop(url)

    p99 = percentile(delays, 0.99)
    results = {
        "comments": args.comments,
        "delivered": len(delays),
        "missing": missing,
        "p50_s": round(statistics.median(delays), 3) if delays else None,
        "p99_s": round(p99, 3) if p99 is not None else None,
        "max_s": round(delays[-1], 3) if delays else None,
        **held,
    }
    print(report(results))
    (HERE / "live-results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


def report(r):
    """Return the two figures of the issue, and the rest, as lines of text."""
    p99_verdict = "met" if r["p99_s"] is not None and r["p99_s"] <= GOAL_P99_SECONDS else "MISSED"
    memory_ok = r["rss_growth_mb"] < GOAL_MEMORY_MB and r["other_requests_failed"] == 0
    return "\n".join(
        [
            "Live updates (bench/live.py: two uvicorn app servers, PostgreSQL on this machine)",
            f"  delivery A -> B, {r['comments']} comments: p50 {r['p50_s']} s, "
            f"p99 {r['p99_s']} s, max {r['max_s']} s, missing {r['missing']} "
            f"(goal p99 <= {GOAL_P99_SECONDS} s: {p99_verdict})",
            f"  {r['streams']} open streams on one worker: RSS {r['rss_before_mb']} -> "
            f"{r['rss_with_streams_mb']} MB (+{r['rss_growth_mb']} MB), "
            f"other requests {r['other_requests'] - r['other_requests_failed']}/"
            f"{r['other_requests']} answered "
            f"(goal < {GOAL_MEMORY_MB} MB, none failed: {'met' if memory_ok else 'MISSED'})",
            f"  one comment reached {r['fanout_reached']} of {r['streams']} streams "
            f"in {r['fanout_last_s']} s",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
