"""Moderators are alerted when a thread goes into slow mode by itself: the desk's stream and page.

Slow mode's clock is a fake one (forum/comments/slowmode.py); the thresholds are lowered.
"""

import pytest
from django.urls import reverse

from forum.comments import slowmode, transitions
from forum.live.hub import channel_of
from forum.models import LiveEvent
from forum.moderation import services
from tests.conftest import StoppedClock
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

ALERT = "Slow mode started on “{title}”: 2 comments a minute."


@pytest.fixture(autouse=True)
def clock(monkeypatch, settings):
    settings.SLOW_MODE_START_RATE = 2  # comments a minute over the window
    settings.SLOW_MODE_START_RATIO = 3
    settings.SLOW_MODE_WINDOW_MINUTES = 3
    settings.SLOW_MODE_MINUTES = 10
    settings.COMMENT_RATE_PER_MINUTE = 100
    fake = StoppedClock(1_800_000_000.0)
    monkeypatch.setattr(slowmode, "clock", fake)
    return fake


def burst(thread, clock, count=6):
    """Post `count` comments of regulars 10 s apart: 6 make 2 a minute over 3 minutes."""
    for member in UserFactory.create_batch(count):
        CommentFactory.create_batch(5, thread=thread, author=member)
        transitions.comment_create(author=member, thread=thread, body="Busy day on the peninsula.")
        clock.advance(10)


def desk(client_as, moderator):
    return client_as(moderator).get(reverse("moderation:desk")).content.decode()


def test_a_thread_hot_by_itself_tells_the_desk_stream_only(thread, clock):
    burst(thread, clock, count=5)
    assert not LiveEvent.objects.filter(kind=LiveEvent.Kind.SLOW_MODE).exists()
    burst(thread, clock, count=1)
    alert = LiveEvent.objects.get(kind=LiveEvent.Kind.SLOW_MODE)
    assert alert.payload() == {
        "id": alert.pk,
        "thread": thread.pk,
        "comment": None,
        "kind": "slow_mode",
        "rate": 2.0,
    }
    assert channel_of(alert.payload()) == "desk"
    assert not LiveEvent.objects.filter(LiveEvent.thread_q(thread.pk), kind="slow_mode").exists()
    # Staying hot extends it: no second alert.
    burst(thread, clock, count=2)
    assert LiveEvent.objects.filter(kind=LiveEvent.Kind.SLOW_MODE).count() == 1


def test_a_start_by_hand_is_no_alert(thread, moderator):
    services.thread_slow_mode_start(thread=thread, moderator=moderator, minutes=15)
    assert not LiveEvent.objects.filter(kind=LiveEvent.Kind.SLOW_MODE).exists()


def test_the_desk_shows_the_alert_while_slow_mode_lasts(thread, clock, client_as, moderator):
    assert f"desk-alert-{thread.pk}" not in desk(client_as, moderator)
    burst(thread, clock)
    page = desk(client_as, moderator)
    assert ALERT.format(title=f'<a href="/moderation/threads/{thread.pk}/">{thread.title}</a>') in (
        page
    )
    # Ended by a moderator (or by itself): the alert goes.
    services.thread_slow_mode_end(thread=thread, moderator=moderator)
    assert f"desk-alert-{thread.pk}" not in desk(client_as, moderator)


def test_the_alert_goes_when_slow_mode_ends_by_itself(thread, clock, client_as, moderator):
    burst(thread, clock)
    assert f"desk-alert-{thread.pk}" in desk(client_as, moderator)
    clock.advance(11 * 60)
    assert f"desk-alert-{thread.pk}" not in desk(client_as, moderator)


def test_a_start_by_hand_raises_no_alert_on_the_desk(thread, client_as, moderator):
    services.thread_slow_mode_start(thread=thread, moderator=moderator, minutes=15)
    assert f"desk-alert-{thread.pk}" not in desk(client_as, moderator)
