"""Metrics for allowed addresses only, forum counters, request ids and JSON log lines."""

import io
import json
import logging
import os
import sys
from datetime import timedelta
from unittest import mock

import pytest
from django.db.models.functions import Now
from django.urls import reverse
from prometheus_client import REGISTRY

from forum.comments import transitions
from forum.models import WorkerHeartbeat
from forum.moderation.tasks import send_rejection_email
from forum.platform.logs import JsonFormatter, RequestIdFilter
from tests.helpers import run_python

pytestmark = pytest.mark.django_db


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


class TestMetricsAccess:
    def test_local_scraper_gets_the_metrics(self, client):
        client.get("/healthz")
        response = client.get("/metrics")
        assert response.status_code == 200
        body = response.content.decode()
        assert 'forum_http_requests_total{method="GET",status="200",view="healthz"}' in body
        assert 'forum_http_request_duration_seconds_bucket{le="0.005",view="healthz"}' in body
        assert "forum_task_results" in body
        assert "forum_comments_created_total" in body

    def test_other_addresses_are_refused(self, client):
        assert client.get("/metrics", REMOTE_ADDR="203.0.113.5").status_code == 403

    def test_a_request_forwarded_by_an_untrusted_proxy_is_refused(self, client):
        # nginx on the same machine connects from 127.0.0.1 for every visitor.
        response = client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.5")
        assert response.status_code == 403

    def test_behind_a_trusted_proxy_the_forwarded_address_decides(self, client, settings):
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
        assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 403
        assert client.get("/metrics", HTTP_X_FORWARDED_FOR="::1").status_code == 200

    def test_networks_can_be_allowed(self, client, settings):
        settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
        assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
        assert client.get("/metrics").status_code == 403


class TestForumCounters:
    @pytest.fixture(autouse=True)
    def _rules(self, settings):
        settings.COMMENT_RATE_PER_MINUTE = 100

    def test_posted_and_held_comments_are_counted_once_committed(
        self, member, article, settings, django_capture_on_commit_callbacks
    ):
        posted = sample("forum_comments_created_total", status="published")
        held = sample("forum_comments_created_total", status="pending")
        with django_capture_on_commit_callbacks(execute=True):
            settings.PREMODERATE_FIRST_COMMENTS = 0
            transitions.comment_create(author=member, thread=article.thread, body="Posted")
            settings.PREMODERATE_FIRST_COMMENTS = 5
            transitions.comment_create(author=member, thread=article.thread, body="Held")
        assert sample("forum_comments_created_total", status="pending") == held + 1
        assert sample("forum_comments_created_total", status="published") == posted + 1

    def test_tasks_enqueued_and_failed_are_counted(self):
        name = send_rejection_email.name
        enqueued = sample("forum_tasks_enqueued_total", task=name)
        failed = sample("forum_tasks_finished_total", task=name, status="FAILED")
        with mock.patch(
            "forum.moderation.tasks._send_rejection_email", side_effect=RuntimeError("bug")
        ):
            send_rejection_email.enqueue(1)
        assert sample("forum_tasks_enqueued_total", task=name) == enqueued + 1
        assert sample("forum_tasks_finished_total", task=name, status="FAILED") == failed + 1


class TestOperationsGauges:
    def test_task_workers_alive_counts_recent_heartbeats(self, client, settings):
        settings.TASK_WORKER_LOST_AFTER_SECONDS = 5
        WorkerHeartbeat.objects.create(worker_id="alive", beat_at=Now())
        WorkerHeartbeat.objects.create(worker_id="gone", beat_at=Now() - timedelta(minutes=1))
        assert "\nforum_task_workers_alive 1.0\n" in client.get("/metrics").content.decode()

    def test_the_page_cache_counts_stores_and_hits(self, client, article):
        stored = sample("forum_page_cache_requests_total", result="stored")
        hits = sample("forum_page_cache_requests_total", result="hit")
        client.get(article.get_absolute_url())
        client.get(article.get_absolute_url())
        assert sample("forum_page_cache_requests_total", result="stored") == stored + 1
        assert sample("forum_page_cache_requests_total", result="hit") == hits + 1


class TestRequestIds:
    @pytest.fixture
    def request_lines(self):
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.addFilter(RequestIdFilter())
        handler.setFormatter(JsonFormatter())
        logger = logging.getLogger("forum.request")
        old_level = logger.level
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
        logger.removeHandler(handler)
        logger.setLevel(old_level)

    def test_a_plain_request_id_from_nginx_is_kept(self, client):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="0f3a9c-42")
        assert response["X-Request-ID"] == "0f3a9c-42"

    @pytest.mark.parametrize("sent", ["", "has space", "a" * 65, "<script>", "é"])
    def test_an_odd_request_id_is_replaced(self, client, sent):
        response = client.get("/healthz", HTTP_X_REQUEST_ID=sent)
        assert response["X-Request-ID"] != sent
        assert len(response["X-Request-ID"]) == 32

    def test_one_json_line_per_request_with_its_id_and_user(self, client_as, member, request_lines):
        client_as(member).get("/healthz", HTTP_X_REQUEST_ID="req-1")
        (line,) = request_lines()
        assert line["request_id"] == "req-1"
        assert line["method"] == "GET" and line["path"] == "/healthz"
        assert line["status"] == 200 and line["user_id"] == member.pk
        assert isinstance(line["duration_ms"], float)
        assert line["level"] == "INFO" and line["logger"] == "forum.request"

    def test_anonymous_request_logs_no_user(self, client, request_lines):
        client.get(reverse("healthz"))
        assert request_lines()[0]["user_id"] is None

    def test_every_line_written_during_the_request_carries_its_id(self, client, request_lines):
        logged = []

        class Capture(logging.Handler):
            def emit(self, record):
                logged.append(record)

        capture = Capture()
        capture.addFilter(RequestIdFilter())
        logging.getLogger("forum.platform.health").addHandler(capture)
        try:
            with mock.patch("forum.platform.health.cache.set", side_effect=ConnectionError("away")):
                client.get("/readyz", HTTP_X_REQUEST_ID="req-2")
        finally:
            logging.getLogger("forum.platform.health").removeHandler(capture)
        assert logged and all(record.request_id == "req-2" for record in logged)

    def test_lines_outside_a_request_have_no_id(self):
        record = logging.makeLogRecord({"msg": "worker %s", "args": ("up",), "name": "x"})
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
        assert line["message"] == "worker up" and line["request_id"] is None


def test_log_format_json_writes_json_lines():
    env = {
        **os.environ,
        "LOG_FORMAT": "json",
        "DJANGO_SETTINGS_MODULE": "forum.settings_test",
    }
    code = "import django, logging; django.setup(); logging.getLogger('forum').warning('hi %s', 1)"
    result = run_python(code, env)
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hi 1" and line["level"] == "WARNING"


def test_a_django_line_is_written_once_with_debug_on():
    # As `make run` starts it: DEBUG on, where Django's default handler prints too.
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "forum.settings_test"}
    code = (
        "import django, logging; django.setup(); from django.conf import settings; "
        "assert settings.DEBUG; logging.getLogger('django.request').warning('Not Found: /x/')"
    )
    assert run_python(code, env).stderr.count("Not Found: /x/") == 1


def test_json_formatter_keeps_extra_fields_and_exceptions():
    try:
        raise ValueError("bad")
    except ValueError:
        record = logging.getLogger("t").makeRecord(
            "t", logging.ERROR, __file__, 1, "failed", (), sys.exc_info(), extra={"task": "x"}
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["task"] == "x" and "ValueError: bad" in line["exception"]
