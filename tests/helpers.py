"""Small helpers shared by test modules (fixtures live in conftest.py, data in factories.py)."""

import asyncio
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.core.cache import caches
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]

PASSWORD = "a-long-test-password"


def clear_caches():
    """Empty the shared cache and the page cache ("pages"), as after a restart of both."""
    for alias in ("default", "pages"):
        caches[alias].clear()


def html_body(message):
    """Return the HTML alternative of an e-mail (failing when there is none)."""
    htmls = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert len(htmls) == 1, "the e-mail has no HTML version"
    return htmls[0]


def sign_up(client, email="newcomer@example.org", username="newcomer", password=PASSWORD):
    """Post the sign-up form as a visitor would."""
    return client.post(
        reverse("account_signup"),
        {"email": email, "username": username, "password1": password, "password2": password},
    )


def run_python(code, env):
    """Run `code` in a new Python process from the project's root; return what it wrote."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )


def run(coroutine):
    """Run `coroutine` to its end in a thread of its own, and return its result.

    Not asyncio.run() here: after the browser tests Playwright keeps an event loop running
    in the test thread, and a second one cannot start there.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
