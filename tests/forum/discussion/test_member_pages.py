"""A member's page of a thread is filled in from a frame every ordinary member shares."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse

from forum.discussion import member_pages
from forum.models import Comment, Follow, Vote
from forum.platform import frames
from tests.factories import CommentFactory, ModeratorFactory, UserFactory
from tests.helpers import clear_caches

pytestmark = pytest.mark.django_db
# Values that differ per request whatever the page: the CSRF token (masked anew each time)
# and the composer's idempotency key.
PER_REQUEST = re.compile(r'(name="(?:csrfmiddlewaretoken|idempotency_key)"[^>]*? value=")[^"]*"')


def normalised(response):
    assert response.status_code == 200
    return PER_REQUEST.sub(r'\1"', response.content.decode())


@pytest.fixture
def cuts(monkeypatch):
    """Count the frames built."""
    built = []
    cut = frames.Frame.cut.__func__

    def counted(cls, html, **data):
        built.append(1)
        return cut(cls, html, **data)

    monkeypatch.setattr(frames.Frame, "cut", classmethod(counted))
    return built


@pytest.fixture
def without_frames(monkeypatch):
    """Render members' pages in full, as before frames, to compare."""

    def off():
        monkeypatch.setattr(member_pages, "frame_key", lambda request, parts: None)

    return off


@pytest.fixture
def busy_thread(thread, member, other_member):
    """A thread where `member` wrote, voted and follows, and others wrote and replied."""
    writer = UserFactory(username="writer")
    comments = [CommentFactory(thread=thread, author=writer, body=f"Top {n}") for n in range(6)]
    CommentFactory(thread=thread, author=other_member, parent=comments[0], body="A reply")
    CommentFactory(thread=thread, author=member, body="The member's own comment")
    CommentFactory(thread=thread, author=member, parent=comments[1], body="The member's reply")
    Vote.objects.create(comment=comments[2], voter=member)
    Vote.objects.create(comment=comments[3], voter=other_member)
    Comment.objects.filter(pk__in=[comments[2].pk, comments[3].pk]).update(score=1)
    Follow.objects.create(thread=thread, member=member)
    clear_caches()
    return thread


def test_a_member_gets_the_page_a_full_render_gives_them(
    client_as, article, member, other_member, busy_thread, without_frames, cuts
):
    url = article.get_absolute_url()
    # The frame is built by another member first, then filled in for this one.
    client_as(other_member).get(url)
    client = client_as(member)
    from_frame = normalised(client.get(url))
    assert len(cuts) == 1
    assert normalised(client.get(url)) == from_frame  # the same again, from the stored frame
    without_frames()
    assert normalised(client.get(url)) == from_frame
    assert 'aria-pressed="true">Following' in from_frame
    assert from_frame.count('vote-button vote-button--on"') == 1
    assert ">reader</a></li>" in from_frame and ">another</a></li>" not in from_frame


def test_the_member_who_built_the_frame_leaves_nothing_of_theirs_in_it(
    client_as, article, member, other_member, busy_thread, without_frames
):
    url = article.get_absolute_url()
    client_as(member).get(url)  # builds the frame: their name, votes, follow, own comments
    other = normalised(client_as(other_member).get(url))
    assert 'aria-pressed="false">Follow discussion' in other
    assert other.count("vote-button--on") == 1  # their own vote, not the builder's
    assert "another</a></li>" in other and ">reader</a></li>" not in other
    without_frames()
    assert normalised(client_as(other_member).get(url)) == other


def test_each_view_of_the_page_gets_its_own_csrf_token_and_idempotency_key(
    client_as, article, member, busy_thread
):
    client = client_as(member)
    first, second = (client.get(article.get_absolute_url()).content.decode() for _ in range(2))
    keys = [re.findall(r'name="idempotency_key" value="([^"]+)"', page) for page in (first, second)]
    assert keys[0] and keys[1] and set(keys[0]).isdisjoint(keys[1])
    assert "\x00" not in second and "\x02" not in second


def test_a_member_page_from_a_frame_costs_two_queries_whatever_the_thread(
    client_as, article, member, other_member, busy_thread, django_assert_max_num_queries
):
    url = article.get_absolute_url()
    client_as(other_member).get(url)
    client = client_as(member)
    client.get(url)  # the session and the member, as any request
    for n in range(40):
        CommentFactory(thread=busy_thread, body=f"More {n}")
    clear_caches()
    client_as(other_member).get(url)
    client = client_as(member)
    with django_assert_max_num_queries(3):  # the session's member, their marks (and a spare)
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", ["moderator", "held", "unverified", "messages"])
def test_pages_that_are_a_members_own_are_rendered_for_them(
    who, client_as, article, member, busy_thread, without_frames
):
    url = article.get_absolute_url()
    client_as(UserFactory(username="builder")).get(url)  # a frame is there
    if who == "moderator":
        reader = ModeratorFactory(username="moddy")
    elif who == "held":
        reader = UserFactory(username="heldback")
        CommentFactory(thread=busy_thread, author=reader, pending=True, body="Waiting here")
    elif who == "unverified":
        reader = UserFactory(username="newbie", verified=False)
    else:
        reader = member
    client = client_as(reader)
    if who == "messages":  # a result to show: unfollowing without JavaScript says so
        client.post(reverse("forum:thread_follow", args=[busy_thread.pk]), {"follow": "0"})
        page = client.get(url).content.decode()
        assert 'role="status"' in page or 'class="result' in page
        assert 'aria-pressed="false">Follow discussion' in page
        return
    page = client.get(url).content.decode()
    if who == "moderator":
        assert "Moderate</a>" in page
    elif who == "held":
        assert "Waiting here" in page
    elif who == "unverified":
        assert "Confirm your e-mail address" in page
    without_frames()
    assert normalised(client.get(url)) == PER_REQUEST.sub(r'\1"', page)


def test_a_new_comment_gives_members_a_new_frame(
    client_as, article, member, busy_thread, committed
):
    from forum.comments.transitions import comment_create

    url = article.get_absolute_url()
    client = client_as(member)
    client.get(url)
    with committed():
        comment_create(author=UserFactory(username="poster"), thread=busy_thread, body="Fresh!")
    assert "Fresh!" in client.get(url).content.decode()


def test_slow_mode_shows_on_pages_from_a_frame_built_before_it(
    client_as, article, member, other_member, busy_thread, cuts, monkeypatch
):
    from forum.comments import slowmode

    url = article.get_absolute_url()
    client_as(other_member).get(url)  # the frame, built while the thread is calm
    # Started by itself, slow mode changes no token of the page: the frame is asked each time.
    monkeypatch.setattr(slowmode, "_log", lambda *args, **kwargs: None)
    slowmode.start(busy_thread.pk, minutes=10, actor=None)
    page = client_as(member).get(url).content.decode()
    assert "This discussion is busy." in page
    slowmode.end(busy_thread.pk, actor=None)
    assert "This discussion is busy." not in client_as(member).get(url).content.decode()
    assert len(cuts) == 1


def test_a_member_who_changes_their_name_sees_the_new_one_in_the_header(
    client_as, article, member, other_member, busy_thread
):
    url = article.get_absolute_url()
    client_as(other_member).get(url)  # the frame
    client = client_as(member)
    assert ">reader</a></li>" in client.get(url).content.decode()
    member.display_name = "Renamed <Reader>"
    member.save()
    page = client.get(url).content.decode()
    assert ">Renamed &lt;Reader&gt;</a></li>" in page and ">reader</a></li>" not in page


def test_a_member_page_from_a_frame_reads_the_page_cache_once(
    client_as, article, member, other_member, busy_thread, monkeypatch
):
    # The page's tokens, its newest frame and the build lock in one round trip to Redis.
    url = article.get_absolute_url()
    client_as(other_member).get(url)
    client = client_as(member)
    client.get(url)
    pages = caches["pages"]
    reads = []
    get, get_many = pages.get, pages.get_many

    def counted_get_many(keys, *args, **kwargs):
        reads.append(list(keys))
        monkeypatch.setattr(pages, "get", get)  # LocMemCache reads each key with get()
        try:
            return get_many(keys, *args, **kwargs)
        finally:
            monkeypatch.setattr(pages, "get", counted_get)

    def counted_get(key, *args, **kwargs):
        reads.append([key])
        return get(key, *args, **kwargs)

    monkeypatch.setattr(pages, "get_many", counted_get_many)
    monkeypatch.setattr(pages, "get", counted_get)
    page = client.get(url)
    assert page.status_code == 200 and ">reader</a></li>" in page.content.decode()
    assert len(reads) == 1 and any(key.startswith("pc:fn:") for key in reads[0])
