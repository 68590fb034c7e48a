"""Backups of the forum's database: pg_dump's custom format, and pg_restore into a database.

    python deploy/backup.py backup [--database-url URL] [--out FILE]
    python deploy/backup.py restore FILE [--database-url URL]

Without --database-url both use DATABASE_URL, else the running `make stack`'s primary.
`restore` creates the target database and refuses one that already has tables, so a
restore never mixes with live data: restore into a new database, check it, then point
DATABASE_URL at it (or rename it) while the app servers are stopped.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BACKUPS = ROOT / "backups"


def running_stack_url():
    """Return the primary's URL of a running `make stack`, or None."""
    for state in sorted((ROOT / "deploy" / "run").glob("*/state.json")):
        return json.loads(state.read_text())["database_url"]
    return None


def default_url():
    url = os.environ.get("DATABASE_URL") or running_stack_url()
    if not url or not url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL=postgres://... (or start `make stack`)")
    return url


def libpq_url(url):
    """Return the URL as libpq accepts it (postgres://, without Django-only options)."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def with_database(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def backup(url, out, *, timeout=600):
    """Dump the database at `url` to `out` (custom format); return the file's path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(out.suffix + ".partial")
    subprocess.run(  # noqa: S603
        ["pg_dump", "--format=custom", "--no-owner", f"--file={partial}", libpq_url(url)],  # noqa: S607
        check=True,
        timeout=timeout,
    )
    partial.replace(out)  # a file named .dump is always a whole dump
    return out


def restore(path, url, *, timeout=600):
    """Create the database of `url` (it must be absent or empty) and restore `path` into it."""
    import psycopg  # noqa: PLC0415 (only needed here)

    name = urlsplit(url).path.lstrip("/")
    admin = with_database(libpq_url(url), "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(libpq_url(url)) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    if tables:
        raise SystemExit(f"database {name} already has {tables} tables: restore into a new one")
    subprocess.run(  # noqa: S603
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={libpq_url(url)}", str(path)],  # noqa: S607
        check=True,
        timeout=timeout,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("backup")
    b.add_argument("--database-url")
    b.add_argument("--out")
    r = sub.add_parser("restore")
    r.add_argument("file")
    r.add_argument(
        "--database-url",
        help="target database (default: forum_restore on DATABASE_URL's server)",
    )
    args = parser.parse_args()
    if args.command == "backup":
        url = args.database_url or default_url()
        out = args.out or BACKUPS / f"forum-{time.strftime('%Y%m%d-%H%M%S')}.dump"
        started = time.monotonic()
        path = backup(url, out)
        size = path.stat().st_size
        print(f"backup: {path} ({size:,} bytes, {time.monotonic() - started:.1f} s)")
    else:
        url = args.database_url or with_database(default_url(), "forum_restore")
        started = time.monotonic()
        restore(args.file, url)
        print(f"restored {args.file} into {url} ({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    sys.exit(main())
