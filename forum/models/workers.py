"""Signs of life of the task workers (manage.py db_worker)."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time a task worker said it was alive; its RUNNING tasks depend on it."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    # Written with the database's clock (Now()), so the machines' clocks never matter.
    beat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.worker_id} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
