"""A write renders its thread's page ahead of its readers: the first reader after it pays nothing
more than any other (forum/discussion/prerender.py)."""

import logging
import re
import threading

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.comments import transitions
from forum.discussion import member_pages, prerender, sections, services
from forum.platform import frames, pagecache, variants
from forum.platform.sharedparts import SharedParts
from tests.factories import CommentFactory, ModeratorFactory

pytestmark = pytest.mark.django_db
PER_REQUEST = re.compile(r'(name="(?:csrfmiddlewaretoken|idempotency_key)"[^>]*? value=")[^"]*"')


@pytest.fixture
def inline(settings):
    settings.PRERENDER_ON_WRITE = prerender.INLINE
    return settings


@pytest.fixture
def builds(monkeypatch):
    """Count the discussion sections built from the database and the members' frames cut."""
    built = {"sections": 0, "frames": 0}
    build, cut = sections.build, frames.Frame.cut.__func__

    def built_section(*args, **kwargs):
        built["sections"] += 1
        return build(*args, **kwargs)

    def cut_frame(cls, html, **data):
        built["frames"] += 1
        return cut(cls, html, **data)

    monkeypatch.setattr(sections, "build", built_section)
    monkeypatch.setattr(frames.Frame, "cut", classmethod(cut_frame))
    return built


def read(client, url):
    """Return the page at `url` (without its per-request values) and its number of queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return PER_REQUEST.sub(r'\1"', response.content.decode()), len(queries)


def post(committed, thread, author, body):
    with committed():
        return transitions.comment_create(author=author, thread=thread, body=body)


@pytest.fixture
def url(article, thread):
    CommentFactory(thread=thread, body="An earlier comment")
    return article.get_absolute_url()


def test_the_first_anonymous_reader_after_a_comment_renders_nothing(
    client, url, thread, member, inline, committed, builds
):
    read(client, url)  # its reader renders it, and a write will render it again
    post(committed, thread, member, "Fresh off the press")
    builds.update(sections=0, frames=0)
    page, queries = read(client, url)
    assert "Fresh off the press" in page and "An earlier comment" in page
    assert queries == 0
    assert builds == {"sections": 0, "frames": 0}


def test_the_first_member_after_a_comment_renders_nothing(
    client_as, url, thread, member, other_member, inline, committed, builds
):
    client = client_as(other_member)
    read(client, url)  # builds the members' frame
    _, steady = read(client, url)
    post(committed, thread, member, "Fresh off the press")
    builds.update(sections=0, frames=0)
    page, queries = read(client, url)
    assert "Fresh off the press" in page and "An earlier comment" in page
    assert queries == steady
    assert builds == {"sections": 0, "frames": 0}


def test_each_language_read_lately_is_rendered_ahead(
    client, url, thread, member, inline, committed, builds
):
    read(client, url)
    german = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    post(committed, thread, member, "Frisch aus der Presse")
    assert builds["sections"] == 4  # each language's section, read then rendered ahead
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert len(queries) == 0 and builds["sections"] == 4
    assert "Frisch aus der Presse" in page
    assert 'lang="de"' in page and 'lang="de"' in german


def test_pages_rendered_ahead_are_the_pages_readers_render(
    client, client_as, url, thread, member, other_member, inline, committed, settings
):
    read(client, url)
    read(client_as(other_member), url)
    client.logout()
    post(committed, thread, member, "Fresh off the press")
    anonymous, _ = read(client, url)
    as_member, _ = read(client_as(other_member), url)
    settings.PRERENDER_ON_WRITE = prerender.OFF
    pagecache.invalidate(paths=[url])  # their first readers render them again
    client.logout()
    assert read(client, url)[0] == anonymous
    assert read(client_as(other_member), url)[0] == as_member


def test_only_what_readers_asked_for_lately_is_rendered(
    client, url, thread, member, inline, committed, builds, page_clock
):
    post(committed, thread, member, "Nobody reads this page")
    assert builds["sections"] == 0
    read(client, url)
    page_clock.advance(variants.DEMAND_SECONDS + 1)
    builds.update(sections=0)
    post(committed, thread, member, "Nobody has read it for a while")
    assert builds["sections"] == 0


def test_a_page_is_rendered_at_most_once_per_interval(
    client, url, thread, member, inline, committed, builds, page_clock, monkeypatch
):
    inline.PAGE_RENDER_INTERVAL_SECONDS = 0.5
    monkeypatch.setattr(prerender.time, "sleep", page_clock.advance)
    read(client, url)
    builds.update(sections=0)
    post(committed, thread, member, "Too soon")  # the page is younger than the interval
    assert builds["sections"] == 0
    page_clock.advance(0.2)
    # Come back just before the page may be rendered again, to take its lock first.
    again = prerender.render_ahead(thread.pk)
    assert again == pytest.approx(pagecache.clock() + 0.3 - prerender.LEAD_SECONDS)
    assert builds["sections"] == 0
    page_clock.advance(0.3 - prerender.LEAD_SECONDS / 2)
    assert prerender.render_ahead(thread.pk) is None  # waited for its time, then rendered
    assert builds["sections"] == 1
    page, queries = read(client, url)
    assert "Too soon" in page and queries == 0


def test_readers_of_a_page_about_to_be_rendered_ahead_are_answered_it_as_it_was(
    client, url, thread, member, inline, committed, builds, page_clock, monkeypatch
):
    inline.PAGE_RENDER_INTERVAL_SECONDS = 0.5
    read(client, url)
    post(committed, thread, member, "Coming up")
    page_clock.advance(0.5 - prerender.LEAD_SECONDS / 2)
    answers = []

    def sleep(seconds):  # a reader comes while the render ahead waits for its time
        page_clock.advance(seconds + 0.01)
        answers.append(read(client, url))

    monkeypatch.setattr(prerender.time, "sleep", sleep)
    builds.update(sections=0)
    assert prerender.render_ahead(thread.pk) is None
    [(page, queries)] = answers
    assert "Coming up" not in page and queries == 0  # the page as it was, rendering nothing
    assert builds["sections"] == 1  # by the render ahead
    assert "Coming up" in read(client, url)[0]


def test_votes_render_nothing_ahead(client, url, thread, member, inline, committed, builds):
    comment = CommentFactory(thread=thread, body="Vote for me")
    read(client, url)
    builds.update(sections=0)
    with committed():
        services.vote_toggle(comment=comment, voter=member)
    assert builds["sections"] == 0


def test_a_moderators_comment_renders_the_anonymous_page_not_the_frame(
    client, client_as, url, thread, other_member, inline, committed, builds
):
    read(client_as(other_member), url)
    client.logout()
    read(client, url)
    builds.update(sections=0, frames=0)
    post(committed, thread, ModeratorFactory(), "From the desk")
    assert builds == {"sections": 1, "frames": 0}


def test_a_failed_render_ahead_leaves_the_comment_and_its_readers_alone(
    client, url, thread, member, inline, committed, monkeypatch, caplog
):
    read(client, url)

    def broken(*args, **kwargs):
        raise RuntimeError("the cache is down")

    monkeypatch.setattr(sections, "build", broken)
    with caplog.at_level(logging.ERROR):
        comment = post(committed, thread, member, "Stored all the same")
    assert comment.pk and "the cache is down" in caplog.text
    monkeypatch.undo()
    assert "Stored all the same" in read(client, url)[0]  # its first reader renders it


def test_the_background_renders_each_thread_once_for_the_changes_meanwhile(monkeypatch, caplog):
    rendered, go = [], threading.Event()

    def render_ahead(thread_id, *, author_id=None):
        go.wait(5)
        rendered.append((thread_id, author_id))
        if thread_id == 3:
            raise RuntimeError("lost")
        return None

    monkeypatch.setattr(prerender, "render_ahead", render_ahead)
    renders = prerender.Renders()
    renders.add(1, 10)  # taken at once, waits for `go`
    renders.add(2, 20)
    renders.add(2, 21)  # the same thread: rendered once
    renders.add(3, 30)
    with caplog.at_level(logging.ERROR):
        go.set()
        assert renders.wait(timeout=5)
    assert sorted(rendered) == [(1, 10), (2, 20), (3, 30)]
    assert "Could not render thread 3" in caplog.text
    renders.add(4, 40)  # still running after a failure
    assert renders.wait(timeout=5)
    assert rendered[-1] == (4, 40)


@pytest.mark.django_db(transaction=True)
def test_a_post_is_answered_before_its_page_is_rendered_ahead_in_the_background(
    client, client_as, article, member, other_member, settings, monkeypatch
):
    settings.PRERENDER_ON_WRITE = prerender.BACKGROUND
    url = article.get_absolute_url()
    read(client, url)
    started, go, finished = threading.Event(), threading.Event(), threading.Event()
    render_ahead = prerender.render_ahead

    def held_back(thread_id, *, author_id=None):
        started.set()
        go.wait(5)  # the render ahead waits until the post has been answered
        try:
            return render_ahead(thread_id, author_id=author_id)
        finally:
            finished.set()

    monkeypatch.setattr(prerender, "render_ahead", held_back)
    poster = client_as(member)
    response = poster.post(
        reverse("forum:comment_post", args=[article.thread.pk]),
        {"body": "Posted in the foreground", "idempotency_key": "k" * 22},
    )
    assert response.status_code in (200, 302)
    assert started.wait(5) and not finished.is_set()  # answered while it waits
    go.set()
    assert prerender.renders.wait(timeout=10)
    poster.logout()
    page, queries = read(client, url)
    assert "Posted in the foreground" in page and queries == 0


def test_a_members_frame_stands_for_the_render_interval_as_the_anonymous_page_does(
    client_as, url, thread, member, other_member, committed, builds, page_clock, settings
):
    settings.PAGE_RENDER_INTERVAL_SECONDS = 0.5  # nothing rendered ahead: PRERENDER_ON_WRITE off
    client = client_as(other_member)
    read(client, url)  # builds the frame
    _, steady = read(client, url)
    post(committed, thread, member, "Shown within the interval")
    page_clock.advance(0.3)
    builds.update(frames=0)
    page, queries = read(client, url)  # the frame younger than the interval stands
    assert "Shown within the interval" not in page
    assert builds["frames"] == 0 and queries == steady
    page_clock.advance(0.3)
    page, _ = read(client, url)
    assert "Shown within the interval" in page and builds["frames"] == 1


def test_while_a_frame_is_built_other_members_are_answered_the_one_before(
    client_as, url, thread, member, other_member, committed, builds, page_clock, settings
):
    settings.PAGE_RENDER_INTERVAL_SECONDS = 0.5
    client = client_as(other_member)
    read(client, url)
    post(committed, thread, member, "Being built")
    page_clock.advance(0.6)
    request = RequestFactory().get(url)
    request.user = other_member
    key = member_pages.frame_key(request, SharedParts(url))
    pagecache.pages.add(member_pages._build_lock(key), 1)  # another member builds it
    builds.update(frames=0)
    assert "Being built" not in read(client, url)[0] and builds["frames"] == 0
    page_clock.advance(pagecache.STALE_SECONDS)  # too long: build it
    assert "Being built" in read(client, url)[0] and builds["frames"] == 1


def test_the_frame_is_rendered_ahead_when_the_page_comes_of_age(
    client,
    client_as,
    url,
    thread,
    member,
    other_member,
    inline,
    committed,
    builds,
    page_clock,
    monkeypatch,
):
    inline.PAGE_RENDER_INTERVAL_SECONDS = 0.5
    monkeypatch.setattr(prerender.time, "sleep", page_clock.advance)
    read(client, url)
    reader = client_as(other_member)
    read(reader, url)
    builds.update(sections=0, frames=0)
    post(committed, thread, member, "Ready in time")  # too soon for either
    assert builds == {"sections": 0, "frames": 0}
    page_clock.advance(0.5 - prerender.LEAD_SECONDS / 2)
    assert prerender.render_ahead(thread.pk, author_id=member.pk) is None
    assert builds["frames"] == 1  # though the frame before was younger than the interval
    page, _ = read(reader, url)
    assert "Ready in time" in page and builds["frames"] == 1


def test_the_page_is_claimed_before_the_writer_is_answered(
    client, url, thread, member, committed, builds, settings, monkeypatch
):
    settings.PRERENDER_ON_WRITE = prerender.BACKGROUND
    queued = []
    monkeypatch.setattr(prerender.renders, "add", lambda *args: queued.append(args))
    read(client, url)
    post(committed, thread, member, "Claimed at once")
    assert queued == [(thread.pk, member.pk)]
    builds.update(sections=0)
    page, queries = read(client, url)  # before the render ahead: the page as it was, at once
    assert "Claimed at once" not in page and queries == 0 and builds["sections"] == 0
    assert prerender.render_ahead(thread.pk, author_id=member.pk) is None
    assert builds["sections"] == 1
    page, queries = read(client, url)
    assert "Claimed at once" in page and queries == 0


def test_members_are_answered_the_frame_before_while_it_is_rendered_ahead(
    client_as, url, thread, member, other_member, committed, builds, settings, monkeypatch
):
    settings.PRERENDER_ON_WRITE = prerender.BACKGROUND
    monkeypatch.setattr(prerender.renders, "add", lambda *args: None)
    reader = client_as(other_member)
    read(reader, url)
    _, steady = read(reader, url)
    post(committed, thread, member, "Claimed for members")
    builds.update(sections=0, frames=0)
    page, queries = read(reader, url)  # before the render ahead: the frame as it was
    assert "Claimed for members" not in page and queries == steady
    assert builds == {"sections": 0, "frames": 0}
    prerender.render_ahead(thread.pk, author_id=member.pk)
    assert builds["frames"] == 1
    page, queries = read(reader, url)
    assert "Claimed for members" in page and queries == steady and builds["frames"] == 1
