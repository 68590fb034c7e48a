"""The notification fan-out is a task enqueued in the post's transaction: both commit or neither."""

from unittest import mock

import pytest
from django.db import OperationalError, transaction
from django.tasks import TaskResultStatus
from django.tasks.backends.immediate import ImmediateBackend
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from forum.comments import transitions
from forum.discussion import notifications
from forum.discussion.tasks import deliver_notifications
from forum.models import Comment, Notification
from tests.factories import CommentFactory

# Real commits: on_commit work then runs inside the request, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_premoderation(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.COMMENT_RATE_PER_MINUTE = 100


def reply(client_as, author, parent):
    url = reverse("forum:comment_reply", args=[parent.pk])
    return client_as(author).post(url, {"body": "A reply worth hearing about."})


@pytest.fixture
def parent(client_as, member, article):
    client_as(member).post(reverse("forum:comment_post", args=[article.thread.pk]), {"body": "A"})
    return Comment.objects.get()


def test_the_reply_notifies_the_parent_author_through_the_task(
    client_as, parent, member, other_member
):
    response = reply(client_as, other_member, parent)
    assert response.status_code == 302
    notification = Notification.objects.get()
    assert notification.recipient == member and notification.kind == Notification.Kind.REPLY


def test_a_failing_fan_out_leaves_the_post_answering_as_usual(client_as, parent, other_member):
    with mock.patch(
        "forum.discussion.notifications.notify_new_comment", side_effect=RuntimeError("boom")
    ) as fan_out:
        response = reply(client_as, other_member, parent)
    fan_out.assert_called_once()
    stored = Comment.objects.get(parent=parent)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{stored.pk}")
    assert not Notification.objects.exists()


def test_a_failing_enqueue_fails_the_post_with_it(client_as, parent, other_member):
    # The database went away between the comment's insert and its task's: neither is kept,
    # so a fan-out is never lost after a comment commits; the member is told to try again.
    lost = OperationalError("terminating connection due to administrator command")
    client = client_as(other_member)
    client.raise_request_exception = False
    with mock.patch.object(ImmediateBackend, "enqueue", side_effect=lost):
        response = client.post(
            reverse("forum:comment_reply", args=[parent.pk]), {"body": "A reply worth hearing."}
        )
    assert response.status_code == 503
    assert not Comment.objects.filter(parent=parent).exists()


def test_with_the_database_backend_the_worker_creates_the_notifications(
    client_as, parent, member, other_member, settings, make_worker
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reply(client_as, other_member, parent)
    assert not Notification.objects.exists()  # queued, not done inside the request
    make_worker("fan-out-test", requeue_abandoned=True).run()
    assert Notification.objects.get().recipient == member


def test_one_delivery_waits_per_member_and_thread(
    member, other_member, article, settings, make_worker, mailoutbox
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    parent = CommentFactory(thread=article.thread, author=member)
    for body in ("One", "Two", "Three"):
        reply = CommentFactory(thread=article.thread, author=other_member, parent=parent, body=body)
        notifications.notify_new_comment(comment_id=reply.pk)
    assert Notification.objects.filter(recipient=member).count() == 3
    deliveries = DBTaskResult.objects.filter(task_path=deliver_notifications.module_path)
    assert deliveries.count() == 1
    make_worker("delivery-test").run()
    assert len(mailoutbox) == 1
    assert all(body in mailoutbox[0].body for body in ("One", "Two", "Three"))


def test_a_delivery_already_running_does_not_count_as_waiting(
    member, other_member, article, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    parent = CommentFactory(thread=article.thread, author=member)
    notifications.notify_new_comment(
        comment_id=CommentFactory(thread=article.thread, author=other_member, parent=parent).pk
    )
    # It may have read the unsent rows already: the next notification needs its own.
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)
    notifications.notify_new_comment(
        comment_id=CommentFactory(thread=article.thread, author=other_member, parent=parent).pk
    )
    waiting = DBTaskResult.objects.filter(
        task_path=deliver_notifications.module_path, status=TaskResultStatus.READY
    )
    assert waiting.count() == 1


def test_inside_a_transaction_every_notification_queues_its_own_delivery(
    member, other_member, article, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    parent = CommentFactory(thread=article.thread, author=member)
    # A delivery starting now could not see rows this transaction has not committed yet.
    with transaction.atomic():
        for _ in range(2):
            reply = CommentFactory(thread=article.thread, author=other_member, parent=parent)
            notifications.notify_new_comment(comment_id=reply.pk)
    assert DBTaskResult.objects.filter(task_path=deliver_notifications.module_path).count() == 2


def test_the_fan_out_task_is_written_with_the_comment_and_rolled_back_with_it(
    parent, other_member, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        transitions.comment_create(author=other_member, thread=parent.thread, body="Gone.")
        assert DBTaskResult.objects.count() == 1  # in the comment's transaction, not after
        raise RuntimeError("the request failed after the write")
    assert not DBTaskResult.objects.exists()
    transitions.comment_create(author=other_member, thread=parent.thread, body="Kept.")
    assert DBTaskResult.objects.count() == 1
