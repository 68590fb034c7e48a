"""The viral day's parts of the benchmark: a poster writing to the busy thread while it is
loaded, junk query values thrown at cached pages, and the page cache's key count."""

import http.client
import json
import random
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import redis

from bench.server import ROOT

COMMENTS_PER_SECOND = 5
# The poster is one member posting far beyond a member's limits: the bench lifts them.
POSTER_SETTINGS = {
    "COMMENT_RATE_PER_MINUTE": "100000",
    "COMMENT_RATE_PER_DAY": "1000000",
    "PREMODERATE_FIRST_COMMENTS": "0",
    "LINKS_TRUSTED_AFTER_COMMENTS": "0",
    # Or the thread's own slow mode starts within seconds, and the poster posts nothing more.
    "SLOW_MODE_START_RATE": "1000000",
}


@contextmanager
def poster(env, path, *, seconds, rate=COMMENTS_PER_SECOND):
    """Post `rate` comments a second to the thread at `path` while the block runs.

    The block starts once the poster is ready to post. Yields a dict filled in at the end
    with what the poster reported (outcomes by status).
    """
    report = {}
    process = subprocess.Popen(  # noqa: S603 (our own command line)
        [sys.executable, "manage.py", "bench_post", path, f"--rate={rate}", f"--seconds={seconds}"],
        cwd=ROOT,
        env={**env, **POSTER_SETTINGS},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the poster did not start:\n{process.stderr.read()[-2000:]}")
        yield report
    finally:
        process.terminate()
        out, err = process.communicate(timeout=60)
        if process.returncode not in (0, -15):
            raise RuntimeError(f"the poster failed:\n{err[-2000:]}")
        if out.strip():
            report.update(json.loads(out.strip().splitlines()[-1]))


def junk_paths(rng, pages):
    """Yield paths of cached pages with junk or non-existent query values, forever."""
    makers = [
        lambda: f"comment={rng.randrange(10**12)}",
        lambda: f"page={rng.randrange(2, 10**4)}",
        lambda: f"page={rng.randrange(10**4, 10**9)}",
        lambda: f"sort={rng.choice(['junk', 'oldest', 'TOP', ''])}{rng.randrange(10**6)}",
        lambda: f"thread={rng.randrange(10**12)}",
        lambda: f"utm_source=x{rng.randrange(10**9)}",
    ]
    while True:
        yield f"{rng.choice(pages)}?{rng.choice(makers)()}"


def throw_junk(base, pages, *, count, connections=8, seed=7):
    """Send `count` GETs with junk query values to `pages`; return the statuses counted."""
    rng = random.Random(seed)
    paths = junk_paths(rng, pages)
    planned = [next(paths) for _ in range(count)]
    host, port = base.removeprefix("http://").split(":")

    def worker(share):
        seen = Counter()
        connection = http.client.HTTPConnection(host, int(port), timeout=120)
        for path in share:
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            response.read()
            seen[response.status] += 1
        connection.close()
        return seen

    shares = [planned[n::connections] for n in range(connections)]
    with ThreadPoolExecutor(max_workers=connections) as pool:
        return sum(pool.map(worker, shares), Counter())


def page_keys(redis_url):
    """Return how many keys the page cache holds in that Redis (entries, parts, tokens)."""
    client = redis.Redis.from_url(redis_url)
    return sum(1 for _ in client.scan_iter(match="*:pc:*", count=1000))
