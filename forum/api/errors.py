"""Every API error as one JSON shape: {"code": "...", "message": "..."}, with the right status.

Refusals come from the site's own services with the site's own words (forum/refusals.py);
this module only chooses the status and a stable code for each.
"""

from django.core import signals
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.log import log_response
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError, HttpError, ValidationError

from forum import ratelimit, refusals
from forum.discussion import services as discussion
from forum.errors import ActionRefused
from forum.moderation import services as moderation

HTTP_CODES = {
    400: "invalid",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "rate_limited",
}

SERVER_ERROR = (
    "Something went wrong on our side. We’ve been told about it; please try again in a minute."
)

# Django answers these itself (400) and logs them where it always does.
DJANGO_CLIENT_ERRORS = (BadRequest, SuspiciousOperation, MultiPartParserError)

# Refusals that are about the request's content, not the state of the discussion.
INVALID_INPUT = {
    refusals.EMPTY_COMMENT,
    refusals.NOTHING_TO_READ,
    refusals.REPORT_WITHOUT_REASON,
    refusals.REPORT_OTHER_WITHOUT_NOTE,
    "That comment belongs to another discussion.",
    "Keep the note to 500 characters or fewer.",
}

# Refusals about who asks, not about the discussion's state.
NOT_YOURS = {"You can’t vote for your own comment."}


class ApiError(Exception):
    """An error an endpoint answers with directly."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def retry_after(message):
    """Return the seconds until the rate limit named by `message` lets the member try again."""
    if message == refusals.daily_limit_reached():
        return ratelimit.seconds_to_next_window(86400)
    if message == refusals.REPORTING_TOO_FAST:
        return ratelimit.seconds_to_next_window(3600)
    return ratelimit.seconds_to_next_window(60)


def classify(error):
    """Return (status, code) for a refusal raised by a service."""
    message = str(error)
    if isinstance(error, PermissionDenied) or message in NOT_YOURS:
        return 403, "forbidden"
    if isinstance(error, discussion.RateLimited) or message == refusals.REPORTING_TOO_FAST:
        return 429, "rate_limited"
    if isinstance(error, discussion.KeyReused):
        return 409, "idempotency_conflict"
    if isinstance(error, discussion.CommentRefused):
        return 400, "comment_refused"
    if message in INVALID_INPUT or message.startswith("Your comment is "):
        return 400, "invalid"
    if message == refusals.THREAD_CLOSED:
        return 403, "thread_closed"
    if isinstance(error, moderation.AlreadyReported):
        return 409, "already_reported"
    return 409, "conflict"


def _validation_errors(errors):
    return [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in errors[:20]
    ]


@csrf_exempt  # it changes nothing; a POST to a wrong address gets the API's 404, not a CSRF page
def not_found_view(request, *args, **kwargs):
    """Answer an address under /api/v1/ that names no endpoint, in the API's shape."""
    return JsonResponse(
        {"code": "not_found", "message": "No endpoint at this address."}, status=404
    )


def install(api):
    """Answer every error of `api` in the one JSON shape."""

    def answer(request, status, code, message, headers=None, **extra):
        response = api.create_response(
            request, {"code": code, "message": message, **extra}, status=status
        )
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(ApiError)
    def api_error(request, exc):
        return answer(request, exc.status, exc.code, exc.message)

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return answer(
            request,
            400,
            "invalid",
            "The request is not valid: see `errors` for each field.",
            errors=_validation_errors(exc.errors),
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        message = exc.message if exc.message != "Unauthorized" else refusals.SIGN_IN
        return answer(request, 401, "unauthenticated", message, {"WWW-Authenticate": "Bearer"})

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        code = getattr(exc, "code", None) or HTTP_CODES.get(exc.status_code, "error")
        message = exc.message
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            code, message = "malformed", "The body is not valid JSON."
        return answer(request, exc.status_code, code, message)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return answer(request, 404, "not_found", "Nothing was found at this address.")

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, exc):
        return answer(request, 413, "too_large", "The request body is too large.")

    @api.exception_handler(ActionRefused)
    def refused(request, exc):
        status, code = classify(exc)
        headers = {"Retry-After": str(retry_after(str(exc)))} if status == 429 else None
        return answer(request, status, code, str(exc), headers)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return answer(request, 403, "forbidden", str(exc) or "You may not do this.")

    @api.exception_handler(Exception)
    def server_error(request, exc):
        if isinstance(exc, DJANGO_CLIENT_ERRORS):
            raise exc
        # What Django does for an uncaught exception, answered in the API's shape: listeners
        # (error trackers, the test client) hear of it and "django.request" logs the traceback.
        signals.got_request_exception.send(sender=None, request=request)
        response = answer(request, 500, "server_error", SERVER_ERROR)
        log_response(
            "%s: %s",
            response.reason_phrase,
            request.path,
            response=response,
            request=request,
            exception=exc,
        )
        return response
