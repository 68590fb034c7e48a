"""Slow mode: heat in the shared cache, automatic start and end, the wait, by hand; fake clock."""

import os

import pytest
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse
from django.utils import translation

from forum.comments import slowmode, transitions
from forum.errors import RateLimited
from forum.models import Comment, ModerationAction
from forum.moderation import services
from forum.refusals import Code, Refusal
from tests.conftest import StoppedClock
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db
Action = ModerationAction.Action


@pytest.fixture(autouse=True)
def clock(monkeypatch, settings):
    settings.SLOW_MODE_START_RATE = 2  # comments a minute over the window
    settings.SLOW_MODE_START_RATIO = 3
    settings.SLOW_MODE_WINDOW_MINUTES = 3
    settings.SLOW_MODE_MINUTES = 10
    settings.SLOW_MODE_INTERVAL_SECONDS = 120
    settings.SLOW_MODE_REPORT_RATE = 2  # reports a minute
    settings.SLOW_MODE_SCORED_SHARE = 0.5
    settings.COMMENT_RATE_PER_MINUTE = 100
    fake = StoppedClock(1_800_000_000.0)
    monkeypatch.setattr(slowmode, "clock", fake)
    return fake


def regulars(thread, count):
    members = UserFactory.create_batch(count)
    for member in members:
        CommentFactory.create_batch(5, thread=thread, author=member)
    return members


def burst(thread, members, clock, *, seconds_apart=10):
    for member in members:
        transitions.comment_create(author=member, thread=thread, body="Busy day on the peninsula.")
        clock.advance(seconds_apart)


def test_a_burst_starts_slow_mode_and_logs_its_figures(thread, clock):
    burst(thread, regulars(thread, 5), clock)
    assert slowmode.current(thread.pk) is None  # 5 in 3 minutes: 1.7 a minute, not yet
    burst(thread, regulars(thread, 1), clock)
    mode = slowmode.current(thread.pk)
    assert mode is not None and not mode.manual and mode.interval == 120
    entry = ModerationAction.objects.get(action=Action.THREAD_SLOW_MODE_START)
    assert entry.thread_id == thread.pk and entry.actor is None
    assert entry.reason.startswith(
        "started by itself: 2.0 comments/min (normal 0.0), 0.0 reports/min, 0% held by scoring "
        "over 3 min; one comment every 120 s per member"
    )


def test_a_burst_of_reports_starts_it(thread, clock):
    comments = CommentFactory.create_batch(6, thread=thread)
    for comment in comments:
        transitions.comment_report(comment=comment, reporter=UserFactory(), reason="spam")
        clock.advance(20)
    assert slowmode.current(thread.pk) is not None
    entry = ModerationAction.objects.get(action=Action.THREAD_SLOW_MODE_START)
    assert "2.0 reports/min" in entry.reason


def test_half_the_rate_with_many_comments_held_by_scoring_starts_it(thread, clock):
    for member in regulars(thread, 2):  # 2 civil comments
        transitions.comment_create(author=member, thread=thread, body="Deterrence held so far.")
        clock.advance(10)
    assert slowmode.current(thread.pk) is None
    for member in regulars(thread, 1):
        transitions.comment_create(author=member, thread=thread, body="Shut up, you moron.")
        clock.advance(10)
    assert slowmode.current(thread.pk) is None  # 1.0 a minute, a third held
    for member in regulars(thread, 1):
        transitions.comment_create(author=member, thread=thread, body="You stupid idiot.")
    assert slowmode.current(thread.pk) is not None  # 4 in 3 minutes: 1.3, half held


def test_a_second_comment_inside_the_wait_is_refused_with_the_time_left(thread, clock):
    members = regulars(thread, 6)
    burst(thread, members, clock)
    with pytest.raises(RateLimited) as refused:
        transitions.comment_create(author=members[-1], thread=thread, body="And another thing.")
    assert refused.value.code == Code.SLOW_MODE
    assert refused.value.params == {"seconds": 110, "minutes": 2}
    assert "You can post again in 110 seconds; your text is still here." in str(refused.value)
    assert not Comment.objects.filter(body="And another thing.").exists()
    clock.advance(110)
    transitions.comment_create(author=members[-1], thread=thread, body="And another thing.")


def test_moderators_are_exempt_and_new_members_are_held(thread, clock, moderator):
    burst(thread, regulars(thread, 6), clock)
    transitions.comment_create(author=moderator, thread=thread, body="Please keep it calm.")
    transitions.comment_create(author=moderator, thread=thread, body="Thank you.")
    newcomer = UserFactory()
    CommentFactory.create_batch(3, thread=thread, author=newcomer)  # past the first comments
    held = transitions.comment_create(author=newcomer, thread=thread, body="My first thought.")
    assert held.hold_reason == Comment.HoldReason.SLOW_MODE


def test_the_heat_falling_ends_slow_mode_once_and_logs_it(thread, clock):
    members = regulars(thread, 6)
    burst(thread, members, clock)
    clock.advance(9 * 60)
    assert slowmode.current(thread.pk) is not None
    clock.advance(2 * 60)
    assert slowmode.current(thread.pk) is None and slowmode.current(thread.pk) is None
    ended = ModerationAction.objects.filter(action=Action.THREAD_SLOW_MODE_END)
    assert ended.count() == 1 and ended[0].reason.startswith("ended by itself: ")
    transitions.comment_create(author=members[-1], thread=thread, body="Calmer now.")


def test_staying_hot_keeps_it_on(thread, clock):
    burst(thread, regulars(thread, 6), clock)
    clock.advance(8 * 60)
    burst(thread, regulars(thread, 6), clock)
    clock.advance(5 * 60)  # 10 minutes after the first start, but it stayed hot
    assert slowmode.current(thread.pk) is not None
    assert ModerationAction.objects.filter(action=Action.THREAD_SLOW_MODE_START).count() == 1


def test_a_moderator_starts_it_by_hand_and_ends_it(client_as, moderator, thread, clock):
    client = client_as(moderator)
    url = f"/moderation/threads/{thread.pk}/slow-mode/"
    assert client.post(url, {"minutes": "30"}).status_code == 302
    mode = slowmode.current(thread.pk)
    assert mode.manual and mode.until == clock() + 1800
    page = client.get(f"/moderation/threads/{thread.pk}/").content.decode()
    assert "started by a moderator" in page
    assert client.post(url, {"slow_mode": "end"}).status_code == 302
    assert slowmode.current(thread.pk) is None
    reasons = list(
        ModerationAction.objects.filter(thread=thread, actor=moderator)
        .order_by("pk")
        .values_list("reason", flat=True)
    )
    assert reasons[0] == "started by hand for 30 min; one comment every 120 s per member"
    assert reasons[1].startswith("ended by hand: ")


def test_members_cannot_start_it_and_a_bad_duration_changes_nothing(
    client_as, member, moderator, thread
):
    url = f"/moderation/threads/{thread.pk}/slow-mode/"
    assert client_as(member).post(url, {"minutes": "30"}).status_code == 403
    client_as(moderator).post(url, {"minutes": "0"})
    assert slowmode.current(thread.pk) is None
    assert not ModerationAction.objects.filter(action=Action.THREAD_SLOW_MODE_START).exists()


def test_the_composer_says_so_and_a_refused_post_is_429_keeping_the_text(client_as, thread, clock):
    members = regulars(thread, 6)
    burst(thread, members, clock)
    client = client_as(members[-1])
    page = client.get(thread.url).content.decode()
    assert "This discussion is busy. You can post one comment every 2 minutes." in page
    response = client.post(
        reverse("forum:comment_post", args=[thread.pk]), {"body": "Typed with care."}
    )
    assert response.status_code == 429 and response["Retry-After"] == "110"
    text = response.content.decode()
    assert "Typed with care." in text and "You can post again in 110 seconds" in text


def test_two_app_servers_agree_through_the_shared_cache(thread, clock, monkeypatch, settings):
    # Each "server" is its own client of the same Redis: state lives there, not in a process.
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
    one, two = RedisCache(url, {}), RedisCache(url, {})
    try:
        one.clear()
    except Exception:  # noqa: BLE001 - any connection error
        pytest.skip(f"no Redis at {url}")
    monkeypatch.setattr(slowmode, "cache", one)
    for member in range(6):
        slowmode.posted(thread.pk, member)
        clock.advance(10)
    monkeypatch.setattr(slowmode, "cache", two)
    assert slowmode.current(thread.pk) is not None
    assert slowmode.wait_seconds(thread.pk, 5) == 110
    one.clear()


def test_the_articles_authors_are_not_slowed(thread, clock, moderator):
    members = regulars(thread, 6)
    burst(thread, members, clock)
    assert slowmode.current(thread.pk) is not None
    author = members[-1]  # posted 10 s ago: inside the wait, were they not the author
    services.thread_set_authors(thread=thread, moderator=moderator, usernames=[author.username])
    reply = transitions.comment_create(author=author, thread=thread, body="The author answers.")
    assert reply.status == Comment.Status.PUBLISHED
    # A new member who writes the article is not held for slow mode either.
    newcomer = UserFactory()
    services.thread_set_authors(
        thread=thread, moderator=moderator, usernames=[author.username, newcomer.username]
    )
    first = transitions.comment_create(author=newcomer, thread=thread, body="Thanks for reading.")
    assert first.hold_reason != Comment.HoldReason.SLOW_MODE


def test_the_desk_names_the_authors_and_refuses_unknown_names(thread, moderator, client_as):
    member = UserFactory(username="reporter")
    desk = client_as(moderator)
    url = reverse("moderation:thread_authors", args=[thread.pk])
    response = desk.post(url, {"authors": "reporter, nobody-here"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "No member has the username nobody-here: nothing was changed." in page
    assert 'value="reporter, nobody-here"' in page  # what was typed is not lost
    assert list(thread.authors.all()) == []
    response = desk.post(url, {"authors": " reporter , "}, follow=True)
    assert list(thread.authors.all()) == [member]
    assert 'value="reporter"' in response.content.decode()
    entry = ModerationAction.objects.get(action=Action.THREAD_AUTHORS)
    assert entry.thread_id == thread.pk and entry.note == "reporter"
    assert client_as(member).post(url, {"authors": "reporter"}).status_code in (403, 302)


@pytest.mark.parametrize(
    "minutes, seconds, expected",
    [
        (1, 1, "post one comment every minute. You can post again in 1 second;"),
        (2, 110, "post one comment every 2 minutes. You can post again in 110 seconds;"),
    ],
)
def test_the_refusal_takes_the_plural_of_each_count(minutes, seconds, expected):
    refusal = Refusal(Code.SLOW_MODE, {"minutes": minutes, "seconds": seconds})
    assert expected in str(refusal)
    with translation.override("de"):
        assert "einmal pro Minute" in str(Refusal(Code.SLOW_MODE, {"minutes": 1, "seconds": 1}))
