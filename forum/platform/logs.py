"""Request ids and JSON log lines: one line per request, and every line names its request.

nginx passes its `$request_id` as `X-Request-ID`; the middleware keeps it (or makes one),
returns it on the response and puts it on every log line written while the request runs.
With LOG_FORMAT=json each line is one JSON object (JsonFormatter), and the middleware logs
one line per request on the "forum.request" logger: method, path, status, duration, user.
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")

request_id_var = ContextVar("request_id", default=None)

request_logger = logging.getLogger("forum.request")

# What every LogRecord carries; anything else on a record came from `extra=` and is logged.
_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


def request_id_from(request):
    """Return the request's X-Request-ID when it is short and plain, else a new random id."""
    candidate = request.headers.get(REQUEST_ID_HEADER, "")
    if _VALID_REQUEST_ID.fullmatch(candidate):
        return candidate
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Put the current request's id (or None outside a request) on every record."""

    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object on one line."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class RequestLogMiddleware:
    """Give each request an id (on the response and its log lines) and log one line for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request)
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            log_response(request, response, request_id, started)
            return response
        finally:
            request_id_var.reset(token)


def log_response(request, response, request_id, started):
    """Put the request id on the response and log the request's line (started: perf_counter)."""
    response[REQUEST_ID_HEADER] = request_id
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    user = getattr(request, "user", None)
    request_logger.info(
        "%s %s %s %.1f ms",
        request.method,
        request.path,
        response.status_code,
        duration_ms,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        },
    )


def logging_config(*, level, log_format):
    """Return the LOGGING setting: one console handler, plain text or (`json`) JSON lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "forum.platform.logs.RequestIdFilter"}},
        "formatters": {"json": {"()": "forum.platform.logs.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                **({"formatter": "json"} if log_format == "json" else {}),
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own default gives "django" a console handler of its own (with DEBUG
            # on): without this, every Django line would print twice, there and via the root.
            "django": {"handlers": []},
            "django.db.backends": {"level": "WARNING"},
            "forum.request": {"level": "INFO" if log_format == "json" else "WARNING"},
        },
    }
