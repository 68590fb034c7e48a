"""The stack's ports, its environment and the configuration files it fills in (nginx, PgBouncer)."""

import os
import re
from pathlib import Path

from processes import run

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
# Not secret: it signs sessions of a throwaway database that lives for one run.
STACK_SECRET_KEY = "stack-only-key-for-a-throwaway-deployment-0123456789abcdefghijklmnop"
APP_SERVERS = ("web1", "web2", "web3", "web4")


def ports_for(base):
    """Return every port of the stack, from its base B (deploy/stack.py's docstring)."""
    return {
        "nginx": base,
        **{name: base + n for n, name in enumerate(APP_SERVERS, 1)},
        "pg_primary": base + 10,
        "pg_replica": base + 11,
        "pgbouncer": base + 12,
        "redis": base + 20,
        "redis_pages": base + 21,
    }


def database_urls(ports, name="forum"):
    """Return the URLs: straight to each cluster, and through PgBouncer."""
    host = "postgres://postgres@127.0.0.1"
    return {
        "primary": f"{host}:{ports['pg_primary']}/{name}",
        "replica": f"{host}:{ports['pg_replica']}/{name}",
        "pooled": f"{host}:{ports['pgbouncer']}/{name}",
        "pooled_replica": f"{host}:{ports['pgbouncer']}/{name}_replica",
    }


def base_env(ports, run_dir):
    """Return the production environment every process of the stack shares."""
    urls = database_urls(ports)
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "SECRET_KEY": STACK_SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{ports['nginx']}",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "USE_X_FORWARDED_PROTO": "1",
        # nginx sets X-Forwarded-For to the address it saw (one hop, never appended to).
        "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
        # Through PgBouncer (transaction mode): the primary and the replica.
        "DATABASE_URL": urls["pooled"],
        "DATABASE_REPLICA_URL": urls["pooled_replica"],
        "DISABLE_SERVER_SIDE_CURSORS": "1",
        # LISTEN cannot pass a transaction pooler: straight to the primary.
        "LIVE_DATABASE_URL": urls["primary"],
        "DB_POOL_MIN": "1",
        "DB_POOL_MAX": "4",
        # State (rate limits, allauth's limits, sessions' cache): never evicted.
        "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
        # The page cache ("pages" alias, once it exists): evicted least recently used first.
        "PAGE_CACHE_URL": f"redis://127.0.0.1:{ports['redis_pages']}/0",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(run_dir / "mail"),
        "COMMENT_RATE_PER_MINUTE": "1000",
        "COMMENT_RATE_PER_DAY": "100000",
        "PREMODERATE_FIRST_COMMENTS": "0",
        # The drill's webhook receiver listens on 127.0.0.1 (deploy/drill_webhooks.py).
        "WEBHOOKS_ALLOW_PRIVATE": "1",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "WARNING",
        "PROMETHEUS_MULTIPROC_DIR": str(run_dir / "metrics"),
        "REDIS_PORT": str(ports["redis"]),
        "REDIS_PAGES_PORT": str(ports["redis_pages"]),
        **{f"{name.upper()}_PORT": str(ports[name]) for name in APP_SERVERS},
        "PGBOUNCER_INI": str(run_dir / "pgbouncer.ini"),
        "RUN_DIR": str(run_dir),
        "PYTHONUNBUFFERED": "1",
    }


def setup_env(env, ports):
    """Return `env` with the databases straight to the clusters (migrations, loading, checks)."""
    urls = database_urls(ports)
    return {**env, "DATABASE_URL": urls["primary"], "DATABASE_REPLICA_URL": urls["replica"]}


def _fill(template, values, comment):
    text = (DEPLOY / template).read_text()
    for key, value in values.items():
        text = text.replace(key, value)
    unfilled = re.search(r"@[A-Z_]+@", re.sub(rf"{comment}.*", "", text))
    assert unfilled is None, f"unfilled placeholder in {template}: {unfilled}"  # noqa: S101
    return text


def render_nginx(ports, run_dir):
    upstreams = "\n".join(
        f"        server 127.0.0.1:{ports[name]} max_fails=1 fail_timeout=3s;"
        for name in APP_SERVERS
    )
    text = _fill(
        "nginx.conf",
        {
            "@PREFIX@": str(run_dir / "nginx"),
            "@LISTEN@": f"127.0.0.1:{ports['nginx']}",
            "@UPSTREAMS@": upstreams,
            "@STATIC_ROOT@": str(ROOT / "staticfiles"),
        },
        "#",
    )
    (run_dir / "nginx").mkdir(parents=True, exist_ok=True)
    path = run_dir / "nginx.conf"
    path.write_text(text)
    run(["nginx", "-t", "-q", "-c", str(path)], quiet=True)


def render_pgbouncer(ports, run_dir):
    """Write pgbouncer.ini and its user list (the Procfile runs PgBouncer -u postgres)."""
    users = run_dir / "pgbouncer-users.txt"
    users.write_text('"postgres" ""\n')
    text = _fill(
        "pgbouncer.ini",
        {
            "@PRIMARY@": f"host=127.0.0.1 port={ports['pg_primary']}",
            "@REPLICA@": f"host=127.0.0.1 port={ports['pg_replica']}",
            "@LISTEN_PORT@": str(ports["pgbouncer"]),
            "@AUTH_FILE@": str(users),
        },
        ";",
    )
    (run_dir / "pgbouncer.ini").write_text(text)
