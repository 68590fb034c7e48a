"""Worker heartbeats: a task a dead worker left RUNNING is queued again within seconds.

Each task worker writes its row of WorkerHeartbeat every TASK_HEARTBEAT_SECONDS from a
thread of its own, with the database's clock. A RUNNING task belongs to the last id in its
`worker_ids` (the worker that claimed it), and is queued again when:

- that worker has not beaten for TASK_WORKER_LOST_AFTER_SECONDS (killed, machine lost);
- that worker's id is the one starting now: worker ids are unique, so the process that had
  it before (restarted by systemd or the stack's supervisor) is dead;
- that worker has no heartbeat row at all (a worker of an older release) and the task
  started more than TASK_ABANDONED_AFTER_SECONDS ago.

A task whose worker still beats is never queued again. After a database restart every
beat is old at once: a worker therefore looks for lost workers only once its own beats
have succeeded without a break for TASK_WORKER_LOST_AFTER_SECONDS, time in which every
live worker (which retries its beat every TASK_HEARTBEAT_SECONDS, without backoff) has
beaten again. Each requeue is a conditional UPDATE on the row's status and `started_at`,
so a task claimed again in between is left alone. A task abandoned TASK_MAX_ATTEMPTS
times (one that kills its worker) is stored FAILED for operators instead.

Running a task twice stays possible in rare cases (a worker frozen longer than the limit),
so tasks must be safe to run twice: the e-mails are, through their sent marks.
"""

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import connections
from django.db.models.functions import Now
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from forum.models import WorkerHeartbeat

logger = logging.getLogger("forum.platform.worker")

FULL_CHECK_SECONDS = 60.0


def beat(worker_id):
    """Record that this worker is alive now (database time)."""
    if not WorkerHeartbeat.objects.filter(worker_id=worker_id).update(beat_at=Now()):
        WorkerHeartbeat.objects.get_or_create(worker_id=worker_id, defaults={"beat_at": Now()})


def lost_workers(exclude):
    """Return the ids of the workers that have not beaten for TASK_WORKER_LOST_AFTER_SECONDS."""
    limit = Now() - timedelta(seconds=settings.TASK_WORKER_LOST_AFTER_SECONDS)
    return set(
        WorkerHeartbeat.objects.filter(beat_at__lt=limit)
        .exclude(worker_id=exclude)
        .values_list("worker_id", flat=True)
    )


def requeue_abandoned_tasks(*, worker_id, starting=False, look_for_lost=True, full=False):
    """Queue again the RUNNING tasks whose worker is gone; return how many.

    `starting`: this worker has just started, so a task claimed under its own id is
    abandoned. `look_for_lost`: also the tasks of workers whose heartbeat stopped. `full`:
    also the tasks of workers without a heartbeat row, after the fixed age.
    """
    lost = lost_workers(exclude=worker_id) if look_for_lost else set()
    if not (lost or starting or full):
        return 0  # the usual case: one small query on the heartbeat table
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list(
            "id", "worker_ids", "started_at", "task_path"
        )
    )
    owners = {ids[-1] for _, ids, _, _ in running if ids}
    known = set(
        WorkerHeartbeat.objects.filter(worker_id__in=owners).values_list("worker_id", flat=True)
    )
    too_old = timezone.now() - timedelta(seconds=settings.TASK_ABANDONED_AFTER_SECONDS)
    count = 0
    for task_id, ids, started_at, task_path in running:
        owner = ids[-1] if ids else None
        if owner in lost:
            why = f"its worker {owner} stopped beating"
        elif starting and owner == worker_id:
            why = f"its worker {owner} was restarted"
        elif owner not in known and owner != worker_id and started_at and started_at < too_old:
            why = f"it started over {settings.TASK_ABANDONED_AFTER_SECONDS} s ago"
        else:
            continue
        count += _release(task_id, ids, started_at, task_path, why)
    if count:
        logger.warning("Worker %s queued again %d abandoned task(s)", worker_id, count)
    if lost:
        # Their tasks are queued again; a worker that was only frozen beats and comes back.
        limit = Now() - timedelta(seconds=settings.TASK_WORKER_LOST_AFTER_SECONDS)
        WorkerHeartbeat.objects.filter(worker_id__in=lost, beat_at__lt=limit).delete()
    return count


def _release(task_id, worker_ids, started_at, task_path, why):
    # Only if nobody claimed it again meanwhile: claiming sets a new started_at.
    row = DBTaskResult.objects.filter(
        id=task_id, status=TaskResultStatus.RUNNING, started_at=started_at
    )
    if len(worker_ids) >= settings.TASK_MAX_ATTEMPTS:
        updated = row.update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path="forum.platform.heartbeats.WorkerLost",
            traceback=f"Abandoned by its worker {len(worker_ids)} times; the last time {why}.",
            return_value=None,
        )
        if updated:
            logger.error("Task id=%s path=%s failed: %s, again", task_id, task_path, why)
        return 0
    updated = row.update(status=TaskResultStatus.READY)
    if updated:
        logger.warning("Task id=%s path=%s queued again: %s", task_id, task_path, why)
    return updated


class Heartbeat(threading.Thread):
    """A worker's heartbeat thread: beats, and queues again the tasks of lost workers."""

    def __init__(self, worker_id):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()
        self.healthy_since = None  # monotonic time of the first beat of the unbroken run
        self.fully_checked_at = time.monotonic()  # the worker checked everything on start

    def run(self):
        try:
            while not self.stopped.is_set():
                self.tick()
                self.stopped.wait(settings.TASK_HEARTBEAT_SECONDS)
        finally:
            connections.close_all()  # this thread's own connections

    def stop(self):
        self.stopped.set()
        self.join(timeout=settings.TASK_HEARTBEAT_SECONDS + 5)

    def tick(self):
        """Beat once, then look for lost workers if this one has been healthy long enough."""
        try:
            beat(self.worker_id)
            now = time.monotonic()
            if self.healthy_since is None:
                self.healthy_since = now
            if now - self.healthy_since >= settings.TASK_WORKER_LOST_AFTER_SECONDS:
                full = now - self.fully_checked_at >= FULL_CHECK_SECONDS
                requeue_abandoned_tasks(worker_id=self.worker_id, full=full)
                if full:
                    self.fully_checked_at = now
        except Exception as error:  # noqa: BLE001 (the thread must outlive any failure)
            self.healthy_since = None
            logger.warning(
                "Worker %s could not beat (%s: %s)",
                self.worker_id,
                type(error).__name__,
                str(error).strip() or "no message",
            )
            # A lost connection stays broken until closed; the next beat opens a new one.
            # (Never inside a transaction: only a test runs a tick inside one.)
            for connection in connections.all(initialized_only=True):
                if connection.in_atomic_block:
                    continue
                try:
                    connection.close()
                except Exception:  # noqa: BLE001, S110 (already broken: closing was all we wanted)
                    pass
