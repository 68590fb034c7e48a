"""Authorization matrix: every moderation action × every kind of actor.

Exactly the intended actors succeed. Every other attempt answers 403 (anonymous visitors
are sent to sign in) and leaves the database exactly as it was. Writes refuse GET (405)
and requests without a CSRF token (403).
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum.models import Comment, ModerationAction, ModeratorNote, Report, Thread, WordRule
from tests.factories import ArticleFactory, CommentFactory, ModeratorFactory, UserFactory

Status = Comment.Status
ACTORS = [
    "anonymous",
    "unverified",
    "member",
    "author",
    "suspended",
    "banned",
    "moderator",
    "staff",
]
MODERATORS = {"moderator", "staff"}
REPORTERS = {"member", "moderator", "staff"}
FUTURE = (timezone.now() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def world(db):
    """Everything each action can apply to, in the state it expects."""
    thread = ArticleFactory().thread
    closed = ArticleFactory().thread
    Thread.objects.filter(pk=closed.pk).update(state=Thread.State.CLOSED)
    author = UserFactory(username="author")
    reported = CommentFactory(thread=thread, author=author, body="reported", open_report_count=1)
    Report.objects.create(comment=reported, reporter=UserFactory(username="r1"), reason="spam")
    w = {
        "thread": thread,
        "closed": closed,
        "pending": CommentFactory(
            thread=thread,
            author=author,
            body="pending",
            status=Status.PENDING,
            hold_reason="new_member",
        ),
        "published": CommentFactory(thread=thread, author=author, body="published"),
        "rejected": CommentFactory(
            thread=thread, author=author, body="rejected", status=Status.REJECTED
        ),
        "featured": CommentFactory(
            thread=thread,
            author=author,
            body="featured",
            is_featured=True,
            featured_at=timezone.now(),
        ),
        "reported": reported,
        "target": UserFactory(username="target"),
        "suspended_target": UserFactory(username="suspended-target", suspended=True),
        "banned_target": UserFactory(username="banned-target", banned=True),
        "premod_target": UserFactory(username="premod-target", always_premoderate=True),
        "rule": WordRule.objects.create(phrase="scam", kind=WordRule.Kind.SUSPECT),
        "actors": {
            "author": author,
            "unverified": UserFactory(username="unverified", verified=False),
            "member": UserFactory(username="plain"),
            "suspended": UserFactory(username="suspended", suspended=True),
            "banned": UserFactory(username="banned", banned=True),
            "moderator": ModeratorFactory(username="moderator"),
            "staff": UserFactory(username="staff", is_staff=True),
        },
    }
    return w


def c(name, url_name):
    return lambda w: reverse(url_name, args=[w[name].pk])


def m(name, url_name):
    return lambda w: reverse(url_name, args=[w[name].username])


# name: (url, POST data, actors who may do it)
WRITES = {
    "approve": (c("pending", "moderation:comment_approve"), {}, MODERATORS),
    "reject": (c("published", "moderation:comment_reject"), {"reason": "spam"}, MODERATORS),
    "restore": (c("rejected", "moderation:comment_restore"), {}, MODERATORS),
    "feature": (c("published", "moderation:comment_feature"), {}, MODERATORS),
    "unfeature": (c("featured", "moderation:comment_unfeature"), {}, MODERATORS),
    "dismiss_reports": (c("reported", "moderation:reports_dismiss"), {}, MODERATORS),
    "bulk_approve": (
        lambda w: reverse("moderation:bulk"),
        lambda w: {"action": "approve", "comments": [w["pending"].pk]},
        MODERATORS,
    ),
    "bulk_reject": (
        lambda w: reverse("moderation:bulk"),
        lambda w: {"action": "reject", "reason": "spam", "comments": [w["published"].pk]},
        MODERATORS,
    ),
    "thread_close": (c("thread", "moderation:thread_close"), {}, MODERATORS),
    "thread_reopen": (c("closed", "moderation:thread_reopen"), {}, MODERATORS),
    "thread_closing_time": (
        c("thread", "moderation:thread_closing_time"),
        {"closes_at": FUTURE},
        MODERATORS,
    ),
    "thread_premoderation": (
        c("thread", "moderation:thread_premoderation"),
        {"premoderate": "on"},
        MODERATORS,
    ),
    "member_suspend": (
        m("target", "moderation:member_suspend"),
        {"until": FUTURE, "reason": "Cool off"},
        MODERATORS,
    ),
    "member_lift_suspension": (
        m("suspended_target", "moderation:member_lift_suspension"),
        {},
        MODERATORS,
    ),
    "member_ban": (m("target", "moderation:member_ban"), {"reason": "Spam"}, MODERATORS),
    "member_lift_ban": (m("banned_target", "moderation:member_lift_ban"), {}, MODERATORS),
    "member_premoderate": (m("target", "moderation:member_premoderate"), {}, MODERATORS),
    "member_lift_premoderation": (
        m("premod_target", "moderation:member_lift_premoderation"),
        {},
        MODERATORS,
    ),
    "note_add": (m("target", "moderation:note_add"), {"text": "Watch this one"}, MODERATORS),
    "word_add": (
        lambda w: reverse("moderation:word_add"),
        {"phrase": "idiot", "kind": "banned"},
        MODERATORS,
    ),
    "word_remove": (c("rule", "moderation:word_remove"), {}, MODERATORS),
    "report": (
        c("published", "forum:comment_report"),
        {"reason": "spam"},
        REPORTERS,
    ),
}

READS = {
    "desk": lambda w: reverse("moderation:desk"),
    "queue": lambda w: reverse("moderation:queue", args=["reported"]),
    "search": lambda w: reverse("moderation:search") + "?q=pub",
    "comment": c("published", "moderation:comment"),
    "thread": c("thread", "moderation:thread"),
    "member": m("target", "moderation:member"),
    "words": lambda w: reverse("moderation:words"),
    "log": lambda w: reverse("moderation:log"),
}


def snapshot():
    """Return every row moderation could change, to prove a refusal changed nothing."""
    user_fields = ["pk", "suspended_until", "suspension_reason", "banned_at", "ban_reason"]
    return {
        "comments": list(Comment.objects.order_by("pk").values()),
        "reports": list(Report.objects.order_by("pk").values()),
        "threads": list(Thread.objects.order_by("pk").values()),
        "users": list(
            get_user_model()
            .objects.order_by("pk")
            .values(*user_fields, "always_premoderate", "is_active")
        ),
        "words": list(WordRule.objects.order_by("pk").values()),
        "notes": list(ModeratorNote.objects.order_by("pk").values()),
        "log": list(ModerationAction.objects.order_by("pk").values()),
    }


def client_for(world, actor, **kwargs):
    client = Client(**kwargs)
    if actor != "anonymous":
        client.force_login(world["actors"][actor])
    return client


def resolve(value, world):
    return value(world) if callable(value) else value


# (action, actor) pairs, by the answer each should get.
ALLOWED_MODERATION = [(a, actor) for a in WRITES if a != "report" for actor in WRITES[a][2]]
ALLOWED_REPORTS = [("report", actor) for actor in WRITES["report"][2]]
REFUSED = [
    (a, actor)
    for a in WRITES
    for actor in ACTORS
    if actor != "anonymous" and actor not in WRITES[a][2]
]


def post_allowed(world, action, actor):
    """Post `action` as `actor`, check it was accepted; return the snapshots before and after."""
    url_of, data, _ = WRITES[action]
    before = snapshot()
    response = client_for(world, actor).post(url_of(world), resolve(data, world))
    assert response.status_code == 302, response.content.decode()[:2000]
    return before, snapshot()


@pytest.mark.parametrize("action, actor", ALLOWED_MODERATION)
def test_allowed_moderation_write_applies_and_logs_once(world, action, actor):
    before, after = post_allowed(world, action, actor)
    assert after != before, f"{action} by {actor} changed nothing"
    new = after["log"][len(before["log"]) :]
    assert len(new) == 1 and new[0]["actor_id"] == world["actors"][actor].pk


@pytest.mark.parametrize("action, actor", ALLOWED_REPORTS)
def test_allowed_report_is_stored(world, action, actor):
    before, after = post_allowed(world, action, actor)
    new = after["reports"][len(before["reports"]) :]
    assert [r["reporter_id"] for r in new] == [world["actors"][actor].pk]


@pytest.mark.parametrize("action", list(WRITES))
def test_anonymous_write_is_sent_to_sign_in(world, action):
    url_of, data, _ = WRITES[action]
    before = snapshot()
    response = client_for(world, "anonymous").post(url_of(world), resolve(data, world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert snapshot() == before, f"{action} by anonymous changed the database"


@pytest.mark.parametrize("action, actor", REFUSED)
def test_refused_write_is_403_and_changes_nothing(world, action, actor):
    url_of, data, _ = WRITES[action]
    before = snapshot()
    response = client_for(world, actor).post(url_of(world), resolve(data, world))
    assert response.status_code == 403
    assert snapshot() == before, f"{action} by {actor} changed the database"


@pytest.mark.parametrize("actor", sorted(MODERATORS))
@pytest.mark.parametrize("page", list(READS))
def test_moderators_read_every_page(world, page, actor):
    assert client_for(world, actor).get(READS[page](world)).status_code == 200


@pytest.mark.parametrize("page", list(READS))
def test_anonymous_read_is_sent_to_sign_in(world, page):
    response = client_for(world, "anonymous").get(READS[page](world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("actor", [a for a in ACTORS if a not in MODERATORS and a != "anonymous"])
@pytest.mark.parametrize("page", list(READS))
def test_other_members_get_our_403_page(world, page, actor):
    response = client_for(world, actor).get(READS[page](world))
    assert response.status_code == 403
    assert "You can’t do that here" in response.content.decode()  # our 403 page


@pytest.mark.parametrize("action", [a for a in WRITES if a != "report"])
def test_get_on_write_urls_is_405(world, action):
    url_of, _, _ = WRITES[action]
    before = snapshot()
    response = client_for(world, "moderator").get(url_of(world))
    assert response.status_code == 405
    assert snapshot() == before


@pytest.mark.parametrize("action", list(WRITES))
def test_writes_need_a_csrf_token(world, action):
    url_of, data, _ = WRITES[action]
    client = client_for(world, "moderator", enforce_csrf_checks=True)
    before = snapshot()
    response = client.post(url_of(world), resolve(data, world))
    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("action", ["approve", "reject", "restore", "feature", "unfeature"])
def test_repeating_an_action_is_refused_and_not_applied_twice(world, action):
    url_of, data, _ = WRITES[action]
    client = client_for(world, "moderator")
    client.post(url_of(world), resolve(data, world))
    before = snapshot()
    response = client.post(url_of(world), resolve(data, world), follow=True)
    assert "nothing was changed" in response.content.decode()
    assert snapshot() == before
