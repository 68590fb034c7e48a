"""A small, explicit retry for background tasks: Django's tasks have none of their own.

A task takes an `attempt` argument (1 on the first run) and hands its work to
`retry_on_transient_error`. When the work meets a passing failure (the database restarting,
the mail server away) the task is enqueued again with `attempt + 1`, after a delay that
doubles each time; this run then ends normally, its return value saying what happened.
At attempt TASK_MAX_ATTEMPTS the error is raised instead: django-tasks-db stores the task
FAILED with its traceback (admin: "Task results"), and the metric
`forum_tasks_finished_total{status="FAILED"}` counts it.

The work must be safe to run twice: a retry may follow an attempt that got halfway.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, InternalError, OperationalError, connections
from django.utils import timezone

logger = logging.getLogger("forum.tasks")

# A lost database connection (a restart, a failover): OperationalError (AdminShutdown,
# connection refused, pool timeout) or InterfaceError (a query on a closed connection);
# behind PgBouncer also InternalError ("received 2 results from command 'BEGIN'": PgBouncer
# answered with an error, "server login has been failing", and closed the connection while
# the primary restarted). Another InternalError is retried too, up to TASK_MAX_ATTEMPTS.
CONNECTION_ERRORS = (OperationalError, InterfaceError, InternalError)
# smtplib.SMTPException and socket errors are OSErrors.
TRANSIENT_ERRORS = (*CONNECTION_ERRORS, OSError)

FIRST_RETRY_SECONDS = 30
MAX_RETRY_SECONDS = 60 * 60


def retry_delay(attempt):
    """Return how long to wait before the attempt after `attempt` (30 s, 1 min, 2 min ... 1 h)."""
    return timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** (attempt - 1), MAX_RETRY_SECONDS))


def retry_on_transient_error(task, work, *args, attempt):
    """Return `work(*args)`; on a passing error enqueue `task` again, or raise at the last try."""
    try:
        return work(*args)
    except TRANSIENT_ERRORS as error:
        if attempt >= settings.TASK_MAX_ATTEMPTS:
            logger.error(
                "Task %s%r failed at attempt %d of %d: %s",
                task.name,
                args,
                attempt,
                settings.TASK_MAX_ATTEMPTS,
                error,
            )
            raise
        _refresh_connections()
        delay = retry_delay(attempt)
        if task.get_backend().supports_defer:
            task = task.using(run_after=timezone.now() + delay)
        task.enqueue(*args, attempt=attempt + 1)
        logger.warning(
            "Task %s%r attempt %d of %d failed (%s: %s); retrying in %d s",
            task.name,
            args,
            attempt,
            settings.TASK_MAX_ATTEMPTS,
            type(error).__name__,
            error,
            delay.total_seconds(),
        )
        return {"retry": attempt + 1, "error": f"{type(error).__name__}: {error}"}


def _refresh_connections():
    # A lost connection stays broken until closed; the retry must be written on a new one.
    # Never inside a transaction (a request, or a test): closing would abandon it.
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
