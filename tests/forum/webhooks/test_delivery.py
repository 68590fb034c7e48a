"""Deliveries reach a real HTTP receiver: signed, retried, given up, never for a rollback.

Time is driven by passing `now`; nothing sleeps.
"""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from forum.comments import slowmode, transitions
from forum.models import Comment
from forum.models.webhooks import Attempt, Delivery, Endpoint, Event
from forum.webhooks import outbox, payloads, sending
from forum.webhooks.transport import Answer
from tests.conftest import StoppedClock
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def t0():
    """The test's clock: a moment just after the test's writes (each is due at its write)."""
    return timezone.now() + timedelta(seconds=2)


def post(thread, member, body="A fair point about the article."):
    return transitions.comment_create(author=member, thread=thread, body=body)


def test_a_committed_comment_is_sent_signed_and_verifies_with_the_library(
    endpoint, receiver, thread, member, committed
):
    hook = endpoint([Event.COMMENT_PUBLISHED])
    with committed():  # the task runs once the write commits (the tests' immediate backend)
        comment = post(thread, member)
    assert len(receiver.received) == 1
    got = receiver.received[0]
    body = Webhook(hook.secret).verify(got.body, got.headers)  # raises if the signature is bad
    assert body["type"] == "comment.published"
    assert body["api_version"] == "1"
    assert body["data"]["comment"]["id"] == comment.pk
    assert body["data"]["thread"]["id"] == thread.pk
    assert body["data"]["actor"] == member.username
    delivery = Delivery.objects.get()
    assert got.headers["webhook-id"] == delivery.message_id
    assert delivery.status == Delivery.Status.DELIVERED
    attempt = delivery.attempts.get()
    assert attempt.status_code == 200 and attempt.error == "" and attempt.response_excerpt == "ok"
    # Another secret does not verify it.
    with pytest.raises(Exception, match="signature"):
        Webhook(Endpoint._meta.get_field("secret").default()).verify(got.body, got.headers)


def test_an_endpoint_gets_only_its_events(endpoint, receiver, thread, member, t0):
    endpoint([Event.COMMENT_EDITED])
    comment = post(thread, member)
    assert not Delivery.objects.exists()
    transitions.comment_edit(comment=comment, editor=member, body="A fairer point.")
    assert list(Delivery.objects.values_list("event_type", flat=True)) == ["comment.edited"]
    assert sending.send_due(now=t0) == 1
    assert receiver.received[0].json()["data"]["comment"]["id"] == comment.pk


def test_a_500_is_retried_with_the_same_webhook_id(endpoint, receiver, thread, member, t0):
    endpoint()
    post(thread, member)
    receiver.answer(500, "<h1>down</h1>")
    assert sending.send_due(now=t0) == 1
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.next_attempt_at == t0 + sending.RETRY_DELAYS[0]
    assert sending.send_due(now=t0 + timedelta(seconds=4)) == 0  # not yet due
    assert sending.send_due(now=t0 + timedelta(seconds=5)) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED
    assert len(set(receiver.ids)) == 1 and len(receiver.ids) == 2
    stamps = [int(r.headers["webhook-timestamp"]) for r in receiver.received]
    assert stamps == [int(t0.timestamp()), int(t0.timestamp()) + 5]  # each attempt's own time
    codes = list(delivery.attempts.order_by("started_at").values_list("status_code", flat=True))
    assert codes == [500, 200]
    assert delivery.attempts.order_by("started_at")[0].response_excerpt == "<h1>down</h1>"
    assert Endpoint.objects.get().failing_since is None  # the success ended the streak


def test_a_delivery_is_retried_for_about_a_day_then_given_up(
    endpoint, receiver, thread, member, t0
):
    endpoint()
    post(thread, member)
    now = t0
    for _ in range(sending.MAX_ATTEMPTS):
        receiver.answer(503)
        assert sending.send_due(now=now) == 1
        delivery = Delivery.objects.get()
        now = delivery.next_attempt_at
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts.count() == sending.MAX_ATTEMPTS == len(receiver.received)
    last_try = delivery.attempts.order_by("-started_at")[0].started_at
    assert timedelta(hours=20) < last_try - t0 < timedelta(hours=26)
    assert sending.send_due(now=now + timedelta(days=1)) == 0


def test_an_endpoint_failing_for_a_day_is_switched_off_and_its_owner_told(
    endpoint, receiver, thread, member, integrator, t0, mailoutbox, committed
):
    hook = endpoint()
    post(thread, member)
    receiver.answer(500)
    sending.send_due(now=t0)
    hook.refresh_from_db()
    assert hook.failing_since == t0 and hook.is_active
    # Still failing a day later (another event): switched off, its owner e-mailed.
    post(thread, member, body="Another point.")
    receiver.answer(500)
    receiver.answer(500)
    later = t0 + timedelta(hours=24, seconds=1)
    with committed():  # the owner is e-mailed once the switch-off commits
        sending.send_due(now=later)
    hook.refresh_from_db()
    assert not hook.is_active and hook.disabled_at == later
    assert [m.to for m in mailoutbox] == [[integrator.email]]
    assert hook.url in mailoutbox[0].body
    # Nothing more is sent to it; new events write no delivery.
    sent = len(receiver.received)
    assert sending.send_due(now=later + timedelta(days=1)) == 0
    assert len(receiver.received) == sent
    assert not Delivery.objects.filter(status=Delivery.Status.PENDING).exists()
    post(thread, member, body="A third point.")
    assert Delivery.objects.count() == 2


def test_a_rolled_back_write_delivers_nothing(endpoint, receiver, thread, member, t0, committed):
    endpoint()
    with pytest.raises(RuntimeError), committed(), transaction.atomic():
        post(thread, member)
        assert Delivery.objects.count() == 1  # written in the write's transaction
        raise RuntimeError("the request failed after the comment was saved")
    assert not Comment.objects.exists()
    assert not Delivery.objects.exists()
    assert sending.send_due(now=t0 + timedelta(days=2)) == 0
    assert receiver.received == []


def test_a_worker_dying_between_send_and_record_resends_with_the_same_id(
    endpoint, receiver, thread, member, t0
):
    """At least once, with a stable webhook-id: exactly one event for a receiver that dedupes."""
    endpoint()
    post(thread, member)
    delivery, attempt = sending.claim(now=t0)
    sending.send(delivery, now=t0)  # the receiver got it ... and the worker died here
    assert len(receiver.received) == 1
    # While the claim holds, no other worker sends it.
    assert sending.claim(now=t0 + timedelta(seconds=30)) is None
    # Once it lapses, it is sent again, with the same webhook-id, and recorded.
    after = t0 + timedelta(seconds=sending.CLAIM_SECONDS)
    assert sending.send_due(now=after) == 1
    assert len(receiver.received) == 2
    assert len(set(receiver.ids)) == 1  # one event for a receiver that dedupes on webhook-id
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.DELIVERED and delivery.attempt_count == 2
    lost = Attempt.objects.get(pk=attempt.pk)
    assert lost.status_code is None and "worker stopped" in lost.error
    # The dead worker's late record changes nothing.
    assert sending.record(delivery, lost, Answer(200, "", 1), now=after) == "delivered"
    assert sending.send_due(now=after + timedelta(days=1)) == 0
    assert len(receiver.received) == 2


def test_redirects_are_not_followed(endpoint, receiver, thread, member, t0):
    endpoint()
    post(thread, member)
    receiver.answer(302, "", {"Location": receiver.url + "/elsewhere"})
    sending.send_due(now=t0)
    assert [r.path for r in receiver.received] == ["/hooks"]
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING  # a redirect is a failed attempt
    assert delivery.attempts.get().status_code == 302


def test_an_inactive_endpoint_gets_nothing(endpoint, receiver, thread, member, t0):
    hook = endpoint()
    post(thread, member)
    Endpoint.objects.filter(pk=hook.pk).update(is_active=False)
    assert sending.send_due(now=t0) == 0
    assert receiver.received == []
    assert Delivery.objects.get().status == Delivery.Status.FAILED
    post(thread, member, body="Later.")
    assert Delivery.objects.count() == 1


def test_the_body_sent_is_the_body_signed(endpoint, receiver, thread, member, t0):
    hook = endpoint()
    post(thread, member, body="Ünïcode “quotes” — and <b>tags</b>.")
    sending.send_due(now=timezone.now())
    got = receiver.received[0]
    assert got.body == payloads.serialized(Delivery.objects.get().payload)
    Webhook(hook.secret).verify(got.body, got.headers)


def test_thread_heating_up_is_a_function_other_code_calls(endpoint, receiver, thread, t0):
    endpoint([Event.THREAD_HEATING_UP])
    outbox.thread_heating_up(thread, comments_last_hour=120)
    sending.send_due(now=t0)
    data = receiver.received[0].json()["data"]
    assert data == data | {"comments_last_hour": 120}
    assert data["thread"]["id"] == thread.pk


def test_slow_mode_starting_tells_the_thread_is_heating_up(endpoint, receiver, thread, t0):
    endpoint([Event.THREAD_HEATING_UP])
    slowmode.start(thread.pk, minutes=10, actor=None)
    sending.send_due(now=t0)
    data = receiver.received[0].json()["data"]
    assert data["thread"]["id"] == thread.pk
    assert data["slow_mode"].startswith("started by hand for 10 min")


def test_slow_mode_starting_by_itself_tells_it_with_its_figures(
    endpoint, receiver, thread, t0, settings, monkeypatch
):
    settings.SLOW_MODE_START_RATE = 2  # comments a minute over 3 minutes: 6 comments start it
    settings.COMMENT_RATE_PER_MINUTE = 100
    clock = StoppedClock(1_800_000_000.0)
    monkeypatch.setattr(slowmode, "clock", clock)
    hook = endpoint([Event.THREAD_HEATING_UP])
    for member in UserFactory.create_batch(6):
        CommentFactory.create_batch(5, thread=thread, author=member)  # regulars: published
        post(thread, member)
        clock.advance(10)
    assert slowmode.current(thread.pk) is not None
    sending.send_due(now=t0)
    (got,) = receiver.received
    body = Webhook(hook.secret).verify(got.body, got.headers)
    assert body["type"] == "thread.heating_up"
    assert body["data"]["thread"]["id"] == thread.pk and body["data"]["actor"] is None
    assert body["data"]["slow_mode"].startswith("started by itself: 2.0 comments/min")
