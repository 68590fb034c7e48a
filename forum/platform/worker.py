"""A task worker that rides out a database restart instead of exiting.

django-tasks-db's worker (0.13) lets any database error other than "database is locked"
escape its loop, so `manage.py db_worker` exits when PostgreSQL restarts and no e-mail goes
out until someone notices. This worker runs the same loop, and when the connection is lost
it closes its connections, waits with capped exponential backoff (a WARNING for each retry)
and carries on. SIGINT/SIGTERM still stop it as before: the library's handlers exit at once
when no task is running, including while this worker waits for the database.

Claiming stays the library's: `SELECT ... FOR UPDATE SKIP LOCKED` on the ready row, then
status RUNNING in the same transaction, so two workers never run the same task. A task
whose outcome could not be recorded because the connection dropped is put back in the
queue once the database answers again, until it has been claimed TASK_MAX_ATTEMPTS times;
then it is stored FAILED with the connection error, for operators to see. A task left
RUNNING by a worker that died is queued again by the heartbeats (forum/platform/heartbeats.py).
"""

import logging
import time

from django.conf import settings
from django.db import connections
from django.tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from forum.platform import heartbeats, retry

logger = logging.getLogger("forum.platform.worker")

# What a restarted PostgreSQL surfaces as, with or without PgBouncer (forum/platform/retry.py).
# Waiting after another InternalError costs a warning and a wait, never a task.
CONNECTION_ERRORS = retry.CONNECTION_ERRORS

FIRST_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0


def backoff_seconds(failures):
    """Return how long to wait after the given number of consecutive failures (1, 2, 4 ... 30)."""
    return min(FIRST_BACKOFF_SECONDS * 2 ** (failures - 1), MAX_BACKOFF_SECONDS)


def close_connections():
    """Close every database connection of this process so the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except CONNECTION_ERRORS:
            pass  # already broken: closing it is all we wanted


class ResilientWorker(Worker):
    """django-tasks-db's worker, made to survive a lost database connection, with a heartbeat."""

    def __init__(self, *, heartbeat=True, **kwargs):
        super().__init__(**kwargs)
        self.interrupted_task_id = None
        self.heartbeat = heartbeats.Heartbeat(self.worker_id) if heartbeat else None
        self.started = False

    def run(self):
        try:
            while self.running:
                try:
                    self.start_up()
                    super().run()
                    return
                except CONNECTION_ERRORS as error:
                    self.wait_for_database(error)
        finally:
            if self.heartbeat is not None and self.heartbeat.is_alive():
                self.heartbeat.stop()

    def start_up(self):
        """Beat, take back the tasks this worker id's previous process left, start beating."""
        if self.started:
            return
        if self.heartbeat is not None:
            heartbeats.beat(self.worker_id)  # before claiming anything
        self.requeue_abandoned_tasks()
        if self.heartbeat is not None:
            self.heartbeat.start()
        self.started = True

    def requeue_abandoned_tasks(self):
        """Queue again the tasks this worker id's previous process left RUNNING; return how many."""
        return heartbeats.requeue_abandoned_tasks(
            worker_id=self.worker_id, starting=True, look_for_lost=False
        )

    def run_task(self, db_task_result):
        # The library records the outcome inside run_task; if that write hits a lost
        # connection the error escapes with the row still RUNNING: remember which row.
        self.interrupted_task_id = db_task_result.id
        super().run_task(db_task_result)
        self.interrupted_task_id = None

    def wait_for_database(self, error):
        """Close connections and retry with backoff until the database answers again."""
        failures = 0
        while self.running:
            failures += 1
            delay = backoff_seconds(failures)
            logger.warning(
                "Worker %s lost the database connection (%s: %s); retry %d in %.0f s",
                self.worker_id,
                type(error).__name__,
                str(error).strip() or "no message",
                failures,
                delay,
            )
            close_connections()
            time.sleep(delay)
            try:
                self.release_interrupted_task(error)
                with connections["default"].cursor() as cursor:
                    cursor.execute("SELECT 1")
            except CONNECTION_ERRORS as next_error:
                error = next_error
                continue
            logger.warning("Worker %s reconnected to the database", self.worker_id)
            return

    def release_interrupted_task(self, error):
        """Queue again the task whose outcome was lost with the connection, or fail it for good."""
        if self.interrupted_task_id is None:
            return
        row = DBTaskResult.objects.filter(
            id=self.interrupted_task_id, status=TaskResultStatus.RUNNING
        ).first()
        if row is not None:
            if len(row.worker_ids) >= settings.TASK_MAX_ATTEMPTS:
                row.set_failed(error)
                logger.error(
                    "Task id=%s path=%s failed: the database connection was lost %d times "
                    "while it ran",
                    row.id,
                    row.task_path,
                    len(row.worker_ids),
                )
            else:
                row.status = TaskResultStatus.READY
                row.save(update_fields=["status"])
                logger.warning(
                    "Task id=%s path=%s queued again: its outcome was lost with the connection",
                    row.id,
                    row.task_path,
                )
        self.interrupted_task_id = None
