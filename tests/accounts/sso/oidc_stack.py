"""A forum and a real OpenID Connect provider (django-oauth-toolkit, tests/oidc_provider/), each
in its own process on its own port, configured as a newsroom would configure them.

Used by test_oidc_end_to_end.py (a requests session plays the browser) and by
tests/e2e/test_embed_oidc.py (Chromium, the embed on another site).
"""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[3]
CLIENT_ID = "forum"
CLIENT_SECRET = "forum-secret-0123456789"


def issuer_of(provider_port):
    return f"http://127.0.0.1:{provider_port}/o"


def client_for(forum):
    """Return the forum's client at the provider, for the forum at the address `forum`."""
    return {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uri": f"{forum}/accounts/oidc/newsroom/login/callback/",
    }


def _rsa_pem():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _env(**values):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    return {**env, "PYTHONPATH": str(ROOT), **values}


def _run(args, env):
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


def _wait_for(port, process):
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"the server on {port} stopped: {process.stderr.read()!r}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answers on {port}")


class Stack:
    """The provider on 127.0.0.1:`provider_port`, the forum at `forum` (its port bound on
    127.0.0.1; "localhost" or "127.0.0.1" in the address); `forum_settings` are more of the
    forum's environment variables."""

    def __init__(self, tmp, *, provider_port, forum, forum_settings=None):
        self.provider_port = provider_port
        self.forum = forum
        self.provider_env = _env(
            DJANGO_SETTINGS_MODULE="tests.oidc_provider.settings",
            OIDC_PROVIDER_DB=str(tmp / "provider.sqlite3"),
            OIDC_PROVIDER_RSA_KEY=_rsa_pem(),
        )
        self.forum_db = tmp / "forum.sqlite3"
        self.forum_env = _env(
            DJANGO_SETTINGS_MODULE="forum.settings",
            TESTING="1",
            DATABASE_URL=f"sqlite:///{self.forum_db}",
            SITE_URL=forum,
            TASKS_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            OIDC_ISSUER=issuer_of(provider_port),
            OIDC_CLIENT_ID=CLIENT_ID,
            OIDC_CLIENT_SECRET=CLIENT_SECRET,
            OIDC_NAME="The Daily Example",
            **(forum_settings or {}),
        )
        self.processes = []

    def provider_seed(self, **spec):
        _run(
            [sys.executable, "-m", "tests.oidc_provider.seed", json.dumps(spec)], self.provider_env
        )

    def forum_shell(self, code):
        _run([sys.executable, "manage.py", "shell", "-c", code], self.forum_env)

    def migrate(self):
        _run([sys.executable, "-m", "django", "migrate", "--noinput"], self.provider_env)
        _run([sys.executable, "manage.py", "migrate", "--noinput"], self.forum_env)

    def start(self):
        python = sys.executable
        forum_port = urlsplit(self.forum).port
        for port, env, entry in [
            (self.provider_port, self.provider_env, ["-m", "django"]),
            (forum_port, self.forum_env, ["manage.py"]),
        ]:
            process = subprocess.Popen(
                [python, *entry, "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            self.processes.append(process)
            _wait_for(port, process)

    def stop(self):
        for process in self.processes:
            process.terminate()
            process.wait(timeout=10)

    def rows(self, sql, *params):
        with sqlite3.connect(self.forum_db) as db:
            return db.execute(sql, params).fetchall()
