"""The anonymous page cache: what it stores, what it never stores, and how pages go stale."""

import gzip

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from forum.platform import pagecache
from forum.platform.sharedparts import SharedParts
from tests.factories import UserFactory

rf = RequestFactory()


class CountingView:
    """A view that counts how often it really renders, and can ask for a CSRF token."""

    def __init__(self, *, csrf=False, set_cookie=False):
        self.calls = 0
        self.csrf = csrf
        self.set_cookie = set_cookie

    def __call__(self, request):
        self.calls += 1
        body = f"<p>render {self.calls} sort={request.GET.get('sort', '')}</p>" * 50
        if self.csrf:
            body += get_token(request)
        response = HttpResponse(body)
        if self.set_cookie:
            response.set_cookie("seen", "1")
        return response


def cached(view, **options):
    options.setdefault("timeout", 60)
    options.setdefault("scopes", (pagecache.PATH,))
    options.setdefault(
        "params", {"sort": {"top", "newest"}.__contains__, "page": pagecache.page_number}
    )
    return pagecache.cache_anonymous_page(**options)(view)


def get(view, path="/articles/a/", user=None, **headers):
    request = rf.get(path, headers=headers)
    request.user = user or AnonymousUser()
    return view(request)


def test_second_anonymous_request_is_served_from_the_cache():
    view = CountingView()
    page = cached(view)
    first, second = get(page), get(page)
    assert view.calls == 1
    assert first.content == second.content
    assert second["Cache-Control"] == f"public, max-age={pagecache.BROWSER_MAX_AGE}"
    assert "Accept-Encoding" in second["Vary"] and "Cookie" in second["Vary"]


def test_compressed_for_clients_that_accept_gzip_and_plain_for_others():
    page = cached(CountingView())
    plain = get(page)
    compressed = get(page, accept_encoding="gzip, br")
    assert not plain.has_header("Content-Encoding")
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 5


def test_matching_etag_answers_304_without_a_body():
    page = cached(CountingView())
    etag = get(page)["ETag"]
    response = get(page, if_none_match=etag)
    assert response.status_code == 304
    assert response.content == b""


@pytest.mark.django_db
def test_members_are_never_served_or_stored():
    view = CountingView()
    page = cached(view)
    member = UserFactory()
    get(page, user=member)
    get(page, user=member)
    assert view.calls == 2
    get(page)  # the anonymous reader renders their own page: nothing stored by the member
    assert view.calls == 3


def test_a_page_that_needed_a_csrf_token_or_set_a_cookie_is_not_stored():
    for view in (CountingView(csrf=True), CountingView(set_cookie=True)):
        page = cached(view)
        get(page)
        get(page)
        assert view.calls == 2


@pytest.mark.django_db
def test_invalidating_a_path_renders_that_page_again_and_no_other():
    view = CountingView()
    page = cached(view)
    get(page, "/articles/a/")
    get(page, "/articles/b/")
    pagecache.invalidate(paths=["/articles/a/"])
    get(page, "/articles/a/")
    get(page, "/articles/b/")
    assert view.calls == 3


@pytest.mark.django_db
def test_discussion_writes_refresh_listings_and_article_edits_refresh_everything():
    listing_view, article_view = CountingView(), CountingView()
    listing = cached(listing_view, scopes=(pagecache.DISCUSSIONS,))
    article = cached(article_view)
    get(listing, "/"), get(article)
    pagecache.invalidate(paths=["/elsewhere/"])
    get(listing, "/"), get(article)
    assert (listing_view.calls, article_view.calls) == (2, 1)
    pagecache.invalidate(site=True)
    get(listing, "/"), get(article)
    assert (listing_view.calls, article_view.calls) == (3, 2)


def test_each_understood_parameter_value_is_its_own_page_and_others_are_ignored():
    view = CountingView()
    page = cached(view)
    assert b"sort=top" in get(page, "/articles/a/?sort=top").content
    assert b"sort=top" in get(page, "/articles/a/?sort=top&utm_source=feed").content
    get(page, "/articles/a/?utm_source=social")
    assert view.calls == 2


def test_junk_parameter_values_are_answered_but_never_stored():
    view = CountingView()
    page = cached(view)
    for junk in ("page=abc%3Cscript%3E", "page=99999", "sort=top&sort=newest", "sort=bogus"):
        get(page, f"/articles/a/?{junk}")
        get(page, f"/articles/a/?{junk}")
    assert view.calls == 8


def test_post_requests_pass_through():
    view = CountingView()
    page = cached(view)
    for _ in range(2):
        request = rf.post("/articles/a/")
        request.user = AnonymousUser()
        page(request)
    assert view.calls == 2


class CountingCache:
    """The cache, recording the name of each call made to it (each is one round trip)."""

    def __init__(self, cache):
        self.cache = cache
        self.calls = []

    def __getattr__(self, name):
        method = getattr(self.cache, name)

        def call(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return call


def test_a_page_served_from_the_cache_costs_one_round_trip(monkeypatch):
    spy = CountingCache(pagecache.pages)
    monkeypatch.setattr(pagecache, "pages", spy)
    page = cached(CountingView())
    get(page)
    spy.calls.clear()
    get(page)
    assert spy.calls == ["get_many"]  # the version tokens and the page together


@pytest.mark.django_db
def test_through_redis_two_app_servers_share_pages_and_invalidations(monkeypatch, redis_cache):
    from django.core.cache.backends.redis import RedisCache

    servers = [RedisCache("redis://127.0.0.1:6379/13", {}) for _ in range(2)]
    view = CountingView()
    page = cached(view)
    for server in servers:
        monkeypatch.setattr(pagecache, "pages", server)
        get(page)
    assert view.calls == 1
    pagecache.invalidate(paths=["/articles/a/"])  # through the second server
    monkeypatch.setattr(pagecache, "pages", servers[0])
    assert b"render 2" in get(page).content
    # One entry a page, replaced when it is rendered again: memory does not grow per change.
    assert len([key for key in redis_cache.keys() if b":pc:e:" in key]) == 1


@pytest.mark.parametrize(
    ("value", "accepted"),
    [("1", True), ("9999", True), ("0", False), ("10000", False), ("01", False), ("", False)]
    + [("2 ", False), ("-1", False), ("١", False)],
)
def test_page_numbers_in_a_cache_key(value, accepted):
    assert pagecache.page_number(value) is accepted


@pytest.mark.parametrize(
    ("value", "accepted"),
    [("1", True), ("9" * 12, True), ("9" * 13, False), ("", False), ("1a", False)]
    + [("١٢", False), ("²", False)],
)
def test_object_ids_in_a_cache_key(value, accepted):
    assert bool(pagecache.object_id(value)) is accepted


@pytest.mark.django_db
def test_shared_parts_read_the_tokens_once_and_follow_their_pages_token(monkeypatch):
    spy = CountingCache(pagecache.pages)
    monkeypatch.setattr(pagecache, "pages", spy)
    parts = SharedParts("/articles/a/")
    tree, featured = parts.key("tree"), parts.key("featured")
    topics = parts.key("topics", follows_discussion=False)
    assert spy.calls == ["get_many"]
    assert len({tree, featured, topics}) == 3

    def keys():
        parts = SharedParts("/articles/a/")
        return parts.key("tree"), parts.key("topics", follows_discussion=False)

    pagecache.invalidate(paths=["/articles/b/"])
    assert keys() == (tree, topics)
    pagecache.invalidate(paths=["/articles/a/"])
    assert keys()[0] != tree and keys()[1] == topics
    pagecache.invalidate(site=True)
    assert keys()[1] != topics


class RecordingCache(CountingCache):
    """The cache, recording the timeout of each write of the version tokens."""

    def __init__(self, cache, *, fails=False):
        super().__init__(cache)
        self.timeouts = []
        self.fails = fails

    def set_many(self, data, timeout):
        if self.fails:
            raise ConnectionError("the cache is unreachable")
        self.timeouts.append(timeout)
        return self.cache.set_many(data, timeout=timeout)


@pytest.mark.django_db
def test_a_token_outlives_every_page_that_depends_on_it(monkeypatch):
    recording = RecordingCache(pagecache.pages)
    monkeypatch.setattr(pagecache, "pages", recording)
    pagecache.invalidate(paths=["/articles/a/"])
    assert recording.timeouts == [pagecache.TOKEN_TIMEOUT]
    assert pagecache.TOKEN_TIMEOUT >= 24 * 3600


@pytest.mark.django_db
def test_an_unreachable_cache_is_logged_and_does_not_undo_the_write(monkeypatch, caplog):
    monkeypatch.setattr(pagecache, "pages", RecordingCache(pagecache.pages, fails=True))
    pagecache.invalidate(paths=["/articles/a/"])
    (record,) = caplog.records
    assert record.levelname == "ERROR" and record.exc_info[0] is ConnectionError
    assert record.getMessage().startswith("Could not invalidate cached pages")
    assert "pc:t:path:/articles/a/" in record.getMessage()


@pytest.mark.django_db
def test_a_write_in_a_transaction_invalidates_again_once_committed(
    django_capture_on_commit_callbacks,
):
    view = CountingView()
    page = cached(view)
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.invalidate(paths=["/articles/a/"])
        # A reader renders the page while the write is not yet visible: it is stored stale.
        get(page)
    get(page)
    assert view.calls == 2  # rendered again once the write was committed
