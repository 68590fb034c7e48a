"""Every endpoint for every actor: anonymous, member, banned, moderator, read token, session."""

import json

import pytest
from django.test import Client

from accounts.tokens import token_create
from forum.models import Comment, Report, Vote
from tests.factories import CommentFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "member", "banned", "moderator", "read_token", "session"]


@pytest.fixture
def world(article, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    author = UserFactory(username="author")
    target = CommentFactory(thread=article.thread, author=author, body="Target")
    return {"article": article, "thread": article.thread, "target": target, "author": author}


def client_for(actor):
    """Return (client, headers, user) for an actor; the session one sends its CSRF token."""
    client = Client(enforce_csrf_checks=True)
    if actor == "anonymous":
        return client, {}, None
    user = {
        "member": lambda: UserFactory(username="member"),
        "banned": lambda: UserFactory(username="banned", banned=True),
        "moderator": lambda: ModeratorFactory(username="moderator"),
        "read_token": lambda: UserFactory(username="reader"),
        "session": lambda: UserFactory(username="browser"),
    }[actor]()
    if actor == "session":
        client.force_login(user)
        client.get("/accounts/settings/")
        return client, {"X-CSRFToken": client.cookies["csrftoken"].value}, user
    scope = "read" if actor == "read_token" else "write"
    _, secret = token_create(user=user, name=actor, scope=scope)
    return client, {"Authorization": f"Bearer {secret}"}, user


@pytest.mark.parametrize("actor", ACTORS)
def test_every_read_is_open_to_every_actor(world, actor):
    client, headers, _ = client_for(actor)
    w = world
    for path in [
        "/articles/",
        f"/articles/{w['article'].slug}/",
        f"/threads/{w['thread'].pk}/",
        f"/threads/{w['thread'].pk}/comments/",
        f"/comments/{w['target'].pk}/",
        "/members/author/",
        "/members/author/comments/",
        f"/counts/?key={w['thread'].key}",
    ]:
        response = client.get(f"/api/v1{path}", headers=headers)
        assert response.status_code == 200, (actor, path, response.content)
        assert "@example.org" not in response.content.decode()


# What each write asks, and the status an allowed member gets.
WRITES = {
    "post": ("post", "/threads/{thread}/comments/", {"body": "New words"}, 201),
    "reply": ("post", "/threads/{thread}/comments/", {"body": "Re", "parent_id": "{target}"}, 201),
    "vote": ("post", "/comments/{target}/vote/", None, 200),
    "report": ("post", "/comments/{target}/report/", {"reason": "spam"}, 201),
    "edit": ("patch", "/comments/{own}/", {"body": "Edited"}, 200),
    "delete": ("delete", "/comments/{own}/", None, 204),
}
EXPECTED = {
    "anonymous": (401, "unauthenticated"),
    "banned": (403, "forbidden"),
    "read_token": (403, "insufficient_scope"),
}


def _fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids) if "{" in value else value
    if isinstance(value, dict):
        filled = {k: _fill(v, ids) for k, v in value.items()}
        return {k: int(v) if k == "parent_id" else v for k, v in filled.items()}
    return value


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("write", WRITES)
def test_every_write_for_every_actor(world, actor, write):
    client, headers, user = client_for(actor)
    own_author = user if user is not None else world["author"]
    own = CommentFactory(thread=world["thread"], author=own_author, body="Own")
    ids = {"thread": world["thread"].pk, "target": world["target"].pk, "own": own.pk}
    method, path, body, allowed_status = WRITES[write]
    kwargs = {"headers": headers}
    if body is not None:
        kwargs.update(data=json.dumps(_fill(body, ids)), content_type="application/json")
    before = (Comment.objects.count(), Vote.objects.count(), Report.objects.count())
    response = getattr(client, method)(f"/api/v1{_fill(path, ids)}", **kwargs)
    if actor == "banned" and write == "delete":
        # As on the site: a banned member may still take their own comment down.
        assert response.status_code == 204
        return
    if actor in EXPECTED:
        status, code = EXPECTED[actor]
        assert response.status_code == status, response.content
        assert response.json()["code"] == code and response.json()["message"]
        assert (Comment.objects.count(), Vote.objects.count(), Report.objects.count()) == before
        own.refresh_from_db()
        assert own.body == "Own" and own.status == "published"
    else:
        assert response.status_code == allowed_status, response.content


@pytest.mark.parametrize(
    ("method", "path", "raw", "code"),
    [
        # JSON that does not parse is "malformed"; JSON of the wrong shape is "invalid".
        ("patch", "/comments/{own}/", '{"body": 5}', "invalid"),
        ("patch", "/comments/{own}/", '{"body": "x", "extra": [', "malformed"),
        ("patch", "/comments/{own}/", '{"body": "' + "x" * 30_000 + '"}', "invalid"),
        ("patch", "/comments/{own}/", "[]", "invalid"),
        ("post", "/comments/{target}/report/", '{"reason": 5}', "invalid"),
        ("post", "/comments/{target}/report/", '{"reason": "spam", "note": {}}', "invalid"),
        (
            "post",
            "/comments/{target}/report/",
            '{"reason": "spam", "note": "' + "x" * 3000 + '"}',
            "invalid",
        ),
        ("post", "/comments/{target}/report/", "{oops", "malformed"),
        ("post", "/threads/{thread}/comments/", '{"body": "a\\u0000b"}', "invalid"),
    ],
)
def test_bad_input_on_every_write_is_a_400(world, method, path, raw, code):
    client, headers, user = client_for("member")
    own = CommentFactory(thread=world["thread"], author=user, body="Own")
    ids = {"thread": world["thread"].pk, "target": world["target"].pk, "own": own.pk}
    response = getattr(client, method)(
        f"/api/v1{path.format(**ids)}", data=raw, content_type="application/json", headers=headers
    )
    assert response.status_code == 400, response.content
    assert response.json()["code"] == code
    own.refresh_from_db()
    assert own.body == "Own" and not Report.objects.exists()


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("patch", "/comments/999999/", 404, "not_found"),
        ("delete", "/comments/999999/", 404, "not_found"),
        ("post", "/comments/999999/vote/", 404, "not_found"),
        ("post", "/comments/999999/report/", 404, "not_found"),
        ("post", "/threads/999999/comments/", 404, "not_found"),
        # Not an id at all: the request is malformed, not about a missing comment.
        ("get", "/comments/abc/", 400, "invalid"),
        ("post", "/no-such-endpoint/", 404, "not_found"),
    ],
)
def test_unknown_ids_are_404_and_ids_that_are_not_numbers_400(world, method, path, status, code):
    client, headers, _ = client_for("member")
    kwargs = {"headers": headers}
    if method != "get":
        body = {"body": "x", "reason": "spam"}
        kwargs.update(data=json.dumps(body), content_type="application/json")
    response = getattr(client, method)(f"/api/v1{path}", **kwargs)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
