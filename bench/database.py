"""Create, fill and drop the benchmark's PostgreSQL databases."""

import json
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from bench.server import ROOT

PREFIX = "forum_bench"  # the only databases this benchmark ever creates or drops


def name_of(url):
    return urlsplit(url).path.lstrip("/")


def with_name(url, name):
    """Return the URL of another database on the same server."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin(url):
    """Return an autocommit connection to the server's `postgres` database."""
    return psycopg.connect(with_name(url, "postgres"), autocommit=True)


def check_name(name):
    if not name.startswith(PREFIX):
        raise ValueError(f"refusing to touch database {name!r}: its name must start with {PREFIX}")


def exists(url):
    with admin(url) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name_of(url)]
        ).fetchone()
    return found is not None


def drop(url):
    """Drop the database if it exists (only one of ours)."""
    name = name_of(url)
    check_name(name)
    with admin(url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def create(url, *, template=None):
    """Create the database afresh, empty or as a copy of another of ours."""
    drop(url)
    query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name_of(url)))
    if template:
        check_name(template)
        query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with admin(url) as connection:
        connection.execute(query)


def manage(env, *args, timeout=900):
    """Run a manage.py command with the benchmark's settings; return its standard output."""
    done = subprocess.run(  # noqa: S603 (our own command line)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def prepare(env, *, small_url, site_total):
    """Build the site database and the small one (1,000 comments); return what seeding made."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_content", "-v0")
    # The small site starts as a copy of the migrated one: faster than migrating twice.
    create(small_url, template=name_of(env["DATABASE_URL"]))
    site = json.loads(
        manage(env, "bench_seed", "--threads=0,10,1000,10000", f"--site-total={site_total}")
    )
    small = json.loads(manage({**env, "DATABASE_URL": small_url}, "bench_seed", "--threads=1000"))
    return site, small
