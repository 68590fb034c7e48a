"""The API in a thread in slow mode: 429 with the member's own Retry-After, nothing stored."""

import pytest

from forum.comments import slowmode
from forum.models import Comment
from tests.conftest import StoppedClock
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_a_second_comment_in_slow_mode_is_429_with_the_wait(
    api_as, member, moderator, thread, monkeypatch, settings
):
    settings.SLOW_MODE_INTERVAL_SECONDS = 120
    clock = StoppedClock(1_800_000_000.0)
    monkeypatch.setattr(slowmode, "clock", clock)
    CommentFactory.create_batch(5, thread=thread, author=member)
    slowmode.start(thread.pk, minutes=30, actor=moderator)
    client = api_as(member)
    assert client.post(f"/threads/{thread.pk}/comments/", {"body": "one"}).status_code == 201
    clock.advance(30)
    response = client.post(f"/threads/{thread.pk}/comments/", {"body": "two"})
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert response["Retry-After"] == "90"
    assert not Comment.objects.filter(body="two").exists()
