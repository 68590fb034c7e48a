"""Bounded retries of background tasks, and e-mail tasks that never send twice."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import InternalError, OperationalError, connections
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from forum.discussion.tasks import deliver_notifications
from forum.markdown import render_markdown
from forum.models import Comment
from forum.moderation.tasks import send_rejection_email
from forum.platform.retry import retry_delay
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rejected(article):
    author = UserFactory(username="writer")
    return Comment.objects.create(
        thread=article.thread,
        author=author,
        body="Buy now.",
        body_html=render_markdown("Buy now."),
        status=Comment.Status.REJECTED,
        rejection_reason="spam",
        moderated_at=timezone.now(),
    )


@pytest.fixture
def outcomes():
    """Collect the status of every task run, in order."""
    seen = []

    def record(sender, task_result, **kwargs):
        seen.append(task_result.status)

    task_finished.connect(record)
    yield seen
    task_finished.disconnect(record)


def smtp_fails(times):
    """Make the mail backend fail `times` times, then deliver."""
    remaining = [smtplib.SMTPServerDisconnected("Connection unexpectedly closed")] * times
    original = EmailBackend.send_messages

    def send_messages(self, messages):
        if remaining:
            raise remaining.pop()
        return original(self, messages)

    return mock.patch.object(
        EmailBackend, "send_messages", autospec=True, side_effect=send_messages
    )


def test_retry_delay_doubles_up_to_an_hour():
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert retry_delay(20) == timedelta(hours=1)


def test_rejection_email_is_sent_once_even_when_the_task_runs_twice(rejected, mailoutbox):
    assert send_rejection_email.call(rejected.pk) == 1
    assert send_rejection_email.call(rejected.pk) == 0
    assert len(mailoutbox) == 1
    rejected.refresh_from_db()
    assert rejected.rejection_emailed_at is not None


def test_a_second_rejection_after_a_restore_is_told_again(rejected, mailoutbox):
    send_rejection_email.call(rejected.pk)
    Comment.objects.filter(pk=rejected.pk).update(
        moderated_at=timezone.now() + timedelta(seconds=1)
    )
    send_rejection_email.call(rejected.pk)
    assert len(mailoutbox) == 2


def commit_fails_once():
    """Make the next COMMIT of the default connection fail as a restarting database does."""
    connection = connections["default"]
    real_commit = connection.commit
    failures = [OperationalError("server closed the connection unexpectedly")]

    def commit():
        if failures:
            raise failures.pop()
        return real_commit()

    return mock.patch.object(connection, "commit", side_effect=commit)


@pytest.mark.django_db(transaction=True)
def test_a_lost_commit_never_sends_the_rejection_email_twice(rejected, mailoutbox, outcomes):
    with commit_fails_once():
        send_rejection_email.enqueue(rejected.pk)
    # The first run's mark was rolled back with its commit before anything was sent; the
    # retry marked, committed, then sent.
    assert len(mailoutbox) == 1
    assert outcomes == [TaskResultStatus.SUCCESSFUL] * 2
    rejected.refresh_from_db()
    assert rejected.rejection_emailed_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_rejection_is_marked_and_committed_before_the_email_is_sent(rejected):
    seen = {}
    original = EmailBackend.send_messages

    def send_messages(self, messages):
        seen["in_transaction"] = connections["default"].in_atomic_block
        seen["marked"] = Comment.objects.get(pk=rejected.pk).rejection_emailed_at
        return original(self, messages)

    with mock.patch.object(EmailBackend, "send_messages", autospec=True, side_effect=send_messages):
        assert send_rejection_email.call(rejected.pk) == 1
    assert seen["in_transaction"] is False
    assert seen["marked"] is not None


def test_a_failed_send_gives_the_rejection_mark_back_for_the_retry(rejected, mailoutbox, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    told_earlier = timezone.now() - timedelta(days=1)
    Comment.objects.filter(pk=rejected.pk).update(rejection_emailed_at=told_earlier)
    with smtp_fails(1):
        send_rejection_email.call(rejected.pk)
    assert mailoutbox == []
    rejected.refresh_from_db()
    assert rejected.rejection_emailed_at == told_earlier  # the earlier rejection's mark
    assert send_rejection_email.call(rejected.pk, attempt=2) == 1
    assert send_rejection_email.call(rejected.pk, attempt=3) == 0
    assert len(mailoutbox) == 1


def test_smtp_failure_is_retried_then_sent_once(rejected, mailoutbox, outcomes):
    with smtp_fails(2):
        send_rejection_email.enqueue(rejected.pk)
    assert len(mailoutbox) == 1
    # Immediate backend: the retries run at once; two retried runs, then the one that sent.
    assert outcomes == [TaskResultStatus.SUCCESSFUL] * 3


def test_retries_are_bounded_and_the_last_failure_stays_failed(
    rejected, mailoutbox, outcomes, settings
):
    settings.TASK_MAX_ATTEMPTS = 3
    with smtp_fails(10) as send:
        send_rejection_email.enqueue(rejected.pk)
    assert send.call_count == 3
    assert mailoutbox == []
    assert outcomes.count(TaskResultStatus.FAILED) == 1
    rejected.refresh_from_db()
    assert rejected.rejection_emailed_at is None


def test_database_backend_defers_the_retry_and_keeps_the_failure(rejected, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with smtp_fails(1):
        send_rejection_email.call(rejected.pk)
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs == {"args": [rejected.pk], "kwargs": {"attempt": 2}}
    assert retry.status == TaskResultStatus.READY
    assert retry.run_after > timezone.now() + timedelta(seconds=20)


@pytest.mark.parametrize(
    "lost",
    [
        OperationalError("terminating connection due to administrator command"),
        # Behind PgBouncer while the primary restarts (seen in the drill).
        InternalError("received 2 results from command 'BEGIN'"),
    ],
)
def test_lost_database_in_a_task_is_retried(member, article, outcomes, lost):
    with mock.patch(
        "forum.discussion.delivery.deliver",
        side_effect=[lost, 1],
    ) as deliver:
        deliver_notifications.enqueue(member.pk, article.thread_id)
    assert deliver.call_count == 2
    assert outcomes == [TaskResultStatus.SUCCESSFUL, TaskResultStatus.SUCCESSFUL]
