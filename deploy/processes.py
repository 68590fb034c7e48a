"""The stack's processes: commands, PostgreSQL clusters, a supervisor that restarts what dies."""

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_VERSION = "15"
RESTART_DELAY = 1.0


def log(message):
    print(f"[stack {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(command, *, env=None, quiet=False, check=True, timeout=600):
    """Run a command from the repository root; raise with its output when it fails."""
    result = subprocess.run(  # noqa: S603 (our own command lines)
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    if check and result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, command))} exited {result.returncode}:\n"
            f"{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    if not quiet and result.stdout.strip():
        print(result.stdout.rstrip()[-1500:], flush=True)
    return result


def port_free(port):
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


class Cluster:
    """One PostgreSQL cluster made by pg_createcluster, owned by the postgres user."""

    def __init__(self, name, port):
        self.name = name
        self.port = port
        self.data = Path(f"/var/lib/postgresql/{PG_VERSION}/{name}")

    def exists(self):
        return Path(f"/etc/postgresql/{PG_VERSION}/{self.name}").exists() or self.data.exists()

    def create(self, **settings):
        if self.exists():
            log(f"dropping leftover cluster {self.name}")
            self.drop()
        run(
            ["pg_createcluster", PG_VERSION, self.name, "--port", str(self.port), "--"]
            + ["--auth=trust"],
            quiet=True,
        )
        settings = {"listen_addresses": "127.0.0.1", "max_connections": 100, **settings}
        conf = Path(f"/etc/postgresql/{PG_VERSION}/{self.name}/conf.d/stack.conf")
        conf.write_text("".join(f"{key} = '{value}'\n" for key, value in settings.items()))

    def ctl(self, action, *extra):
        return run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, self.name, action, *extra],
            quiet=True,
        )

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(self.port)], check=False)
            if ready.returncode == 0:
                return
            time.sleep(0.3)
        raise RuntimeError(f"cluster {self.name} not ready after {timeout} s")

    def drop(self):
        run(["pg_dropcluster", "--stop", PG_VERSION, self.name], quiet=True, check=False)
        # pg_dropcluster leaves the directory when it holds a file it did not make (conf.d).
        shutil.rmtree(f"/etc/postgresql/{PG_VERSION}/{self.name}", ignore_errors=True)


class Supervisor:
    """Runs the Procfile's processes, each in its own process group, restarting any that exit."""

    def __init__(self, entries, env, run_dir):
        self.entries = dict(entries)
        self.env = env
        self.run_dir = run_dir
        self.processes = {}
        self.restarts = dict.fromkeys(self.entries, 0)
        self.died_at = {}

    def start(self, name):
        log_file = open(self.run_dir / f"{name}.log", "ab")  # noqa: SIM115 (kept by the child)
        self.processes[name] = subprocess.Popen(  # noqa: S603
            ["/bin/sh", "-c", self.entries[name]],
            cwd=ROOT,
            env=self.env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log_file.close()

    def start_all(self):
        for name in self.entries:
            self.start(name)

    def poll(self):
        """Restart what exited; return True when something changed."""
        changed = False
        now = time.monotonic()
        for name, process in self.processes.items():
            if process.poll() is None:
                continue
            if name not in self.died_at:
                log(f"{name} (pid {process.pid}) exited with {process.returncode}; restarting")
                self.died_at[name] = now
                try:
                    os.killpg(process.pid, signal.SIGKILL)  # leftover children of the group
                except ProcessLookupError:
                    pass
            elif now - self.died_at[name] >= RESTART_DELAY:
                del self.died_at[name]
                self.restarts[name] += 1
                self.start(name)
                changed = True
        return changed

    def stop_all(self):
        for process in self.processes.values():
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 10
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for process in self.processes.values():
            try:
                os.killpg(process.pid, signal.SIGKILL)  # the group: workers left behind too
            except ProcessLookupError:
                pass
            process.wait(timeout=5)

    def pids(self):
        return {name: p.pid for name, p in self.processes.items()}


def wait_http(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=3) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {timeout} s")


class Stopped(Exception):
    pass
