"""Cached anonymous pages answered over ASGI before Django's middleware, as Django answers them.

Each request goes to the fast path first and to Django's ASGI handler when it declines, in
this process (no server, no timing): the tests count which of the two answered.
"""

import asyncio
import gzip

import pytest
from asgiref.sync import async_to_sync

from forum import asgi
from forum.platform import pagecache
from forum.platform.fastpath import FastPath
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Differ from one answer to the next by design.
PER_REQUEST = {"x-request-id"}


class Answer:
    def __init__(self, via, messages):
        self.via = via
        start = messages[0]
        self.status = start["status"]
        self.headers = [(k.decode().lower(), v.decode()) for k, v in start["headers"]]
        self.body = b"".join(m.get("body", b"") for m in messages[1:])

    def header(self, name):
        return dict(self.headers).get(name.lower())

    def comparable_headers(self):
        return sorted((k, v) for k, v in self.headers if k not in PER_REQUEST)


def scope_for(path, *, method="GET", headers=(), host="127.0.0.1"):
    path, _, query = path.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", host.encode())]
        + [(k.lower().encode(), v.encode()) for k, v in headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }


def call(application, path, **options):
    """Send one request to an ASGI application; return the messages it sent."""

    async def run():
        messages = []
        body = [{"type": "http.request", "body": b"", "more_body": False}]

        async def send(message):
            messages.append(message)

        async def receive():
            if body:
                return body.pop()
            await asyncio.Event().wait()  # the client stays connected

        await application(scope_for(path, **options), receive, send)
        return messages

    return async_to_sync(run)()


def request(fast, path, **options):
    """Send one request to the fast path, then to Django if it declined; return the Answer."""
    answered = []

    async def application(scope, receive, send):
        if await fast(scope, send):
            answered.append("fast")
        else:
            await asgi.page_application(scope, receive, send)

    messages = call(application, path, **options)
    return Answer(answered[0] if answered else "django", messages)


@pytest.fixture
def fast():
    return FastPath(asgi.page_application)


@pytest.fixture
def article_path():
    return ArticleFactory().get_absolute_url()


GZIP = [("Accept-Encoding", "gzip")]


def test_a_cached_page_is_answered_by_the_fast_path_with_the_same_headers(fast, article_path):
    for headers in (GZIP, []):
        pagecache.pages.clear()
        first = request(fast, article_path, headers=headers)
        second = request(fast, article_path, headers=headers)
        assert (first.via, second.via) == ("django", "fast")
        assert second.status == 200 and second.body == first.body
        assert second.comparable_headers() == first.comparable_headers()
        assert second.header("X-Request-ID") and second.header("Content-Security-Policy")
    assert gzip.decompress(request(fast, article_path, headers=GZIP).body) == first.body


def test_etag_answers_304_and_head_has_the_get_headers(fast, article_path):
    first = request(fast, article_path, headers=GZIP)
    etag = first.header("ETag")
    django_304 = request(
        lambda scope, send: _declined(), article_path, headers=[("If-None-Match", etag), *GZIP]
    )
    fast_304 = request(fast, article_path, headers=[("If-None-Match", etag), *GZIP])
    assert (django_304.via, fast_304.via) == ("django", "fast")
    assert fast_304.status == django_304.status == 304 and fast_304.body == b""
    assert fast_304.comparable_headers() == django_304.comparable_headers()
    head = request(fast, article_path, method="HEAD", headers=GZIP)
    django_head = request(lambda s, x: _declined(), article_path, method="HEAD", headers=GZIP)
    assert head.via == "fast" and head.comparable_headers() == django_head.comparable_headers()


async def _declined():
    return False


def test_members_messages_misses_junk_and_unknown_hosts_go_to_django(fast, article_path):
    request(fast, article_path)
    assert request(fast, article_path, headers=[("Cookie", "sessionid=abc")]).via == "django"
    assert request(fast, article_path, headers=[("Cookie", "messages=abc")]).via == "django"
    assert request(fast, article_path, headers=[("Cookie", "csrftoken=abc")]).via == "fast"
    assert request(fast, article_path + "?sort=top").via == "django"  # not stored yet
    assert request(fast, article_path + "?sort=top").via == "fast"
    assert request(fast, article_path + "?sort=junk").via == "django"
    assert request(fast, article_path + "?utm_source=feed").via == "fast"  # ignored
    refused = request(fast, article_path, host="evil.example")
    assert (refused.via, refused.status) == ("django", 400)
    assert request(fast, "/accounts/login/").via == "django"  # not a cached page
    assert request(fast, article_path, method="POST").via == "django"


def test_a_change_goes_to_django_and_the_next_reader_is_answered_fresh(fast, article_path):
    request(fast, article_path)
    pagecache.invalidate(paths=[article_path])
    assert request(fast, article_path).via == "django"
    assert request(fast, article_path).via == "fast"
    pagecache.invalidate(site=True)
    assert request(fast, article_path).via == "django"


def test_a_stale_page_is_answered_only_while_another_request_renders_it(
    fast, article_path, monkeypatch
):
    first = request(fast, article_path)
    pagecache.invalidate(paths=[article_path])
    key = pagecache._entry_key(_Request(article_path), "")
    pagecache.pages.add(pagecache._lock_key(key), 1)
    stale = request(fast, article_path)
    assert stale.via == "fast" and stale.body == first.body
    now = pagecache.clock()
    monkeypatch.setattr(pagecache, "clock", lambda: now + pagecache.STALE_SECONDS + 0.5)
    assert request(fast, article_path).via == "django"  # too old: rendered again


def test_through_redis_as_in_production(settings, redis_cache, article_path):
    fast = FastPath(asgi.page_application)
    assert type(fast.reader).__name__ == "_RedisReader"
    first = request(fast, article_path, headers=GZIP)
    second = request(fast, article_path, headers=GZIP)
    assert (first.via, second.via) == ("django", "fast")
    assert second.comparable_headers() == first.comparable_headers()
    pagecache.invalidate(paths=[article_path])
    assert request(fast, article_path, headers=GZIP).via == "django"


def test_the_site_application_asks_the_fast_path_first(article_path, monkeypatch):
    calls = []
    pages = asgi.page_application

    async def counting(scope, receive, send):
        calls.append(scope["path"])
        await pages(scope, receive, send)

    monkeypatch.setattr(asgi, "page_application", counting)
    monkeypatch.setattr(asgi, "fast_path", FastPath(pages))
    for _ in range(3):
        assert Answer("", call(asgi.application, article_path, headers=GZIP)).status == 200
    assert calls == [article_path]


class _Request:
    def __init__(self, path):
        self.path = path
        self.LANGUAGE_CODE = "en"


def test_one_request_per_change_leaves_the_loop_the_others_get_the_stale_page(fast, article_path):
    first = request(fast, article_path)
    pagecache.invalidate(paths=[article_path])
    scope = scope_for(article_path)

    async def ask():
        return await fast(scope, None)

    assert async_to_sync(ask)() is False  # stale, no one renders: this one will
    assert scope[pagecache.LOCK_HELD]  # with the lock taken for it
    stale = request(fast, article_path)  # a reader meanwhile
    assert stale.via == "fast" and stale.body == first.body

    async def render():
        messages = []

        async def send(message):
            messages.append(message)

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        await asgi.page_application(scope, receive, send)
        return messages

    rendered = Answer("django", async_to_sync(render)())
    assert rendered.status == 200
    assert not pagecache.pages.get(scope[pagecache.LOCK_HELD])  # released once stored
    assert request(fast, article_path).via == "fast"  # fresh now


def _counts():
    labels = ("hit", "stale", "stored")
    return {label: pagecache.page_cache_requests.labels(label)._value.get() for label in labels}


def _result(before):
    """Return how the page cache answered since `before` (its counts then)."""
    return [label for label, count in _counts().items() if count != before[label]]


# After a vote: how far past the cached page's render, and whether another reader renders it.
VOTE_CASES = {
    "within the lag": (lambda lag: lag - 0.1, False, "hit"),
    "past the lag, one reader renders": (lambda lag: lag + 0.5, True, "stale"),
    "past the lag, no one renders": (lambda lag: lag + 0.5, False, "stored"),
    "past the lag and the stale bound": (
        lambda lag: lag + pagecache.STALE_SECONDS + 0.5,
        True,
        "stored",
    ),
}


@pytest.mark.parametrize("case", list(VOTE_CASES))
def test_after_votes_the_fast_path_and_django_decide_alike(
    fast, article_path, client, page_clock, settings, case
):
    age, locked, expected = VOTE_CASES[case]
    first = request(fast, article_path)
    for _ in range(3):
        pagecache.scores_changed(paths=[article_path])
    page_clock.advance(age(settings.VOTE_PAGE_LAG_SECONDS))
    lock = pagecache._lock_key(pagecache._entry_key(_Request(article_path), ""))
    if locked:
        pagecache.pages.add(lock, 1)
    # The fast path: it answers a hit or a stale page, and declines the rest to Django.
    before = _counts()
    scope = scope_for(article_path)
    answered = async_to_sync(fast)(scope, lambda message: asyncio.sleep(0))
    fast_result = _result(before) if answered else ["stored"]
    if scope.get(pagecache.LOCK_HELD):  # taken for the render it declined: give it back
        pagecache.pages.delete(lock)
    # Django alone, on the same state.
    before = _counts()
    response = client.get(article_path)
    assert response.status_code == 200
    assert fast_result == _result(before) == [expected]
    if expected != "stored":
        assert response.content == first.body  # the page before the votes


def test_long_after_a_change_one_request_leaves_the_loop_the_others_get_the_stale_page(
    fast, article_path, monkeypatch
):
    first = request(fast, article_path)
    pagecache.invalidate(paths=[article_path])
    later = pagecache.clock() + 120  # nobody read it since: past the stale bound
    monkeypatch.setattr(pagecache, "clock", lambda: later)
    scope = scope_for(article_path)

    async def ask():
        return await fast(scope, None)

    assert async_to_sync(ask)() is False
    assert pagecache.pages.get(scope[pagecache.LOCK_HELD]) == pagecache.lock_value(later)
    stale = request(fast, article_path)  # a reader while it renders
    assert stale.via == "fast" and stale.body == first.body
    monkeypatch.setattr(pagecache, "clock", lambda: later + pagecache.STALE_SECONDS + 0.1)
    assert request(fast, article_path).via == "django"  # that render died: this one renders
