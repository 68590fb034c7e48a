"""Closing, reopening, closing times and pre-moderation of threads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum import errors
from forum.models import (
    Comment,
    ModerationAction,
    Thread,
)
from forum.moderation import services as ms
from forum.refusals import Code

Status = Comment.Status


class TestThreads:
    def test_close_and_reopen(self, thread, moderator):
        ms.thread_close(thread=thread, moderator=moderator)
        thread.refresh_from_db()
        assert not thread.is_open
        with pytest.raises(errors.ModerationConflict) as error:
            ms.thread_close(thread=thread, moderator=moderator)
        assert error.value.code == Code.THREAD_ALREADY_CLOSED
        ms.thread_reopen(thread=thread, moderator=moderator)
        thread.refresh_from_db()
        assert thread.is_open
        with pytest.raises(errors.ModerationConflict) as error:
            ms.thread_reopen(thread=thread, moderator=moderator)
        assert error.value.code == Code.THREAD_ALREADY_OPEN
        assert ModerationAction.objects.count() == 2

    def test_closing_time(self, thread, moderator):
        when = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
        ms.thread_set_closing_time(thread=thread, moderator=moderator, closes_at=when)
        thread.refresh_from_db()
        assert thread.closes_at == when and thread.is_open
        with pytest.raises(errors.ModerationError) as error:
            ms.thread_set_closing_time(
                thread=thread, moderator=moderator, closes_at=timezone.now() - timedelta(hours=1)
            )
        assert error.value.code == Code.CLOSING_TIME_IN_PAST
        ms.thread_set_closing_time(thread=thread, moderator=moderator, closes_at=None)
        thread.refresh_from_db()
        assert thread.closes_at is None

    def test_reopen_clears_a_past_closing_time(self, thread, moderator):
        Thread.objects.filter(pk=thread.pk).update(closes_at=timezone.now() - timedelta(hours=1))
        ms.thread_reopen(thread=thread, moderator=moderator)
        thread.refresh_from_db()
        assert thread.is_open and thread.closes_at is None

    def test_premoderation(self, thread, moderator):
        ms.thread_set_premoderation(thread=thread, moderator=moderator, premoderate=True)
        thread.refresh_from_db()
        assert thread.premoderate
        with pytest.raises(errors.ModerationConflict):
            ms.thread_set_premoderation(thread=thread, moderator=moderator, premoderate=True)
        ms.thread_set_premoderation(thread=thread, moderator=moderator, premoderate=False)
        thread.refresh_from_db()
        assert not thread.premoderate
