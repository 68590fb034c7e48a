"""Writing through the API: the site's services, rules, holds, limits and words, for every actor."""

import pytest

from forum.models import Comment, Report, Vote
from forum.refusals import Code, words
from tests.factories import CommentFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_member_posts_a_comment_and_a_reply(api_as, member, thread, comment, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    client = api_as(member)
    response = client.post(f"/threads/{thread.pk}/comments/", {"body": "Hello *there*"})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["comment"]["status"] == "published"
    assert data["message"] == "Your comment is published."
    reply = client.post(
        f"/threads/{thread.pk}/comments/", {"body": "A reply", "parent_id": comment.pk}
    )
    assert reply.status_code == 201
    assert reply.json()["comment"]["parent_id"] == comment.pk
    thread.refresh_from_db()
    assert thread.comment_count == 3


def test_new_member_is_held_with_the_sites_message(api_as, member, thread):
    response = api_as(member).post(f"/threads/{thread.pk}/comments/", {"body": "First words"})
    assert response.status_code == 201
    data = response.json()
    assert data["comment"]["status"] == "pending"
    assert "held for review" in data["message"]


def test_idempotency_key_posts_once(api_as, member, thread):
    client = api_as(member)
    body = {"body": "Once", "idempotency_key": "abc123"}
    first = client.post(f"/threads/{thread.pk}/comments/", body).json()
    second = client.post(f"/threads/{thread.pk}/comments/", body).json()
    assert first["comment"]["id"] == second["comment"]["id"]
    assert Comment.objects.filter(author=member).count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"body": 12},
        {"body": ["a"]},
        {"body": "x", "parent_id": "one"},
        {"body": "x", "parent_id": -3},
        {"body": "x", "idempotency_key": "k" * 65},
        {"body": "x" * 20_001},
    ],
)
def test_bad_comment_input_is_400(api_as, member, thread, payload):
    response = api_as(member).post(f"/threads/{thread.pk}/comments/", payload)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert not Comment.objects.filter(author=member).exists()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        # Not JSON at all: "malformed"; JSON, but not an object with a body: "invalid".
        ("{not json", "malformed"),
        ("[1, 2", "malformed"),
        ("\xff", "malformed"),
        ('"a string"', "invalid"),
        ("null", "invalid"),
        ("[]", "invalid"),
    ],
)
def test_malformed_body_is_a_400_not_a_500(api_as, member, thread, raw, code):
    response = api_as(member).post(f"/threads/{thread.pk}/comments/", raw=raw)
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_huge_body_is_refused(api_as, member, thread, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    response = api_as(member).post(
        f"/threads/{thread.pk}/comments/", raw='{"body": "' + "x" * 200_000 + '"}'
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_empty_and_too_long_use_the_sites_words(api_as, member, thread):
    client = api_as(member)
    empty = client.post(f"/threads/{thread.pk}/comments/", {"body": "   "})
    assert empty.status_code == 400 and empty.json()["message"] == words(Code.EMPTY_COMMENT)
    long = client.post(f"/threads/{thread.pk}/comments/", {"body": "x" * 10_001})
    assert long.status_code == 400 and long.json()["message"] == words(
        Code.COMMENT_TOO_LONG, length=10_001, limit=10_000
    )


def test_unknown_parent_and_another_threads_parent(api_as, member, thread):
    other = CommentFactory(thread=ThreadFactory())
    client = api_as(member)
    unknown = client.post(f"/threads/{thread.pk}/comments/", {"body": "x", "parent_id": 999999})
    assert unknown.status_code == 404
    elsewhere = client.post(f"/threads/{thread.pk}/comments/", {"body": "x", "parent_id": other.pk})
    assert elsewhere.status_code == 400
    assert elsewhere.json()["message"] == words(Code.OTHER_THREAD)
    assert client.post("/threads/999999/comments/", {"body": "x"}).status_code == 404


def test_anonymous_banned_unverified_and_read_token_are_refused(
    api, api_as, client, thread, unverified_member
):
    assert api.post(f"/threads/{thread.pk}/comments/", {"body": "x"}).status_code == 401
    banned = UserFactory(banned=True)
    refused = api_as(banned).post(f"/threads/{thread.pk}/comments/", {"body": "x"})
    assert refused.status_code == 403 and refused.json()["message"] == words(Code.BANNED)
    unverified = api_as(unverified_member).post(f"/threads/{thread.pk}/comments/", {"body": "x"})
    assert unverified.status_code == 403
    assert unverified.json()["message"] == words(Code.UNVERIFIED)
    reader = UserFactory()
    scoped = api_as(reader, "read").post(f"/threads/{thread.pk}/comments/", {"body": "x"})
    assert scoped.status_code == 403 and scoped.json()["code"] == "insufficient_scope"
    assert not Comment.objects.filter(body="x").exists()


def test_closed_thread_is_403(api_as, member, thread):
    thread.state = "closed"
    thread.save()
    response = api_as(member).post(f"/threads/{thread.pk}/comments/", {"body": "x"})
    assert response.status_code == 403
    assert response.json() == {"code": "thread_closed", "message": words(Code.THREAD_CLOSED)}


def test_rate_limit_is_429_with_retry_after(api_as, member, thread, settings):
    settings.COMMENT_RATE_PER_MINUTE = 1
    client = api_as(member)
    assert client.post(f"/threads/{thread.pk}/comments/", {"body": "one"}).status_code == 201
    response = client.post(f"/threads/{thread.pk}/comments/", {"body": "two"})
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    # The limiter's clock stands at the start of a minute (tests/conftest.py).
    assert response["Retry-After"] == "60"


def test_session_write_needs_csrf(client, member, thread):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member)
    url = f"/api/v1/threads/{thread.pk}/comments/"
    refused = csrf_client.post(url, {"body": "x"}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "csrf_failed"
    csrf_client.get("/accounts/settings/")
    token = csrf_client.cookies["csrftoken"].value
    posted = csrf_client.post(
        url, {"body": "x"}, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert posted.status_code == 201


def test_edit_own_comment_only(api_as, member, other_member, thread):
    mine = CommentFactory(thread=thread, author=member, body="Old")
    response = api_as(member).patch(f"/comments/{mine.pk}/", {"body": "New"})
    assert response.status_code == 200 and "New" in response.json()["body_html"]
    theirs = CommentFactory(thread=thread, author=other_member)
    refused = api_as(member).patch(f"/comments/{theirs.pk}/", {"body": "Mine now"})
    assert refused.status_code == 403
    assert api_as(member).patch("/comments/999999/", {"body": "x"}).status_code == 404
    assert api_as(member).patch(f"/comments/{mine.pk}/", {"body": None}).status_code == 400


def test_edit_window_passed_is_409(api_as, member, thread, settings):
    from datetime import timedelta

    from django.utils import timezone

    old = CommentFactory(
        thread=thread, author=member, created_at=timezone.now() - timedelta(days=1)
    )
    response = api_as(member).patch(f"/comments/{old.pk}/", {"body": "Late"})
    assert response.status_code == 409 and "15 minutes" in response.json()["message"]


def test_delete_own_comment(api_as, api, member, other_member, thread):
    mine = CommentFactory(thread=thread, author=member)
    theirs = CommentFactory(thread=thread, author=other_member)
    assert api.delete(f"/comments/{mine.pk}/").status_code == 401
    assert api_as(member).delete(f"/comments/{theirs.pk}/").status_code == 403
    assert api_as(member, "read").delete(f"/comments/{mine.pk}/").status_code == 403
    assert api_as(member).delete(f"/comments/{mine.pk}/").status_code == 204
    mine.refresh_from_db()
    assert mine.status == Comment.Status.REMOVED
    assert api_as(member).delete(f"/comments/{mine.pk}/").status_code == 404


def test_vote_toggles(api_as, member, comment):
    client = api_as(member)
    assert client.post(f"/comments/{comment.pk}/vote/").json() == {"voted": True, "score": 1}
    assert client.post(f"/comments/{comment.pk}/vote/").json() == {"voted": False, "score": 0}
    assert not Vote.objects.exists()
    own = api_as(comment.author).post(f"/comments/{comment.pk}/vote/")
    assert own.status_code == 403
    assert client.post("/comments/999999/vote/").status_code == 404


def test_report_once(api_as, member, comment):
    client = api_as(member)
    url = f"/comments/{comment.pk}/report/"
    assert client.post(url, {"reason": "rude"}).status_code == 400
    assert client.post(url, {"reason": "other"}).json()["message"] == words(
        Code.REPORT_OTHER_WITHOUT_NOTE
    )
    assert client.post(url, {"reason": "spam", "note": 5}).status_code == 400
    assert client.post(url, {"reason": "spam"}).status_code == 201
    again = client.post(url, {"reason": "spam"})
    assert again.status_code == 409 and again.json()["code"] == "already_reported"
    assert Report.objects.count() == 1
    own = api_as(comment.author).post(url, {"reason": "spam"})
    assert own.status_code == 403


def test_posts_in_a_row_with_their_own_keys_are_all_stored(api_as, member, thread):
    client = api_as(member)
    url = f"/threads/{thread.pk}/comments/"
    for n in range(3):
        response = client.post(url, {"body": f"Comment {n}"}, headers={"Idempotency-Key": f"k{n}"})
        assert response.status_code == 201
    retry = client.post(url, {"body": "Comment 2"}, headers={"Idempotency-Key": "k2"})
    assert retry.status_code == 201
    assert sorted(Comment.objects.values_list("body", flat=True)) == [
        "Comment 0",
        "Comment 1",
        "Comment 2",
    ]


@pytest.mark.parametrize("where", ["header", "body"])
def test_a_used_key_with_another_text_is_a_conflict(api_as, member, thread, where):
    client = api_as(member)
    url = f"/threads/{thread.pk}/comments/"

    def post(text):
        if where == "header":
            return client.post(url, {"body": text}, headers={"Idempotency-Key": "same"})
        return client.post(url, {"body": text, "idempotency_key": "same"})

    assert post("First").status_code == 201
    response = post("Second")
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_conflict"
    assert list(Comment.objects.values_list("body", flat=True)) == ["First"]


def test_a_header_and_a_body_key_that_differ_are_refused(api_as, member, thread):
    response = api_as(member).post(
        f"/threads/{thread.pk}/comments/",
        {"body": "x", "idempotency_key": "one"},
        headers={"Idempotency-Key": "two"},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert not Comment.objects.exists()


def test_a_comment_of_only_markup_is_invalid(api_as, member, thread):
    response = api_as(member).post(f"/threads/{thread.pk}/comments/", {"body": "** __"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
