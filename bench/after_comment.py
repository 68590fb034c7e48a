"""The first reader after a new comment, in-process: bench/run.py's figure, alone and quick.

    python -m bench.after_comment [--database-url URL] [--redis-url URL] [--repeat N] [--keep]

Seeds a fresh database (a thread of 1,000 comments, bench/seed.py) and measures in one
process, as bench/run.py's in-process table does: the plain ~30 KB page, the busy article
read warm (anonymous, then signed in), the first reader after each of N comments, and a
reader reading for N seconds while comments come 5 a second (the render interval as in
production), each with the page rendered ahead on write (forum/discussion/prerender.py,
the default) and with nothing rendered ahead (PRERENDER_ON_WRITE=off, as before). Prints
each figure with its ratio to the plain page (the goal: 3x), what the writer's process spent
rendering ahead, and how many of the readers' requests during writes paid for one (more
queries than the page's own). The Redis database given (the bench's own, `make bench`'s
BENCH_REDIS_URL) is emptied first; without one, each process's local memory is the cache.
Figures compare within one run only.
"""

import argparse
import json
import tempfile
from dataclasses import asdict

import redis

from bench import database, report
from bench.run import DEFAULT_URL, bench_env
from bench.targets import (
    AFTER_COMMENT,
    AFTER_COMMENTS,
    MEMBER_AFTER_COMMENT,
    NOT_AHEAD,
    PLAIN_PAGE,
    Target,
)

BUSY = "1000"


def targets(article):
    """Return the in-process targets: the plain page, the warm article, the readers after."""
    return [
        Target(PLAIN_PAGE, "/bench/plain"),
        Target("article, 1,000", article),
        Target("member article, 1,000", article, member=True),
        Target(AFTER_COMMENT, article, after_comment=True),
        Target(MEMBER_AFTER_COMMENT, article, member=True, after_comment=True),
        Target(AFTER_COMMENT + NOT_AHEAD, article, after_comment=True, ahead=False),
        Target(
            MEMBER_AFTER_COMMENT + NOT_AHEAD, article, member=True, after_comment=True, ahead=False
        ),
        *[
            Target(
                f"{who}article, 1,000, reader during 5 comments/s{'' if ahead else NOT_AHEAD}",
                article,
                member=bool(who),
                during_writes=True,
                ahead=ahead,
            )
            for ahead in (True, False)
            for who in ("", "member ")
        ],
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description="The first reader after a comment, in-process.")
    url = DEFAULT_URL + "_after"
    parser.add_argument("--database-url", default=url, help="name starts forum_bench")
    parser.add_argument("--redis-url", default="", help="e.g. redis://127.0.0.1:6379/5 (emptied)")
    parser.add_argument("--repeat", type=int, default=10, help="comments per target")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    database.check_name(database.name_of(args.database_url))
    if args.redis_url:
        redis.Redis.from_url(args.redis_url).flushdb()
    env = bench_env(args.database_url, 8000, args.redis_url)
    try:
        database.create(args.database_url)
        database.manage(env, "migrate", "--noinput", "-v0")
        database.manage(env, "load_content", "-v0")
        database.manage(env, "collectstatic", "--noinput", "-v0")
        site = json.loads(database.manage(env, "bench_seed", f"--threads={BUSY}"))
        plan = targets(site["articles"][BUSY])
        with tempfile.NamedTemporaryFile("w", suffix=".json") as listing:
            json.dump([asdict(t) for t in plan], listing)
            listing.flush()
            output = database.manage(
                env,
                "bench_measure",
                listing.name,
                f"--session={site['session']}",
                f"--repeat={args.repeat}",
            )
    finally:
        if not args.keep:
            database.drop(args.database_url)
    figures = json.loads(output)
    plain = figures[PLAIN_PAGE]["render_ms"]
    for target in plan:
        found = figures[target.name]
        line = (
            f"{target.name}: {found['render_ms']:.1f} ms, {found['queries']} queries, "
            f"{found['render_ms'] / plain:.2f}x the plain page"
        )
        if target.during_writes:
            line += (
                f"; p99 {found['p99_ms']:.1f} ms; {found['paid']} of {found['samples']} "
                "requests paid for a write"
            )
        print(line)
    print()
    for name in AFTER_COMMENTS:
        print(report.after_comment_line(name, figures[name], plain))


if __name__ == "__main__":
    main()
