"""Readers never wait for a write: one request renders a stale page, the others get the old one.

Counted, never timed: the page cache's clock is stopped and moved by hand.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from forum.platform import pagecache
from tests.conftest import RATE_LIMIT_START, StoppedClock

rf = RequestFactory()
PATH = "/articles/a/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    clock = StoppedClock(RATE_LIMIT_START)
    monkeypatch.setattr(pagecache, "clock", clock)
    return clock


def get(view):
    request = rf.get(PATH)
    request.user = AnonymousUser()
    return view(request)


class View:
    """A view that counts its renders; `during` runs while it renders (another reader)."""

    def __init__(self):
        self.calls = 0
        self.during = None

    def __call__(self, request):
        self.calls += 1
        if self.during is not None:
            during, self.during = self.during, None
            during()
        return HttpResponse(f"<p>render {self.calls}</p>" * 30)


@pytest.fixture
def page():
    view = View()
    return view, pagecache.cache_anonymous_page(timeout=60, scopes=(pagecache.PATH,))(view)


def write(clock):
    pagecache.invalidate(paths=[PATH])
    clock.advance(0.01)


def test_while_one_reader_renders_after_a_write_the_next_gets_the_page_before_it(clock, page):
    view, cached = page
    get(cached)
    write(clock)
    others = []
    view.during = lambda: others.append(get(cached))
    first = get(cached)
    assert view.calls == 2  # one render for both readers
    assert b"render 2" in first.content
    assert b"render 1" in others[0].content  # the stale page, answered at once
    assert others[0]["ETag"] != first["ETag"]
    assert b"render 2" in get(cached).content and view.calls == 2  # then fresh, from the cache


def test_past_the_bound_one_reader_renders_and_the_others_get_the_page_before(clock, page):
    # Minutes after a change nobody read: the first reader renders, the others wait for no
    # render of their own (on a busy server, each of them rendering the page would stall it).
    view, cached = page
    get(cached)
    write(clock)
    clock.advance(120)
    others = []
    view.during = lambda: others.append(get(cached))
    assert b"render 2" in get(cached).content
    assert view.calls == 2
    assert b"render 1" in others[0].content
    assert b"render 2" in get(cached).content and view.calls == 2


def test_past_the_bound_a_lock_older_than_the_bound_is_not_waited_for(clock, page):
    view, cached = page
    get(cached)
    write(clock)
    key = pagecache._entry_key(rf.get(PATH), "")
    lock = pagecache._lock_key(key)
    pagecache.pages.add(lock, pagecache.lock_value(pagecache.clock()), timeout=60)
    clock.advance(pagecache.STALE_SECONDS / 2)
    assert b"render 1" in get(cached).content  # a render began 0.5 s ago: the page before
    clock.advance(pagecache.STALE_SECONDS)
    assert b"render 2" in get(cached).content  # 1.5 s ago: its request died, this one renders
    assert view.calls == 2


def test_a_stale_page_is_answered_only_while_another_request_holds_the_lock(clock, page):
    view, cached = page
    get(cached)
    write(clock)
    assert b"render 2" in get(cached).content  # nobody rendering: this reader renders
    write(clock)
    key = pagecache._entry_key(rf.get(PATH), "")
    pagecache.pages.add(pagecache._lock_key(key), 1)  # another app server renders it now
    assert b"render 2" in get(cached).content
    assert view.calls == 2


def test_the_lock_is_released_when_the_render_fails(clock, page):
    view, cached = page
    get(cached)
    write(clock)
    view.during = lambda: 1 / 0
    with pytest.raises(ZeroDivisionError):
        get(cached)
    assert b"render 3" in get(cached).content


def test_more_changes_than_a_token_remembers_are_served_stale_only_during_a_render(clock, page):
    view, cached = page
    get(cached)
    for _ in range(pagecache.TOKEN_HISTORY):
        write(clock)
    others = []
    view.during = lambda: others.append(get(cached))
    get(cached)
    assert view.calls == 2  # the second reader came while the first rendered
    assert b"render 1" in others[0].content
    for _ in range(pagecache.TOKEN_HISTORY):
        write(clock)
    assert b"render 3" in get(cached).content  # nobody renders it: this reader does


def test_a_new_comment_reaches_the_next_reader_within_the_bound(clock, page):
    view, cached = page
    get(cached)
    write(clock)
    key = pagecache._entry_key(rf.get(PATH), "")
    pagecache.pages.add(pagecache._lock_key(key), 1, timeout=pagecache.LOCK_SECONDS)
    answers = []
    for _ in range(5):  # a reader every 300 ms while a render lock is stuck
        answers.append(get(cached).content)
        clock.advance(0.3)
    assert [b"render 1" in answer for answer in answers] == [True, True, True, True, False]


def test_a_page_is_rendered_at_most_once_per_interval_however_fast_its_thread_is_written(
    clock, page, settings
):
    settings.PAGE_RENDER_INTERVAL_SECONDS = 0.5
    view, cached = page
    get(cached)  # rendered at 0
    for _ in range(10):  # ten comments in the next 0.4 s: the page answers from the cache
        write(clock)
        clock.advance(0.03)
        assert b"render 1" in get(cached).content
    assert view.calls == 1
    clock.advance(0.5 - 0.4 + 0.01)  # the interval is over: the next reader renders, once
    assert b"render 2" in get(cached).content
    assert b"render 2" in get(cached).content and view.calls == 2


def test_a_write_shows_within_the_interval_and_one_render(clock, page, settings):
    settings.PAGE_RENDER_INTERVAL_SECONDS = 0.5
    view, cached = page
    get(cached)
    clock.advance(0.49)
    write(clock)  # at 0.5 s: the page is as old as the interval
    assert b"render 2" in get(cached).content
    clock.advance(0.3)
    write(clock)  # 0.3 s after that render: shown when the interval is over, at the latest
    assert b"render 2" in get(cached).content
    clock.advance(0.21)
    assert b"render 3" in get(cached).content
