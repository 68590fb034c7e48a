"""wrk through the stack's nginx: `make stack-bench` (against a running `make stack`).

    python deploy/stack_bench.py [--state deploy/run/8470/state.json] [--seconds 10]

Loads with wrk (gzip accepted, as browsers do), in interleaved rounds (3 of 5 s, medians):

1. the anonymous article page through nginx, from the micro-cache (X-Cache-Status HIT);
2. the same bytes as a static file, served by a second nginx with the same settings
   (worker_processes 1, gzip_static) on port B+30: the ceiling for (1);
3. the anonymous article page through nginx past the micro-cache (a `csrftoken` cookie
   bypasses it): four app servers answering from the app's own page cache in Redis;
4. the same article signed in (a session cookie): rendered for the member each time.

First (--comments, 200) the members post comments into the article through nginx, 16 at
once, as fast as they are answered: the write path's rate (nginx, app, PgBouncer, the
primary, NOTIFY, the fan-out task queued) and a page with comments to load.

Prints requests a second, p50 and p99 latency, and the ratio of (1) to (2) against the
issue's goal (at least 0.5), and writes the figures to run_dir/stack-bench.json. The
figures are this machine's, shared with other work: rerun rather than compare old numbers.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from drill_load import CSRF_RE, IDEMPOTENCY_RE, Client, sign_in  # noqa: E402

from bench.wrk import load  # noqa: E402

GOAL = 0.5
STATIC_CONF = """worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    # Logged as the stack's nginx logs (deploy/nginx.conf), so only the cache differs.
    log_format forum '$remote_addr [$time_iso8601] "$request" $status $body_bytes_sent '
                     'rt=$request_time upstream=$upstream_addr us=$upstream_status '
                     'ut=$upstream_response_time id=$request_id';
    access_log {dir}/access.log forum buffer=64k flush=1s;
    sendfile on;
    keepalive_timeout 30s;
    client_body_temp_path {dir}/tmp;
    proxy_temp_path {dir}/tmp;
    fastcgi_temp_path {dir}/tmp;
    uwsgi_temp_path {dir}/tmp;
    scgi_temp_path {dir}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {dir}/files;
        gzip_static on;
    }}
}}
"""


def post_comments(state, thread_id, path, count):
    """Post `count` comments into the thread, one member a thread; return (accepted, seconds)."""
    base = urlsplit(state["url"])
    members = [Client(base.hostname, base.port) for _ in state["members"]]
    for client, name in zip(members, state["members"], strict=True):
        sign_in(client, name, state["member_password"])
    accepted, lock = [], threading.Lock()
    todo = iter(range(count))

    def post(client):
        for n in todo:
            status, _, page = client.request("GET", path)
            csrf, key = CSRF_RE.search(page), IDEMPOTENCY_RE.search(page)
            if status != 200 or not csrf:
                continue
            form = {
                "csrfmiddlewaretoken": unescape(csrf.group(1)),
                "body": f"Bench comment {n}: what a reader of a busy article says about it.",
                "homepage": "",
            }
            if key:
                form["idempotency_key"] = unescape(key.group(1) or key.group(2))
            status, _, _ = client.request("POST", f"/threads/{thread_id}/comments/", body=form)
            if status == 302:
                with lock:
                    accepted.append(n)

    started = time.monotonic()
    workers = [threading.Thread(target=post, args=(c,)) for c in members]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return len(accepted), time.monotonic() - started


def article_bytes(host, port, path):
    """Return the gzipped anonymous article page as nginx serves it (and its plain text)."""
    import http.client  # noqa: PLC0415

    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200 or response.headers.get("Content-Encoding") != "gzip":
        raise RuntimeError(f"{path}: {response.status} {response.headers}")
    return body


def static_nginx(run_dir, port, gzipped):
    """Start an nginx serving `gzipped` as /article.html (gzip_static); return the process."""
    import gzip  # noqa: PLC0415

    base = run_dir / "bench-static"
    (base / "files").mkdir(parents=True, exist_ok=True)
    (base / "tmp").mkdir(exist_ok=True)
    (base / "files" / "article.html.gz").write_bytes(gzipped)
    (base / "files" / "article.html").write_bytes(gzip.decompress(gzipped))
    conf = base / "nginx.conf"
    conf.write_text(STATIC_CONF.format(dir=base, port=port))
    process = subprocess.Popen(  # noqa: S603
        ["nginx", "-c", str(conf), "-g", "daemon off;"],  # noqa: S607
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    time.sleep(0.5)
    return process


def _median(figures):
    """Return the run with the median rate, with the rates of every round."""
    ordered = sorted(figures, key=lambda f: f["rps"])
    return {**ordered[len(ordered) // 2], "rounds_rps": [round(f["rps"]) for f in figures]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    port = os.environ.get("STACK_PORT", "8470")
    parser.add_argument("--state", default=f"deploy/run/{port}/state.json")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--comments", type=int, default=200)
    args = parser.parse_args()
    state = json.loads(Path(args.state).read_text())
    import psycopg  # noqa: PLC0415 (the venv's psycopg, as drill_checks does)

    with psycopg.connect(state["database_url"]) as conn:
        thread_id, path = conn.execute(
            "SELECT id, url FROM forum_thread WHERE state = 'open' AND NOT premoderate"
            " AND visible_from <= now() ORDER BY comment_count DESC, id LIMIT 1"
        ).fetchone()
    posted, seconds = (
        post_comments(state, thread_id, path, args.comments) if args.comments else (0, 1)
    )
    with psycopg.connect(state["database_url"]) as conn:
        (comments,) = conn.execute(
            "SELECT comment_count FROM forum_thread WHERE id = %s", [thread_id]
        ).fetchone()
    base = urlsplit(state["url"])
    member = Client(base.hostname, base.port)
    sign_in(member, state["members"][0], state["member_password"])
    session = f"sessionid={member.cookies['sessionid']}"
    gzipped = article_bytes(base.hostname, base.port, path)
    static_port = state["ports"]["nginx"] + 30
    static = static_nginx(Path(state["run_dir"]), static_port, gzipped)
    runs = [
        ("anonymous article, micro-cache", state["url"] + path, ()),
        ("same bytes, static file", f"http://127.0.0.1:{static_port}/article.html", ()),
        ("anonymous article, past the micro-cache", state["url"] + path, ("Cookie: csrftoken=x",)),
        ("signed-in article", state["url"] + path, (f"Cookie: {session}",)),
    ]
    rounds = {name: [] for name, _, _ in runs}
    try:
        # Interleaved rounds, medians kept: the machine is shared and its load moves.
        for _ in range(args.rounds):
            for name, url, headers in runs:
                rounds[name].append(
                    load(url, seconds=args.seconds, connections=args.connections, headers=headers)
                )
    finally:
        static.terminate()
        static.wait(timeout=10)
    results = {name: _median(figures) for name, figures in rounds.items()}
    ratio = results[runs[0][0]]["rps"] / results[runs[1][0]]["rps"]
    print(
        f"\n{path} ({comments} comments, {len(gzipped):,} bytes gzipped); wrk "
        f"{args.connections} connections, {args.rounds} interleaved rounds of {args.seconds} s "
        f"(medians), 4 app servers, load "
        f"{os.getloadavg()[0]:.1f}\n"
    )
    if args.comments:
        print(
            f"posting: {posted} of {args.comments} comments accepted in {seconds:.1f} s by "
            f"{len(state['members'])} members at once: {posted / seconds:.1f} a second\n"
        )
    print(f"| {'target':<42} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | errors | rounds")
    print(f"|{'-' * 44}|{'-' * 10}|{'-' * 9}|{'-' * 9}|--------|-------")
    for name, figures in results.items():
        print(
            f"| {name:<42} | {figures['rps']:>8,.0f} | {figures['p50_ms'] or 0:>7.1f} | "
            f"{figures['p99_ms'] or 0:>7.1f} | {figures['errors'] + figures['non_2xx']:>6} | "
            f"{', '.join(f'{r:,}' for r in figures['rounds_rps'])}"
        )
    print(
        f"\nmicro-cached article / static file: {ratio:.2f} "
        f"({'meets' if ratio >= GOAL else 'BELOW'} the goal of {GOAL})"
    )
    out = Path(state["run_dir"]) / "stack-bench.json"
    out.write_text(
        json.dumps(
            {
                "path": path,
                "comments": comments,
                "posted_per_second": posted / seconds,
                "ratio": ratio,
                "results": results,
            },
            indent=1,
        )
    )
    return 0 if ratio >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
