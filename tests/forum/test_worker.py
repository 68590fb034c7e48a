"""The task worker: rides out a lost database connection, claims each task once, stops on SIGTERM.

The lost connection is simulated with patches that raise OperationalError/InterfaceError
(and InternalError, as behind PgBouncer); sleeps are recorded, never waited. The worker
closes its connections while recovering, so these tests run outside a wrapping transaction.
"""

import logging
import signal
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command, get_commands
from django.db import (
    InterfaceError,
    InternalError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.db.backends.utils import CursorWrapper
from django.tasks import TaskResultStatus, task
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from forum.platform.worker import MAX_BACKOFF_SECONDS, backoff_seconds

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = []


@task()
def record_run(label):
    """Note that the worker ran this task."""
    RUNS.append(label)
    return label


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    RUNS.clear()


@pytest.fixture
def sleeps():
    with mock.patch("time.sleep") as sleep:
        yield sleep


def lost_connection():
    return OperationalError("terminating connection due to administrator command")


def failing_then_real(method, errors):
    """Patch a method so its first calls raise the given errors, then it works again."""
    original = method
    remaining = list(errors)

    def side_effect(*args, **kwargs):
        if remaining:
            raise remaining.pop(0)
        return original(*args, **kwargs)

    return side_effect


def lose_once(method_name, errors):
    """Patch `DBTaskResult.<method_name>` so it raises `errors` first, then works again."""
    return mock.patch.object(
        DBTaskResult,
        method_name,
        autospec=True,
        side_effect=failing_then_real(getattr(DBTaskResult, method_name), errors),
    )


def test_manage_py_db_worker_is_ours_with_the_same_options():
    assert get_commands()["db_worker"] == "forum"
    record_run.enqueue("queued")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=1)
    assert RUNS == ["queued"]
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_backoff_doubles_and_is_capped():
    assert [backoff_seconds(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]
    assert backoff_seconds(100) == MAX_BACKOFF_SECONDS


def test_lost_connection_while_claiming_is_retried_with_backoff(sleeps, caplog, make_worker):
    record_run.enqueue("after the restart")
    errors = [
        lost_connection(),
        InterfaceError("connection already closed"),
        OperationalError("connection refused"),
        # Behind PgBouncer while the primary restarts (seen in the drill).
        InternalError("received 2 results from command 'BEGIN'"),
    ]
    patched = mock.patch.object(
        DBTaskResultQuerySet,
        "get_locked",
        autospec=True,
        side_effect=failing_then_real(DBTaskResultQuerySet.get_locked, errors),
    )
    with patched, caplog.at_level(logging.WARNING, logger="forum.platform.worker"):
        make_worker().run()
    assert RUNS == ["after the restart"]
    # Each loss restarts the backoff once the database has answered in between.
    assert [c.args[0] for c in sleeps.call_args_list] == [1, 1, 1, 1]
    retries = [r for r in caplog.records if "lost the database connection" in r.message]
    assert len(retries) == 4 and all(r.levelno == logging.WARNING for r in retries)


def test_backoff_grows_while_the_database_stays_away(sleeps, make_worker):
    record_run.enqueue("eventually")
    down = [OperationalError("the database system is starting up")] * 4

    def ping_fails(self, sql, *args, **kwargs):
        # Only the worker's "is it back?" query fails: on SQLite, opening a transaction
        # (BEGIN) takes a cursor too, and must not use up the failures.
        if sql == "SELECT 1" and down:
            raise down.pop()
        return original_execute(self, sql, *args, **kwargs)

    original_execute = CursorWrapper.execute
    lost_once = failing_then_real(
        DBTaskResultQuerySet.get_locked, [OperationalError("server closed the connection")]
    )
    with (
        mock.patch.object(DBTaskResultQuerySet, "get_locked", autospec=True, side_effect=lost_once),
        mock.patch.object(CursorWrapper, "execute", autospec=True, side_effect=ping_fails),
    ):
        make_worker().run()
    assert RUNS == ["eventually"]
    assert [c.args[0] for c in sleeps.call_args_list] == [1, 2, 4, 8, 16]


def test_task_whose_outcome_was_lost_runs_again(sleeps, make_worker):
    record_run.enqueue("interrupted")
    lost = lost_connection()
    with lose_once("set_successful", [lost]), lose_once("set_failed", [lost]):
        make_worker().run()
    assert RUNS == ["interrupted", "interrupted"]
    row = DBTaskResult.objects.get()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["worker-a", "worker-a"]


def test_task_interrupted_too_often_is_left_failed_for_operators(sleeps, settings, make_worker):
    settings.TASK_MAX_ATTEMPTS = 2
    result = record_run.enqueue("poison")
    DBTaskResult.objects.filter(id=result.id).update(worker_ids=["earlier-worker"])
    lost = lost_connection()
    with (
        mock.patch.object(DBTaskResult, "set_successful", autospec=True, side_effect=lost),
        lose_once("set_failed", [lost]),
    ):
        make_worker().run()
    row = DBTaskResult.objects.get()
    assert row.status == TaskResultStatus.FAILED
    assert "administrator command" in row.traceback
    assert RUNS == ["poison"]


def test_sigterm_while_waiting_for_the_database_stops_cleanly(sleeps, make_worker):
    worker = make_worker()
    sleeps.side_effect = lambda seconds: worker.shutdown(signal.SIGTERM, None)
    with (
        mock.patch.object(DBTaskResultQuerySet, "get_locked", side_effect=OperationalError("gone")),
        pytest.raises(SystemExit) as stopped,
    ):
        worker.run()
    assert stopped.value.code == 0
    assert sleeps.call_count == 1


@pytest.mark.requires_postgres("SELECT ... FOR UPDATE SKIP LOCKED")
def test_tasks_are_claimed_with_skip_locked():
    record_run.enqueue("one")
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        DBTaskResult.objects.ready().get_locked()
    assert any("FOR UPDATE SKIP LOCKED" in q["sql"] for q in queries.captured_queries)


@pytest.mark.requires_postgres("row locks held by another connection")
def test_two_workers_never_claim_the_same_task():
    first, second = record_run.enqueue("first"), record_run.enqueue("second")
    claimed = {}
    a_holds_lock, b_done = threading.Event(), threading.Event()

    def worker_a():
        try:
            with transaction.atomic():
                claimed["a"] = DBTaskResult.objects.ready().get_locked().id
                a_holds_lock.set()
                b_done.wait(timeout=30)
        finally:
            connections.close_all()

    def worker_b():
        try:
            a_holds_lock.wait(timeout=30)
            with transaction.atomic():
                row = DBTaskResult.objects.ready().get_locked()
                claimed["b"] = row.id if row else None
        finally:
            b_done.set()
            connections.close_all()

    threads = [threading.Thread(target=worker_a), threading.Thread(target=worker_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert {str(claimed["a"]), str(claimed["b"])} == {first.id, second.id}


@pytest.mark.django_db
def test_a_starting_worker_queues_again_the_tasks_a_dead_worker_left_running(settings, make_worker):
    from forum.discussion.tasks import deliver_notifications

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_ABANDONED_AFTER_SECONDS = 60
    old = deliver_notifications.enqueue(1, 1)
    recent = deliver_notifications.enqueue(2, 2)
    DBTaskResult.objects.filter(id=old.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(minutes=5)
    )
    DBTaskResult.objects.filter(id=recent.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now()
    )
    worker = make_worker("worker-b", requeue_abandoned=True)
    assert worker.requeue_abandoned_tasks() == 1
    assert DBTaskResult.objects.get(id=old.id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(id=recent.id).status == TaskResultStatus.RUNNING
