"""Shared fixtures: members, moderators, articles, and the browser harness."""

import os
import shutil

import pytest
from django.db import connections

from forum.platform import pagecache, ratelimit
from tests.factories import ArticleFactory, ModeratorFactory, UserFactory

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() == "true"
# 2026-01-01 00:00:00 UTC: the start of a minute, an hour and a day for the rate limits.
RATE_LIMIT_START = 1_767_225_600.0

# Playwright keeps an event loop running in the test thread; the live server's
# database teardown is synchronous and would otherwise be refused.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def member(db):
    return UserFactory(username="reader")


@pytest.fixture
def other_member(db):
    return UserFactory(username="another")


@pytest.fixture
def unverified_member(db):
    return UserFactory(username="newcomer", verified=False)


@pytest.fixture
def moderator(db):
    return ModeratorFactory(username="mod")


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def thread(article):
    return article.thread


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Return a context manager after which the writes in it count as committed.

    A test runs in a transaction that never commits; the comment lifecycle's listeners
    (page cache, live updates, notifications) hear of a change only on commit.
    """

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block


@pytest.fixture
def client_as(client):
    """Return a function that signs the test client in as a given user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# Tests that need PostgreSQL and tests that need a browser -----------------------


def pytest_collection_modifyitems(config, items):
    """Skip what this machine cannot run, saying why; run the browser tests last."""
    _skip_postgres_only(items)
    _skip_browser_tests(items)
    # Playwright's sync API leaves an event loop running in the test thread once a browser
    # test has run: a later test that calls async code from sync (async_to_sync) would fail.
    items.sort(key=lambda item: "browser" in item.keywords)


def _skip_postgres_only(items):
    """Skip the tests marked `requires_postgres(why)` unless the database is PostgreSQL."""
    if connections["default"].vendor == "postgresql":
        return
    for item in items:
        if marker := item.get_closest_marker("requires_postgres"):
            why = marker.args[0] if marker.args else "this test"
            reason = f"needs PostgreSQL ({why}); set DATABASE_URL=postgres://... to run it"
            item.add_marker(pytest.mark.skip(reason=reason))


def _skip_browser_tests(items):
    """Skip browser tests loudly when Chromium is missing; in CI a missing browser fails them."""
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if IN_CI:
        return  # let them run and fail: CI must have a browser
    reason = f"BROWSER TESTS SKIPPED: {CHROMIUM} not found (apt-get install -y chromium)"
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


class StoppedClock:
    """A clock that stands still until a test moves it on."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture(autouse=True)
def rate_limit_clock(monkeypatch):
    """Stop the rate limiter's clock at the start of a day: no test crosses a window's edge."""
    clock = StoppedClock(RATE_LIMIT_START)
    monkeypatch.setattr(ratelimit, "clock", clock)
    return clock


@pytest.fixture
def page_clock(monkeypatch):
    """Stop the page cache's clock: a test moves it past a vote's lag or a stale page's bound."""
    clock = StoppedClock(RATE_LIMIT_START)
    monkeypatch.setattr(pagecache, "clock", clock)
    return clock


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with empty rate-limit counters and no cached pages."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Start and end every test in the site's language: a request through the test client
    leaves its reader's language active in this thread, as Django does between requests."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
