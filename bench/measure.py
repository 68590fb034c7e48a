"""In-process figures for each benchmark URL: queries, render time, page weight, comments shown.

The HTTP run cannot count SQL queries or see inside a page, so these come from Django's
test client against the same database and settings. Run through `manage.py bench_measure`.
"""

import gzip
import re
import statistics
import time

from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from accounts.models import User
from articles.discovery import most_discussed_on_site
from articles.models import Article
from bench.seed import MEMBER
from forum.comments.transitions import comment_create
from forum.discussion import member_pages, prerender

SLOW_SECONDS = 3
PLAIN_PATH = "/bench/plain"  # the plain ~30 KB page (bench/urls.py), what figures compare to
# One <li class="comment ..."> per comment in the tree (placeholders included).
COMMENT_ITEM = re.compile(rb'<li class="comment[ "]')


def client_for(session, host):
    """Return a test client for the host, signed in when a session key is given."""
    client = Client(HTTP_HOST=host)
    if session:
        # Sent as-is: the cookie's Secure flag only matters to real browsers.
        client.cookies["sessionid"] = session
    return client


def timed_get(client, path, *, cold=False):
    """Return the response, its time in seconds and its number of SQL queries.

    `cold` empties the cache first (this process's local memory, in the bench): the page as
    its first reader after a change gets it, with nothing of its own cached. The site-wide
    "Most discussed" ranking beside every page stays warm: counted once a minute for the
    whole site (about 150 ms over 100,000 comments), it is no part of any one page.
    """
    if cold:
        for alias in ("default", "pages"):
            caches[alias].clear()
        most_discussed_on_site()
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        response = client.get(path)
        seconds = time.perf_counter() - began
    return response, seconds, len(queries)


# The bench member posts past a member's limits, holds and slow mode (as bench/viral.py's
# poster), and the reader after the comment renders at once, as the first reader past the
# interval does.
AFTER_COMMENT_SETTINGS = {
    "COMMENT_RATE_PER_MINUTE": 100_000,
    "COMMENT_RATE_PER_DAY": 1_000_000,
    "PREMODERATE_FIRST_COMMENTS": 0,
    "LINKS_TRUSTED_AFTER_COMMENTS": 0,
    "SLOW_MODE_START_RATE": 1_000_000,
    "PAGE_RENDER_INTERVAL_SECONDS": 0,
}


def after_comment(client, path, *, repeat, ahead=True):
    """Return (response, seconds, queries, ahead, plain) of the first reader after each comment.

    Each comment is posted through the lifecycle (its event refreshes the page cache as a
    member's post does, and has the page rendered ahead of readers in the background,
    forum/discussion/prerender.py); the reader comes once that render is done (`ahead`: its
    seconds, from the commit), and pays for what is left, if anything. Without `ahead`,
    nothing is rendered ahead (PRERENDER_ON_WRITE=off): the reader renders, as before.
    `plain`: the plain page's seconds, timed before each comment.
    """
    article = Article.objects.select_related("thread").get(slug=resolve(path).kwargs["slug"])
    member = User.objects.get(username=MEMBER)
    timings, waits, plain = [], [], []
    anonymous = client_for("", client.defaults["HTTP_HOST"])  # the plain page as in its target
    mode = prerender.BACKGROUND if ahead else prerender.OFF
    with override_settings(**AFTER_COMMENT_SETTINGS, PRERENDER_ON_WRITE=mode):
        for n in range(repeat):
            # The plain page beside each reader: on a shared machine only neighbours compare.
            plain.append(timed_get(anonymous, PLAIN_PATH)[1])
            comment_create(author=member, thread=article.thread, body=f"Measured comment {n}.")
            began = time.perf_counter()
            prerender.renders.wait(timeout=SLOW_SECONDS)
            waits.append(time.perf_counter() - began)
            # The reader is served by another process than the writer's, as with several app
            # servers: the frame rendered ahead is read from the shared cache, not memory.
            member_pages.forget_recent()
            response, seconds, queries = timed_get(client, path)
            timings.append(seconds)
    return response, timings, queries, waits, plain


def readers_during_writes(client, path, *, seconds, ahead=True):
    """Return (timings, queries of each) of one reader reading while comments come at 5 a second.

    As on the viral day, with the render interval as in production: the reader reads in a
    loop and a comment is posted every 0.2 s between two reads; `ahead` as in after_comment.
    """
    article = Article.objects.select_related("thread").get(slug=resolve(path).kwargs["slug"])
    member = User.objects.get(username=MEMBER)
    timings, counts = [], []
    mode = prerender.BACKGROUND if ahead else prerender.OFF
    settings = {**AFTER_COMMENT_SETTINGS, "PAGE_RENDER_INTERVAL_SECONDS": 0.5}
    with override_settings(**settings, PRERENDER_ON_WRITE=mode):
        began = next_post = time.perf_counter()
        n = 0
        while time.perf_counter() - began < seconds:
            if time.perf_counter() >= next_post:
                comment_create(author=member, thread=article.thread, body=f"Viral comment {n}.")
                n, next_post = n + 1, next_post + 0.2
            response, took, queries = timed_get(client, path)
            timings.append(took)
            counts.append(queries)
    prerender.renders.wait(timeout=SLOW_SECONDS)
    return response, timings, counts


def measure(target, *, session, host, repeat):
    """Return the in-process figures of one target."""
    client = client_for(session if target.get("member") else "", host)
    if target.get("after_comment"):
        timed_get(client, target["path"])  # its parts cached, as a busy page has them
        response, timings, queries, waits, plain = after_comment(
            client, target["path"], repeat=repeat, ahead=target.get("ahead", True)
        )
        figures = figures_of(response, timings, queries)
        figures["plain_ms"] = round(statistics.median(plain) * 1000, 2)
        # What the writer's process spent rendering ahead, in the background.
        if target.get("ahead", True):
            figures["ahead_ms"] = round(statistics.median(waits) * 1000, 2)
        return figures
    if target.get("during_writes"):
        timed_get(client, target["path"])
        timed_get(client, target["path"])
        steady = timed_get(client, target["path"])[2]
        response, timings, counts = readers_during_writes(
            client, target["path"], seconds=repeat, ahead=target.get("ahead", True)
        )
        figures = figures_of(response, timings, max(counts))
        # Requests that paid for a write: more queries than the page's own.
        figures["paid"] = sum(count > steady for count in counts)
        figures["p99_ms"] = round(sorted(timings)[int(len(timings) * 0.99)] * 1000, 2)
        return figures
    cold = bool(target.get("cold"))
    response, seconds, queries = timed_get(client, target["path"], cold=cold)
    timings = [seconds]
    # A slow page is timed once, cold: repeating it would only make the run long.
    if seconds < SLOW_SECONDS:
        # Caches now warm, unless the target asks for none.
        response, seconds, queries = timed_get(client, target["path"], cold=cold)
        timings = [seconds]
        while len(timings) < repeat and sum(timings) < SLOW_SECONDS:
            timings.append(timed_get(client, target["path"], cold=cold)[1])
    return figures_of(response, timings, queries)


def figures_of(response, timings, queries):
    """Return the figures of a page from its last response and its timings."""
    html = response.content
    shown = len(COMMENT_ITEM.findall(html))
    page_ms = statistics.median(timings) * 1000
    return {
        "status": response.status_code,
        "queries": queries,
        "render_ms": round(page_ms, 2),
        "samples": len(timings),
        "comments_shown": shown,
        "us_per_comment": round(page_ms * 1000 / shown, 1) if shown else None,
        "html_bytes": len(html),
        "gzip_bytes": len(gzip.compress(html, compresslevel=6)),
        "signed_in": b"Sign out" in html,
    }


def measure_all(targets, *, session, host, repeat):
    """Return {name: figures} for every target."""
    return {
        target["name"]: measure(target, session=session, host=host, repeat=repeat)
        for target in targets
    }
