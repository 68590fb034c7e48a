"""Heartbeats: a task a dead worker left RUNNING is queued again promptly, never one still run.

Worker deaths are simulated by ageing heartbeat rows (database time) and writing RUNNING
rows as the library's claim does; monotonic time is patched, never waited for. A worker's
loop closes its connections, so the tests that run one run outside a wrapping transaction.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.models.functions import Now
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from forum.markdown import render_markdown
from forum.models import Comment, WorkerHeartbeat
from forum.moderation.tasks import send_rejection_email
from forum.platform import heartbeats
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RUNS = []


@task()
def note_run(label):
    """Note that a worker ran this task."""
    RUNS.append(label)
    return label


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_HEARTBEAT_SECONDS = 1
    settings.TASK_WORKER_LOST_AFTER_SECONDS = 5
    settings.TASK_ABANDONED_AFTER_SECONDS = 300
    RUNS.clear()


def beaten(worker_id, seconds_ago):
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id, defaults={"beat_at": Now() - timedelta(seconds=seconds_ago)}
    )


def running(label, *, by, started_ago=1, task_=note_run, args=None):
    """Enqueue a task and mark it RUNNING as the library's claim does; return its row id."""
    result = task_.enqueue(*(args or [label]))
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(seconds=started_ago),
        worker_ids=[by] if isinstance(by, str) else by,
    )
    return result.id


def status(task_id):
    return DBTaskResult.objects.get(id=task_id).status


def test_a_beat_creates_then_refreshes_the_row_with_database_time():
    heartbeats.beat("worker-a")
    first = WorkerHeartbeat.objects.get().beat_at
    WorkerHeartbeat.objects.update(beat_at=Now() - timedelta(minutes=1))
    heartbeats.beat("worker-a")
    assert WorkerHeartbeat.objects.get().beat_at >= first - timedelta(seconds=1)
    assert WorkerHeartbeat.objects.count() == 1


def test_the_task_of_a_worker_that_stopped_beating_is_queued_again():
    beaten("dead", seconds_ago=6)
    beaten("live", seconds_ago=0)
    task_id = running("abandoned", by="dead")
    assert heartbeats.requeue_abandoned_tasks(worker_id="live") == 1
    assert status(task_id) == TaskResultStatus.READY
    assert not WorkerHeartbeat.objects.filter(worker_id="dead").exists()


def test_the_task_of_a_worker_that_still_beats_is_never_queued_again():
    beaten("busy", seconds_ago=2)  # late, but within TASK_WORKER_LOST_AFTER_SECONDS
    beaten("live", seconds_ago=0)
    # Started long ago: a slow task of a live worker stays its worker's, whatever its age.
    task_id = running("slow", by="busy", started_ago=3600)
    assert heartbeats.requeue_abandoned_tasks(worker_id="live", full=True) == 0
    assert status(task_id) == TaskResultStatus.RUNNING


def test_a_worker_never_queues_its_own_running_task_again():
    beaten("live", seconds_ago=0)
    task_id = running("mine", by="live", started_ago=3600)
    assert heartbeats.requeue_abandoned_tasks(worker_id="live", full=True) == 0
    assert status(task_id) == TaskResultStatus.RUNNING


def test_only_the_last_claimer_counts():
    beaten("dead", seconds_ago=60)
    beaten("busy", seconds_ago=0)
    task_id = running("claimed again", by=["dead", "busy"])
    assert heartbeats.requeue_abandoned_tasks(worker_id="other") == 0
    assert status(task_id) == TaskResultStatus.RUNNING


@pytest.mark.django_db(transaction=True)
def test_a_restarted_worker_takes_back_what_its_previous_process_left(make_worker):
    beaten("worker1", seconds_ago=0)  # the previous process beat a moment ago, then was killed
    beaten("worker2", seconds_ago=0)
    left = running("left by worker1", by="worker1")
    other = running("worker2's", by="worker2")
    worker = make_worker("worker1", requeue_abandoned=True)
    assert worker.requeue_abandoned_tasks() == 1
    assert status(left) == TaskResultStatus.READY
    assert status(other) == TaskResultStatus.RUNNING
    worker.run()
    assert RUNS == ["left by worker1"]


def test_a_task_claimed_again_meanwhile_is_left_alone():
    task_id = running("reclaimed", by="dead")
    row = DBTaskResult.objects.get(id=task_id)
    stale_started_at = row.started_at - timedelta(seconds=1)
    assert heartbeats._release(task_id, ["dead"], stale_started_at, row.task_path, "test") == 0
    assert status(task_id) == TaskResultStatus.RUNNING


def test_a_task_that_keeps_losing_its_worker_is_left_failed(settings):
    settings.TASK_MAX_ATTEMPTS = 2
    beaten("dead", seconds_ago=60)
    task_id = running("poison", by=["dead-before", "dead"])
    assert heartbeats.requeue_abandoned_tasks(worker_id="live") == 0
    row = DBTaskResult.objects.get(id=task_id)
    assert row.status == TaskResultStatus.FAILED
    assert "Abandoned by its worker 2 times" in row.traceback


def test_without_a_heartbeat_row_the_fixed_age_applies():
    old = running("old release, long ago", by="old-worker", started_ago=301)
    recent = running("old release, recent", by="old-worker", started_ago=10)
    assert heartbeats.requeue_abandoned_tasks(worker_id="live", full=True) == 1
    assert status(old) == TaskResultStatus.READY
    assert status(recent) == TaskResultStatus.RUNNING


def test_with_every_worker_beating_a_check_reads_only_the_heartbeats(
    django_assert_num_queries,
):
    beaten("a", seconds_ago=0)
    beaten("b", seconds_ago=1)
    with django_assert_num_queries(1):
        assert heartbeats.requeue_abandoned_tasks(worker_id="a") == 0


class TestHeartbeatThread:
    def test_looks_for_lost_workers_only_after_beating_unbroken_for_the_limit(self):
        beaten("dead", seconds_ago=60)
        task_id = running("abandoned", by="dead")
        heartbeat = heartbeats.Heartbeat("live")
        with mock.patch("time.monotonic", return_value=1000.0):
            heartbeat.tick()  # first beat after a database restart: every beat may be old
        assert status(task_id) == TaskResultStatus.RUNNING
        with mock.patch("time.monotonic", return_value=1004.0):
            heartbeat.tick()
        assert status(task_id) == TaskResultStatus.RUNNING
        with mock.patch("time.monotonic", return_value=1005.0):
            heartbeat.tick()
        assert status(task_id) == TaskResultStatus.READY

    def test_a_failed_beat_starts_the_unbroken_run_again(self):
        beaten("dead", seconds_ago=60)
        task_id = running("abandoned", by="dead")
        heartbeat = heartbeats.Heartbeat("live")
        with mock.patch("time.monotonic", return_value=1000.0):
            heartbeat.tick()
        lost = OperationalError("terminating connection due to administrator command")
        with (
            mock.patch("time.monotonic", return_value=1003.0),
            mock.patch.object(heartbeats, "beat", side_effect=lost),
        ):
            heartbeat.tick()  # logged, never raised: the thread outlives the outage
        assert heartbeat.healthy_since is None
        with mock.patch("time.monotonic", return_value=1006.0):
            heartbeat.tick()
        assert status(task_id) == TaskResultStatus.RUNNING
        with mock.patch("time.monotonic", return_value=1011.0):
            heartbeat.tick()
        assert status(task_id) == TaskResultStatus.READY


@pytest.mark.django_db(transaction=True)
def test_a_worker_beats_from_its_own_thread_and_stops_it_on_exit(make_worker):
    note_run.enqueue("queued")
    worker = make_worker("worker-b", heartbeat=True)
    worker.run()
    assert RUNS == ["queued"]
    assert WorkerHeartbeat.objects.filter(worker_id="worker-b").exists()
    assert not worker.heartbeat.is_alive()


@pytest.mark.django_db(transaction=True)
def test_a_requeued_email_task_never_sends_twice(article, mailoutbox, make_worker):
    author = UserFactory(username="writer")
    rejected = Comment.objects.create(
        thread=article.thread,
        author=author,
        body="Buy now.",
        body_html=render_markdown("Buy now."),
        status=Comment.Status.REJECTED,
        rejection_reason="spam",
        moderated_at=timezone.now(),
    )
    # The dead worker sent the e-mail, then was killed before recording the task's outcome.
    assert send_rejection_email.call(rejected.pk) == 1
    beaten("dead", seconds_ago=60)
    task_id = running("", by="dead", task_=send_rejection_email, args=[rejected.pk])
    assert heartbeats.requeue_abandoned_tasks(worker_id="live") == 1
    make_worker("live").run()
    row = DBTaskResult.objects.get(id=task_id)
    assert row.status == TaskResultStatus.SUCCESSFUL and row.return_value == 0
    assert len(mailoutbox) == 1
