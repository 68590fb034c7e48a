"""The whole deployment on one machine, every port on 127.0.0.1: `make stack`.

    python deploy/stack.py up [--port-base 8470] [--members 16] [--state FILE]

Creates a PostgreSQL primary and a streaming replica with `pg_createcluster` on their own
ports (never the cluster on 5432), migrates, loads the articles, creates the members,
collects static files, then runs every line of deploy/Procfile (two Redis, PgBouncer,
nginx, four gunicorn app servers, two task workers) and supervises them: a process that
exits is started again a second later, like systemd's Restart=always. SIGINT or SIGTERM
stops everything and drops both clusters, whatever state the start reached. The state file
(JSON: ports, URLs, process ids) tells deploy/drill.py where everything is.

Ports, from the base B: nginx B, app servers B+1 to B+4, PostgreSQL primary B+10 and
replica B+11, PgBouncer B+12 (both databases: `forum` and `forum_replica`), Redis for state
B+20 and for the page cache B+21; deploy/stack_bench.py's static-file nginx B+30; the
drill's webhook receiver B+40.

The app servers and task workers reach PostgreSQL through PgBouncer (transaction mode);
each app worker's LISTEN connection goes straight to the primary (LIVE_DATABASE_URL);
migrations, loading and the drill's checks use the clusters directly.
"""

import argparse
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

from processes import PG_VERSION, Cluster, Stopped, Supervisor, log, port_free, run, wait_http  # noqa: E402 (beside this file)
from stack_config import (  # noqa: E402 (beside this file)
    APP_SERVERS,
    DEPLOY,
    ROOT,
    base_env,
    database_urls,
    ports_for,
    render_nginx,
    render_pgbouncer,
    setup_env,
)

PY = ROOT / ".venv" / "bin" / "python"
MEMBER_PASSWORD = "drill-member-password-7f3c"  # noqa: S105 (throwaway accounts)


def ensure_packages():
    """Install nginx, Redis and PgBouncer from Debian when they are missing."""
    missing = [p for p in ("nginx", "redis-server", "pgbouncer") if not shutil.which(p)]
    if not missing:
        return
    log(f"installing {' '.join(missing)} (apt-get)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if run(["apt-get", "install", "-y", "-qq", *missing], env=env, check=False).returncode:
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", *missing], env=env)


def read_procfile(path=DEPLOY / "Procfile"):
    """Return [(name, command)] from a Procfile (comments and blank lines skipped)."""
    entries = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, command = line.partition(":")
        entries.append((name.strip(), command.strip()))
    return entries


MEMBERS_SCRIPT = """
import sys
from allauth.account.models import EmailAddress
from accounts.models import User
count, password = int(sys.argv[1]), sys.argv[2]
for n in range(1, count + 1):
    name = f"drill{n:02d}"
    # Following threads by e-mail, so the drill's comments fan out into e-mails.
    user, created = User.objects.get_or_create(
        username=name, defaults={"email": f"{name}@example.org", "notify_follows": True}
    )
    if created:
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
print(f"{count} members ready (verified e-mail, password set)")
"""


def up(args):
    ports = ports_for(args.port_base)
    busy = [f"{name} {port}" for name, port in ports.items() if not port_free(port)]
    if busy:
        raise SystemExit(f"ports in use: {', '.join(busy)} (choose another --port-base)")
    run_dir = Path(args.run_dir or DEPLOY / "run" / str(args.port_base)).resolve()
    state_path = Path(args.state or run_dir / "state.json").resolve()
    shutil.rmtree(run_dir, ignore_errors=True)
    for sub in ("mail", "metrics", "backups"):
        (run_dir / sub).mkdir(parents=True)
    primary = Cluster(f"forumstack{ports['pg_primary']}", ports["pg_primary"])
    replica = Cluster(f"forumstack{ports['pg_replica']}r", ports["pg_replica"])
    supervisor = None

    def on_signal(signum, frame):
        raise Stopped(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        ensure_packages()
        env = base_env(ports, run_dir)
        direct = setup_env(env, ports)
        log(f"PostgreSQL primary {primary.name} on {primary.port}")
        primary.create(wal_level="replica", max_wal_senders=5, wal_keep_size="256MB")
        primary.ctl("start")
        primary.wait_ready()
        run(["createdb", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres", "forum"])
        log(f"PostgreSQL replica {replica.name} on {replica.port} (pg_basebackup -R)")
        replica.create(hot_standby="on", hot_standby_feedback="on")
        for item in replica.data.iterdir():  # keep the postgres-owned directory itself
            shutil.rmtree(item) if item.is_dir() else item.unlink()
        run(
            [
                "runuser", "-u", "postgres", "--",
                "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
                "-D", str(replica.data), "-R", "-X", "stream", "-c", "fast",
            ],
            quiet=True,
        )  # fmt: skip
        replica.ctl("start")
        replica.wait_ready()

        log("migrate, load_content, members, collectstatic")
        run([str(PY), "manage.py", "migrate", "--noinput"], env=direct, quiet=True)
        run([str(PY), "manage.py", "load_content"], env=direct, quiet=True)
        # `manage.py shell -c` takes no arguments: django.setup() and the script instead.
        run(
            [
                str(PY), "-c",
                "import django, sys; django.setup(); "
                "exec(compile(sys.argv[3], 'members', 'exec'))",
                str(args.members), MEMBER_PASSWORD, MEMBERS_SCRIPT,
            ],
            env={**direct, "DJANGO_SETTINGS_MODULE": "forum.settings"},
        )  # fmt: skip
        run([str(PY), "manage.py", "collectstatic", "--noinput"], env=direct, quiet=True)

        render_nginx(ports, run_dir)
        render_pgbouncer(ports, run_dir)
        supervisor = Supervisor(read_procfile(), env, run_dir)
        supervisor.start_all()
        for name in APP_SERVERS:
            wait_http(f"http://127.0.0.1:{ports[name]}/healthz")
        wait_http(f"http://127.0.0.1:{ports['nginx']}/readyz")
        state = {
            "supervisor_pid": os.getpid(),
            "ports": ports,
            "run_dir": str(run_dir),
            "url": f"http://127.0.0.1:{ports['nginx']}",
            # Straight to the clusters (the drill's checks, backups); the app goes through
            # PgBouncer (pooled_url).
            "database_url": database_urls(ports)["primary"],
            "replica_url": database_urls(ports)["replica"],
            "pooled_url": env["DATABASE_URL"],
            "app_servers": list(APP_SERVERS),
            "clusters": {"primary": primary.name, "replica": replica.name},
            "pg_version": PG_VERSION,
            "members": [f"drill{n:02d}" for n in range(1, args.members + 1)],
            "member_password": MEMBER_PASSWORD,
            "mail_dir": env["EMAIL_FILE_PATH"],
        }

        def write_state():
            state["pids"] = supervisor.pids()
            state["restarts"] = supervisor.restarts
            tmp = state_path.with_suffix(".tmp")
            tmp.write_text(json.dumps(state, indent=1))
            tmp.replace(state_path)

        write_state()
        log(f"ready: http://127.0.0.1:{ports['nginx']}/  (Ctrl-C stops and removes everything)")
        deadline = time.monotonic() + args.max_seconds if args.max_seconds else None
        while deadline is None or time.monotonic() < deadline:
            time.sleep(0.2)
            if supervisor.poll():
                write_state()
        log(f"--max-seconds {args.max_seconds} reached")
    except Stopped as stop:
        log(f"{stop}: stopping")
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if supervisor is not None:
            supervisor.stop_all()
        state_path.unlink(missing_ok=True)
        for cluster in (replica, primary):
            cluster.drop()
        log("stopped; clusters dropped (logs kept in " + str(run_dir) + ")")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    start = sub.add_parser("up", help="start the stack and supervise it until SIGINT/SIGTERM")
    start.add_argument("--port-base", type=int, default=int(os.environ.get("STACK_PORT", 8470)))
    start.add_argument("--members", type=int, default=16)
    start.add_argument("--run-dir")
    start.add_argument("--state")
    start.add_argument(
        "--max-seconds", type=float, default=0, help="stop by itself after this long (0: never)"
    )
    args = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("stack.py needs root: pg_createcluster and runuser need it")
    up(args)


if __name__ == "__main__":
    sys.exit(main())
