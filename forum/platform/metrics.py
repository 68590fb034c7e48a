"""Prometheus metrics of the forum, and the /metrics page for allowed addresses only.

Requests are counted and timed by view (`RequestMetricsMiddleware`, first in the stack),
and this module adds what only the forum knows:

- forum_comments_created_total{status}: comments stored, by the status they got
  ("published" = posted, "pending" = held for moderation, "rejected" = refused by a word);
- forum_tasks_enqueued_total{task} and forum_tasks_finished_total{task,status}: counted in
  the process that enqueues or runs the task (the worker's own counts need the shared
  multiprocess directory, see docs/operations.md);
- forum_task_results{status}: rows in django-tasks-db's table by status, read at each
  scrape, so the queue depth and the FAILED tasks show whichever process serves /metrics;
- forum_task_workers_alive: task workers whose heartbeat is recent, read at each scrape
  (alert when it is below the number you run);
- forum_page_cache_requests_total{result}: anonymous requests for a cached page: "hit"
  (answered from the shared cache), "stored" (rendered and stored), "uncacheable"
  (rendered, not storable: it set a cookie or needed a CSRF token). Defined in
  forum/platform/pagecache.py, which is imported before the models are ready.
"""

import ipaddress
import logging
import os
import time
from datetime import timedelta

import prometheus_client
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.db.models import Count, Q
from django.db.models.functions import Now
from django.db.models.signals import post_save
from django.http import HttpResponse
from django.tasks.signals import task_enqueued, task_finished
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult
from prometheus_client import multiprocess
from prometheus_client.core import GaugeMetricFamily

from forum.models import Comment, WorkerHeartbeat
from forum.platform.client_address import client_address, forwarded_by_untrusted_proxy

logger = logging.getLogger(__name__)

requests_total = prometheus_client.Counter(
    "forum_http_requests_total",
    "HTTP responses by view, method and status code",
    ["view", "method", "status"],
)
request_seconds = prometheus_client.Histogram(
    "forum_http_request_duration_seconds",
    "Time from the first middleware to the response, by view",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
comments_created = prometheus_client.Counter(
    "forum_comments_created_total",
    "Comments stored, by status: published (posted), pending (held), rejected (refused)",
    ["status"],
)
tasks_enqueued = prometheus_client.Counter(
    "forum_tasks_enqueued_total", "Background tasks enqueued by this process", ["task"]
)
tasks_finished = prometheus_client.Counter(
    "forum_tasks_finished_total",
    "Background tasks run by this process, by outcome (SUCCESSFUL or FAILED)",
    ["task", "status"],
)


class RequestMetricsMiddleware:
    """Count and time every request by the name of the view that answered it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        began = started()
        response = self.get_response(request)
        count(request, response, getattr(request, "resolver_match", None), began)
        return response


def started():
    """Return the moment a request starts, for `count`."""
    return time.perf_counter()


def count(request, response, match, began):
    """Count and time one request by the name of the view that answered it."""
    view = (match.view_name if match else "") or "unresolved"
    request_seconds.labels(view).observe(time.perf_counter() - began)
    requests_total.labels(view, request.method, str(response.status_code)).inc()


class TaskResultsCollector:
    """Report django-tasks-db's rows by status, read from the database at each scrape."""

    def describe(self):
        # Registering asks for the metric names: answer without touching the database.
        yield self._family()

    def collect(self):
        family = self._family()
        try:
            counts = dict(
                DBTaskResult.objects.values_list("status").annotate(n=Count("pk")).order_by()
            )
        except DatabaseError:
            logger.warning("Could not count task results for /metrics", exc_info=True)
            return
        for status in ("READY", "RUNNING", "SUCCESSFUL", "FAILED"):
            family.add_metric([status], counts.get(status, 0))
        yield family

    def _family(self):
        return GaugeMetricFamily(
            "forum_task_results",
            "Background task rows in the database by status (READY = waiting, FAILED = given up)",
            labels=["status"],
        )


class TaskWorkersCollector:
    """Report how many task workers beat within TASK_WORKER_LOST_AFTER_SECONDS."""

    def describe(self):
        yield self._family()

    def collect(self):
        family = self._family()
        recent = Q(beat_at__gte=Now() - timedelta(seconds=settings.TASK_WORKER_LOST_AFTER_SECONDS))
        try:
            alive = WorkerHeartbeat.objects.filter(recent).count()
        except DatabaseError:
            logger.warning("Could not count task workers for /metrics", exc_info=True)
            return
        family.add_metric([], alive)
        yield family

    def _family(self):
        return GaugeMetricFamily(
            "forum_task_workers_alive", "Task workers whose heartbeat is recent"
        )


prometheus_client.REGISTRY.register(TaskResultsCollector())
prometheus_client.REGISTRY.register(TaskWorkersCollector())


def _count_comment(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        status = instance.status
        # Counted once the comment is committed: a rolled-back post was never posted.
        transaction.on_commit(lambda: comments_created.labels(status).inc(), robust=True)


def _count_enqueued(sender, task_result, **kwargs):
    tasks_enqueued.labels(task_result.task.name).inc()


def _count_finished(sender, task_result, **kwargs):
    tasks_finished.labels(task_result.task.name, task_result.status).inc()


def connect():
    """Count comments and tasks through Django's signals."""
    post_save.connect(
        _count_comment, sender=Comment, dispatch_uid="forum.platform.metrics.comments"
    )
    task_enqueued.connect(_count_enqueued, dispatch_uid="forum.platform.metrics.tasks_enqueued")
    task_finished.connect(_count_finished, dispatch_uid="forum.platform.metrics.tasks_finished")


def is_allowed(ip):
    """Return whether an address is in METRICS_ALLOWED_IPS (addresses or networks)."""
    if not ip:
        return False
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(allowed, strict=False)
        for allowed in settings.METRICS_ALLOWED_IPS
    )


@never_cache
def metrics(request):
    """Serve the Prometheus metrics to allowed addresses; answer 403 to everyone else."""
    # Forwarded by a proxy we were not told of, the peer (often 127.0.0.1) proves nothing.
    if forwarded_by_untrusted_proxy(request) or not is_allowed(client_address(request)):
        raise PermissionDenied
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        # Several gunicorn workers (and the task worker): sum their files.
        registry = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(TaskResultsCollector())
        registry.register(TaskWorkersCollector())
    else:
        registry = prometheus_client.REGISTRY
    return HttpResponse(
        prometheus_client.generate_latest(registry),
        content_type=prometheus_client.CONTENT_TYPE_LATEST,
    )
