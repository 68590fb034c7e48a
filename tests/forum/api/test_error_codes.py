"""The API answers a refusal from its code: renaming every refusal's words changes no status.

Each reason has a code (forum.refusals.Code), words (refusals.WORDS, the pages' one table)
and a status and API code (forum.api.errors.API, the API's one table).
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from forum import refusals
from forum.api import errors
from forum.models import Comment, WordRule
from forum.refusals import Code
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

RENAMED = "Renamed words."


@pytest.fixture
def renamed(monkeypatch):
    """Give every refusal other words than today's."""
    for code in refusals.WORDS:
        monkeypatch.setitem(refusals.WORDS, code, RENAMED)


def answer(response, status, code):
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    return response


def test_every_code_has_words_and_an_api_answer():
    assert set(refusals.WORDS) == set(Code)
    assert set(errors.API) == set(Code)
    for status, code in errors.API.values():
        assert status in errors.HTTP_CODES and code


def test_statuses_and_codes_survive_renamed_words(renamed, api_as, member, thread, comment):
    client = api_as(member)
    posts = f"/threads/{thread.pk}/comments/"

    empty = answer(client.post(posts, {"body": "   "}), 400, "invalid")
    assert empty.json()["message"] == RENAMED

    WordRule.objects.create(phrase="idiot", kind=WordRule.Kind.BANNED)
    answer(client.post(posts, {"body": "You idiot."}), 400, "comment_refused")

    own = CommentFactory(thread=thread, author=member)
    answer(client.post(f"/comments/{own.pk}/vote/"), 403, "forbidden")
    answer(client.patch(f"/comments/{comment.pk}/", {"body": "Mine now"}), 403, "forbidden")
    answer(client.post("/comments/999999/vote/"), 404, "not_found")

    Comment.objects.filter(pk=own.pk).update(created_at=timezone.now() - timedelta(days=30))
    answer(client.patch(f"/comments/{own.pk}/", {"body": "Too late"}), 409, "conflict")

    report = f"/comments/{comment.pk}/report/"
    assert client.post(report, {"reason": "spam"}).status_code == 201
    answer(client.post(report, {"reason": "spam"}), 409, "already_reported")

    key = {"Idempotency-Key": "same"}
    assert client.post(posts, {"body": "First"}, headers=key).status_code == 201
    answer(client.post(posts, {"body": "Second"}, headers=key), 409, "idempotency_conflict")

    thread.state = "closed"
    thread.save()
    answer(client.post(posts, {"body": "Late"}), 403, "thread_closed")


def test_rate_limits_keep_their_status_and_window(
    renamed, api_as, member, thread, comment, settings, monkeypatch
):
    settings.COMMENT_RATE_PER_MINUTE = 1
    client = api_as(member)
    posts = f"/threads/{thread.pk}/comments/"
    assert client.post(posts, {"body": "one"}).status_code == 201
    minute = answer(client.post(posts, {"body": "two"}), 429, "rate_limited")
    assert minute["Retry-After"] == "60"  # the limiter's clock stands at a minute's start

    settings.REPORT_RATE_PER_HOUR = 0
    hour = answer(
        client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}), 429, "rate_limited"
    )
    assert 0 < int(hour["Retry-After"]) <= 3600
