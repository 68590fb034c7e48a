"""HTTP benchmark of the forum: seed busy threads, serve them as production does, load them.

    python -m bench.run [--quick] [--rounds N] [--duration S] [--keep] [--reuse]
                        [--redis-url URL] [--only WORDS ...]

It builds two fresh PostgreSQL databases (the site: threads of 0, 10, 1,000 and 10,000
comments among 100,000 in all; a small site: 1,000 comments, for search), measures
every target in-process (SQL queries, render time, page weight), starts one production
app server per database (gunicorn with deploy/gunicorn.conf.py: 2 uvicorn workers serving
forum.asgi, production settings), a gunicorn with 2 sync workers beside it for comparison,
and a private nginx serving the busy article's bytes as a static file (the physical
limit), then loads each target with wrk in interleaved rounds beside the trivial view
("hello") of its app server. The busy articles are loaded again while a poster posts 5
comments a second to their thread (bench/viral.py). It prints medians across rounds, each
target's throughput as a ratio to hello's in the same round, the page cache's key count
before and after junk query values (with --redis-url), and writes bench/results.json.
Figures compare within one run on one machine only.
"""

import argparse
import contextlib
import gzip
import json
import math
import os
import signal
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from bench import database, report, viral, wrk
from bench.server import ASGI, ROOT, SYNC, Gunicorn, Nginx, free_port, get
from bench.targets import (
    AFTER_COMMENTS,
    COLD_ARTICLE,
    EMPTY_ARTICLE,
    PLAIN_PAGE,
    STATIC,
    chosen,
    hello_of,
    targets,
)

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
STATE = HERE / ".state.json"  # what --keep left behind, for --reuse
DEFAULT_URL = f"postgres://postgres@127.0.0.1:5432/{database.PREFIX}"
SITE_TOTAL = 100_000
# A page slower than this in-process would only measure wrk's queue over HTTP.
HTTP_LIMIT_SECONDS = 5
CONNECTIONS = 16
WORKERS = 2
# Each connection should see a few answers, however slow the page: its load lasts at least
# this many service times of the whole queue, up to the cap.
ANSWERS_PER_CONNECTION = 2
JUNK_REQUESTS = 10_000
# Not secret: it signs sessions of a throwaway database on 127.0.0.1.
BENCH_SECRET_KEY = "bench-only-key-for-a-throwaway-database-0123456789abcdefghijklmnop"


def bench_env(url, port, redis_url):
    """Return the environment of production settings for the bench database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "SECRET_KEY": BENCH_SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "DEBUG": "0",
        "TESTING": "0",
        "DB_POOL_MIN": "1",
        "DB_POOL_MAX": "4",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def seed(env, small_url, *, site_total, reuse):
    """Return the seeding's description, building both databases unless reusing them."""
    if reuse and STATE.exists() and database.exists(env["DATABASE_URL"]):
        print("Reusing the databases of the last --keep run.")
        return json.loads(STATE.read_text())
    began = time.monotonic()
    database.create(env["DATABASE_URL"])
    site, small = database.prepare(env, small_url=small_url, site_total=site_total)
    state = {"site": site, "small": small, "seconds": round(time.monotonic() - began, 1)}
    print(
        f"Seeded {site['site_comments']:,} comments in {site['seconds']} s "
        f"(databases ready in {state['seconds']} s)."
    )
    STATE.write_text(json.dumps(state))
    return state


def measure_inprocess(envs, plan, session, repeat):
    """Return {name: in-process figures} for every target, from its own database."""
    figures = {}
    for site in ("site", "small"):
        chosen = [asdict(t) for t in plan if t.site == site]
        with tempfile.NamedTemporaryFile("w", suffix=".json") as listing:
            json.dump(chosen, listing)
            listing.flush()
            output = database.manage(
                envs[site],
                "bench_measure",
                listing.name,
                f"--session={session[site]}",
                f"--repeat={repeat}",
            )
        figures.update(json.loads(output))
    return figures


def server_of(target):
    """Return the key of the server that serves `target` in `servers`."""
    return target.server if target.server == "nginx" else (target.site, target.server)


def check(servers, plan, cookies):
    """Fail unless every target answers 200 over HTTP, signed in where it should be, and in
    each of its languages."""
    for target in plan:
        headers = {"Cookie": cookies[target.site]} if target.member else {}
        base = servers[server_of(target)].base
        status, body = get(base + target.path, headers=headers, timeout=120)
        if status != 200 or target.member != (b"Sign out" in body):
            raise RuntimeError(f"{target.name}: status {status}, signed in: {b'Sign out' in body}")
        for language in target.languages:
            asked = {**headers, "Accept-Language": language}
            status, body = get(base + target.path, headers=asked, timeout=120)
            if status != 200 or f'<html lang="{language}"'.encode() not in body:
                raise RuntimeError(f"{target.name}: status {status}, not in {language}")


def wrk_script(target):
    """Return the wrk Lua script of a target: its languages in turn, or None."""
    if not target.languages:
        return None
    return wrk.rotating_header("Accept-Language", target.languages)


def load_seconds(render_ms, *, seconds, cap):
    """Return how long to load a page that takes render_ms in-process."""
    queue = render_ms / 1000 * CONNECTIONS / WORKERS
    return max(seconds, min(cap, math.ceil(queue * ANSWERS_PER_CONNECTION)))


def run_rounds(servers, plan, cookies, *, rounds, durations, env):
    """Load each target in turn, round after round; return {name: [wrk figures per round]}."""
    figures = {target.name: [] for target in plan}
    for number in range(rounds):
        print(f"Round {number + 1} of {rounds}", flush=True)
        for target in plan:
            server = servers[server_of(target)]
            headers = [f"Cookie: {cookies[target.site]}"] if target.member else []
            seconds = durations[target.name]
            loading = (
                viral.poster(env, target.path, seconds=seconds + 5)
                if target.writes
                else contextlib.nullcontext({})
            )
            with loading as posted:
                result = wrk.load(
                    server.base + target.path,
                    seconds=seconds,
                    connections=CONNECTIONS,
                    headers=headers,
                    script=wrk_script(target),
                )
            # Requests wrk left queued must not slow the next target down.
            server.wait_idle()
            result["posted"] = posted.get("outcomes")
            figures[target.name].append(result)
            wrote = f", posted {dict(posted['outcomes'])}" if posted.get("outcomes") else ""
            print(
                f"  {target.name:34} {result['rps']:9.1f} req/s "
                f"({result['requests']} in {seconds} s, p99 {result['p99_ms']} ms{wrote})",
                flush=True,
            )
    return figures


def start_servers(ports, envs, static_from):
    """Start the app servers of both databases and nginx; return {key: server}."""
    servers = {}
    for key, port in ports.items():
        if key == "nginx":
            continue
        site, kind = key
        servers[key] = Gunicorn(
            port=port, env=envs[site], log_path=HERE / f"gunicorn-{site}-{kind}.log", kind=kind
        )
        servers[key].start()
    if Nginx.available():
        # The busy page's bytes as production's cache stores them (gzip level 6).
        body = get(servers[("site", ASGI)].base + static_from, timeout=120)[1]
        servers["nginx"] = Nginx(port=ports["nginx"])
        servers["nginx"].start(
            {"page.html": body, "page.html.gz": gzip.compress(body, compresslevel=6, mtime=0)}
        )
    return servers


def junk(servers, pages, redis_url, count):
    """Return the page cache's key count before and after `count` junk requests."""
    if not redis_url:
        return None
    before = viral.page_keys(redis_url)
    statuses = viral.throw_junk(servers[("site", ASGI)].base, pages, count=count)
    return {
        "requests": count,
        "before": before,
        "after": viral.page_keys(redis_url),
        "statuses": dict(statuses),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description="HTTP benchmark of the forum's pages.")
    parser.add_argument("--quick", action="store_true", help="1 round of 2 s per target")
    parser.add_argument("--rounds", type=int, help="rounds (default 3, quick 1)")
    parser.add_argument("--duration", type=int, help="seconds per target (default 10, quick 2)")
    parser.add_argument("--site-total", type=int, default=SITE_TOTAL, help="comments in site")
    parser.add_argument("--port", type=int, default=8411, help="first port to try")
    parser.add_argument("--database-url", default=DEFAULT_URL, help="name starts forum_bench")
    parser.add_argument("--redis-url", default="", help="e.g. redis://127.0.0.1:6379/5")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse the databases of --keep")
    parser.add_argument(
        "--only", action="append", default=[], help="targets whose names contain this (repeatable)"
    )
    args = parser.parse_args(argv)
    rounds = args.rounds or (1 if args.quick else 3)
    seconds = args.duration or (2 if args.quick else 10)
    cap = max(seconds, 8 if args.quick else 20)
    repeat = 3 if args.quick else 10
    # A TERM (from make, or a CI timeout) must still stop gunicorn and drop the databases.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    site_url = args.database_url
    small_url = database.with_name(site_url, f"{database.name_of(site_url)}_small")
    for url in (site_url, small_url):
        database.check_name(database.name_of(url))
    ports = {}
    for key in [("site", ASGI), ("small", ASGI), ("site", SYNC), "nginx"]:
        ports[key] = free_port(max([args.port - 1, *ports.values()]) + 1)
    envs = {
        site: bench_env(url, ports[(site, ASGI)], args.redis_url)
        for site, url in (("site", site_url), ("small", small_url))
    }
    servers = {}
    began = time.monotonic()
    try:
        state = seed(envs["site"], small_url, site_total=args.site_total, reuse=args.reuse)
        plan = chosen(targets(state["site"], state["site"]["site_comments"]), args.only)
        session = {site: state[site]["session"] for site in ("site", "small")}
        cookies = {site: f"sessionid={key}" for site, key in session.items()}
        database.manage(envs["site"], "collectstatic", "--noinput", "-v0")
        print("Measuring in-process (queries, render time, page weight)...", flush=True)
        inprocess = measure_inprocess(
            envs, [t for t in plan if t.server != "nginx"], session, repeat
        )
        # The static file weighs what the busy page does, and costs nothing in Django.
        if STATIC in {t.name for t in plan}:
            inprocess[STATIC] = {**inprocess["article, 10,000"], "queries": 0, "render_ms": 0}
        too_slow = [t for t in plan if inprocess[t.name]["render_ms"] > HTTP_LIMIT_SECONDS * 1000]
        # A cold target's cache can only be emptied in-process, and comments posted in turn.
        loaded = [t for t in plan if t not in too_slow and not (t.cold or t.after_comment)]
        servers.update(start_servers(ports, envs, state["site"]["articles"]["10000"]))
        loaded = [t for t in loaded if server_of(t) in servers]  # nginx may be missing
        check(servers, loaded, cookies)
        durations = {
            t.name: load_seconds(inprocess[t.name]["render_ms"], seconds=seconds, cap=cap)
            for t in loaded
        }
        http = run_rounds(
            servers, loaded, cookies, rounds=rounds, durations=durations, env=envs["site"]
        )
        articles = state["site"]["articles"]
        junk_count = JUNK_REQUESTS if not args.quick else JUNK_REQUESTS // 5
        # Only with every target: a run of a few is for comparing those.
        keys = None
        if not args.only:
            pages = [articles["10"], articles["0"], "/"]
            keys = junk(servers, pages, args.redis_url, junk_count)
    finally:
        for server in servers.values():
            server.stop()
        if not args.keep:
            for url in (small_url, site_url):
                database.drop(url)
            STATE.unlink(missing_ok=True)

    results = {}
    for target in plan:
        results[target.name] = {"path": target.path, "inprocess": inprocess[target.name]}
        if target in loaded:
            figures = report.summarise(http[target.name], http[hello_of(target)])
            results[target.name]["http"] = figures
            results[target.name]["http"]["seconds_per_round"] = durations[target.name]
    print()
    print(report.http_table(results))
    print(
        "\nratio: to hello (the bench's trivial view, through the site's whole middleware stack) "
        "of the same app server in the same round; production's app server unless 'sync:'."
    )
    if args.only:
        pass  # no junk requests: nothing counted
    elif keys is None:
        print("\nPage cache keys: not counted (each worker's own memory; pass --redis-url).")
    else:
        print(
            f"\nPage cache keys in Redis: {keys['before']:,} before {keys['requests']:,} requests "
            f"with junk query values, {keys['after']:,} after (answers: {keys['statuses']})."
        )
    print()
    print(report.page_table(results, EMPTY_ARTICLE))
    if COLD_ARTICLE in inprocess and PLAIN_PAGE in inprocess:
        cold, plain = inprocess[COLD_ARTICLE]["render_ms"], inprocess[PLAIN_PAGE]["render_ms"]
        print(
            f"\nThe article page's own parts, nothing cached: {cold:.1f} ms in-process, "
            f"{cold / plain:.2f}x the plain ~30 KB page ({plain:.1f} ms); goal: about 2x."
        )
        for name in AFTER_COMMENTS:
            if name in inprocess:
                print(report.after_comment_line(name, inprocess[name], plain))
    if too_slow:
        names = ", ".join(t.name for t in too_slow)
        print(f"\nNot loaded over HTTP (over {HTTP_LIMIT_SECONDS} s a page in-process): {names}")
    RESULTS.write_text(
        json.dumps(
            {
                "rounds": rounds,
                "seconds_per_target": seconds,
                "seconds_cap": cap,
                "connections": CONNECTIONS,
                "site_comments": state["site"]["site_comments"],
                "seed_seconds": state["site"]["seconds"],
                "total_seconds": round(time.monotonic() - began),
                "targets": results,
                "raw_rounds": http,
                "page_cache_keys": keys,
            },
            indent=2,
        )
    )
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
