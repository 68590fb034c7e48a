"""Every API error as one JSON shape: {"code": "...", "message": "..."}, with the right status.

Refusals come from the site's own services with a code and the site's own words
(forum/refusals.py); this module chooses the status and a stable API code from the code.
The `message` is in the request's language (LocaleMiddleware: Accept-Language, the
language cookie); the `code` is the same in every language.
"""

from django.core import signals
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.log import log_response
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError, HttpError, ValidationError

from forum import limits, refusals
from forum.errors import ActionRefused
from forum.refusals import Code

HTTP_CODES = {
    400: "invalid",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "rate_limited",
    503: "unavailable",
}

SERVER_ERROR = _(
    "Something went wrong on our side. We’ve been told about it; please try again in a minute."
)
UNAVAILABLE = _("We can’t reach our database just now. Please try again in a moment.")
# A database outage (unreachable, restarting, its pool exhausted): the client may retry.
OUTAGES = (OperationalError, InterfaceError)
OUTAGE_RETRY_SECONDS = 30

# Django answers these itself (400) and logs them where it always does.
DJANGO_CLIENT_ERRORS = (BadRequest, SuspiciousOperation, MultiPartParserError)

# The status and `code` of every refusal a service raises, by its code: the API never reads
# a refusal's words, which are translated and may be reworded (tests/forum/api/test_error_codes.py).
FORBIDDEN, INVALID, CONFLICT, RATE_LIMITED = (
    (403, "forbidden"),
    (400, "invalid"),
    (409, "conflict"),
    (429, "rate_limited"),
)
API = {
    # Who asks, not the discussion's state
    Code.SIGN_IN: FORBIDDEN,
    Code.BANNED: FORBIDDEN,
    Code.SUSPENDED: FORBIDDEN,
    Code.UNVERIFIED: FORBIDDEN,
    Code.MODERATORS_ONLY: FORBIDDEN,
    Code.ADMINISTRATORS_ONLY: FORBIDDEN,
    Code.NOT_AUTHOR_EDIT: FORBIDDEN,
    Code.NOT_YOURS_TO_CLAIM: FORBIDDEN,
    Code.NOT_AUTHOR_REMOVE: FORBIDDEN,
    Code.OWN_COMMENT_VOTE: FORBIDDEN,
    Code.OWN_COMMENT_REPORT: FORBIDDEN,
    # The request's content
    Code.EMPTY_COMMENT: INVALID,
    Code.NOTHING_TO_READ: INVALID,
    Code.COMMENT_TOO_LONG: INVALID,
    Code.OTHER_THREAD: INVALID,
    Code.REPORT_WITHOUT_REASON: INVALID,
    Code.REPORT_OTHER_WITHOUT_NOTE: INVALID,
    Code.NOTE_TOO_LONG: INVALID,
    Code.IMPORT_REFUSED: INVALID,
    Code.BANNED_WORD: (400, "comment_refused"),
    Code.LIKELY_ABUSIVE: (400, "comment_refused"),
    Code.TAKEN_DOWN_SINCE_POSTED: (400, "comment_refused"),
    # Limits
    Code.POSTING_TOO_FAST: RATE_LIMITED,
    Code.SLOW_MODE: RATE_LIMITED,
    Code.DAILY_LIMIT: RATE_LIMITED,
    Code.EDITING_TOO_FAST: RATE_LIMITED,
    Code.REPORTING_TOO_FAST: RATE_LIMITED,
    Code.VOTING_TOO_FAST: RATE_LIMITED,
    Code.VOTES_FROM_ADDRESS: RATE_LIMITED,
    Code.FOLLOWING_TOO_FAST: RATE_LIMITED,
    Code.FOLLOWS_FROM_ADDRESS: RATE_LIMITED,
    Code.REPORTS_FROM_ADDRESS: RATE_LIMITED,
    # The state of the discussion
    Code.THREAD_CLOSED: (403, "thread_closed"),
    Code.KEY_REUSED: (409, "idempotency_conflict"),
    Code.ALREADY_REPORTED: (409, "already_reported"),
    Code.PARENT_UNAVAILABLE: CONFLICT,
    Code.COMMENT_TAKEN_DOWN: CONFLICT,
    Code.UNDER_REVIEW: CONFLICT,
    Code.EDIT_WINDOW_CLOSED: CONFLICT,
    Code.NOT_PUBLISHED_VOTE: CONFLICT,
    Code.NOTHING_TO_REPORT: CONFLICT,
    # The moderation desk's: no endpoint raises them yet
    Code.COMMENT_REMOVED_BY_AUTHOR: CONFLICT,
    Code.ALREADY_REJECTED: CONFLICT,
    Code.ALREADY_APPROVED: CONFLICT,
    Code.ALREADY_RESTORED: CONFLICT,
    Code.ALREADY_PUBLISHED: CONFLICT,
    Code.AWAITING_MODERATION: CONFLICT,
    Code.ONLY_PUBLISHED_FEATURED: CONFLICT,
    Code.ALREADY_FEATURED: CONFLICT,
    Code.NOT_FEATURED: CONFLICT,
    Code.REPORTS_ALREADY_SETTLED: CONFLICT,
    Code.NO_OPEN_REPORTS: CONFLICT,
    Code.THREAD_ALREADY_CLOSED: CONFLICT,
    Code.THREAD_ALREADY_OPEN: CONFLICT,
    Code.CLOSING_TIME_UNCHANGED: CONFLICT,
    Code.THREAD_NOT_PREMODERATED: CONFLICT,
    Code.THREAD_ALREADY_PREMODERATED: CONFLICT,
    Code.MEMBER_NOT_PREMODERATED: CONFLICT,
    Code.MEMBER_ALREADY_PREMODERATED: CONFLICT,
    Code.MEMBER_IS_BANNED: CONFLICT,
    Code.MEMBER_ALREADY_SUSPENDED: CONFLICT,
    Code.MEMBER_NOT_SANCTIONED: CONFLICT,
    Code.MEMBER_ALREADY_BANNED: CONFLICT,
    Code.PHRASE_ALREADY_REMOVED: CONFLICT,
    Code.ALREADY_RESTRICTED: CONFLICT,
    Code.NOTICE_ALREADY_DECIDED: CONFLICT,
    Code.FLAGGER_NOT_TRUSTED: CONFLICT,
    Code.OWN_ACCOUNT: CONFLICT,
    Code.TARGET_IS_MODERATOR: CONFLICT,
    Code.END_IN_PAST: CONFLICT,
    Code.SUSPENSION_WITHOUT_REASON: CONFLICT,
    Code.BAN_WITHOUT_REASON: CONFLICT,
    Code.EMPTY_NOTE: CONFLICT,
    Code.CLOSING_TIME_IN_PAST: CONFLICT,
    Code.REJECTION_WITHOUT_REASON: CONFLICT,
    Code.BULK_REJECTION_WITHOUT_REASON: CONFLICT,
    Code.BULK_ACTION_UNKNOWN: CONFLICT,
    Code.PHRASE_EMPTY: CONFLICT,
    Code.PHRASE_TOO_LONG: CONFLICT,
    Code.WORD_LIST_UNKNOWN: CONFLICT,
    Code.PHRASE_ON_LIST: CONFLICT,
    Code.PHRASE_ON_A_LIST: CONFLICT,
    Code.SCORING_ACTION_UNKNOWN: CONFLICT,
    Code.TRUST_LEVEL_UNKNOWN: CONFLICT,
    Code.SLOW_MODE_DURATION: CONFLICT,
    Code.SLOW_MODE_NOT_ON: CONFLICT,
    Code.TRUST_LEVEL_UNCHANGED: CONFLICT,
    Code.SCORING_THRESHOLD_RANGE: CONFLICT,
    # The DSA's notices, decisions and appeals (forum/notices/)
    Code.NOTICE_CATEGORY_MISSING: INVALID,
    Code.NOTICE_EXPLANATION_MISSING: INVALID,
    Code.NOTICE_LOCATION_MISSING: INVALID,
    Code.NOTICE_COUNTRY_MISSING: INVALID,
    Code.NOTICE_IDENTITY_MISSING: INVALID,
    Code.NOTICE_GOOD_FAITH_MISSING: INVALID,
    Code.NOTICE_TOO_LONG: INVALID,
    Code.NOTICES_TOO_FAST: RATE_LIMITED,
    Code.NOTIFIER_SUSPENDED: FORBIDDEN,
    Code.DECISION_ACTION_MISSING: INVALID,
    Code.DECISION_GROUND_MISSING: INVALID,
    Code.DECISION_RULE_MISSING: INVALID,
    Code.DECISION_LEGAL_GROUND_MISSING: INVALID,
    Code.DECISION_FACTS_MISSING: INVALID,
    Code.DECISION_NO_COMMENT: INVALID,
    Code.APPEAL_EMPTY: INVALID,
    Code.APPEAL_CLOSED: CONFLICT,
    Code.APPEAL_NOT_OPEN_TO_YOU: FORBIDDEN,
    Code.ALREADY_APPEALED: CONFLICT,
    Code.APPEAL_OWN_DECISION: FORBIDDEN,
    Code.APPEAL_OUTCOME_MISSING: INVALID,
    Code.APPEAL_ALREADY_DECIDED: CONFLICT,
    Code.AUTHORS_UNKNOWN: INVALID,
    Code.APPEAL_REASON_MISSING: INVALID,
    Code.FLAGGER_NAME_MISSING: INVALID,
    Code.FLAGGER_TARGET_MISSING: INVALID,
    Code.NOTIFIER_SUSPENSION_REASON_MISSING: INVALID,
    Code.INTEGRATIONS_ONLY: FORBIDDEN,
    Code.WEBHOOK_ADDRESS_REFUSED: INVALID,
    Code.WEBHOOK_NO_EVENTS: INVALID,
    Code.WEBHOOKS_TOO_FAST: RATE_LIMITED,
}


class ApiError(Exception):
    """An error an endpoint answers with directly."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def retry_after(error):
    """Return the seconds until the rate limit that refused `error` lets the member try again."""
    return limits.retry_after(error)


def classify(error):
    """Return (status, code) for a refusal raised by a service."""
    return API.get(error.code, CONFLICT)


def _validation_errors(errors):
    return [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in errors[:20]
    ]


@csrf_exempt  # it changes nothing; a POST to a wrong address gets the API's 404, not a CSRF page
def not_found_view(request, *args, **kwargs):
    """Answer an address under /api/v1/ that names no endpoint, in the API's shape."""
    return JsonResponse(
        {"code": "not_found", "message": gettext("No endpoint at this address.")}, status=404
    )


def error_response(status, code, message, headers=None):
    """Return the API's JSON error outside an endpoint (Django's handler500, middleware)."""
    response = JsonResponse({"code": code, "message": str(message)}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def failure_response(exc):
    """Return the API's answer to an exception no endpoint expected: 503 for an outage, else 500."""
    if isinstance(exc, OUTAGES):
        retry = {"Retry-After": str(OUTAGE_RETRY_SECONDS)}
        return error_response(503, "unavailable", UNAVAILABLE, retry)
    return error_response(500, "server_error", SERVER_ERROR)


def install(api):
    """Answer every error of `api` in the one JSON shape."""

    def answer(request, status, code, message, headers=None, **extra):
        response = api.create_response(
            request, {"code": code, "message": str(message), **extra}, status=status
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
            gettext("The request is not valid: see `errors` for each field."),
            errors=_validation_errors(exc.errors),
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        message = exc.message if exc.message != "Unauthorized" else refusals.words(Code.SIGN_IN)
        return answer(request, 401, "unauthenticated", message, {"WWW-Authenticate": "Bearer"})

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        code = getattr(exc, "code", None) or HTTP_CODES.get(exc.status_code, "error")
        message = exc.message
        if exc.status_code == 400 and message.startswith("Cannot parse request body"):
            code, message = "malformed", gettext("The body is not valid JSON.")
        return answer(request, exc.status_code, code, message)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return answer(request, 404, "not_found", gettext("Nothing was found at this address."))

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, exc):
        return answer(request, 413, "too_large", gettext("The request body is too large."))

    @api.exception_handler(ActionRefused)
    def refused(request, exc):
        status, code = classify(exc)
        headers = {"Retry-After": str(retry_after(exc))} if status == 429 else None
        return answer(request, status, code, str(exc), headers)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return answer(request, 403, "forbidden", str(exc) or gettext("You may not do this."))

    @api.exception_handler(Exception)
    def server_error(request, exc):
        if isinstance(exc, DJANGO_CLIENT_ERRORS):
            raise exc
        # What Django does for an uncaught exception, answered in the API's shape: listeners
        # (error trackers, the test client) hear of it and "django.request" logs the traceback.
        signals.got_request_exception.send(sender=None, request=request)
        if isinstance(exc, OUTAGES):
            retry = {"Retry-After": str(OUTAGE_RETRY_SECONDS)}
            response = answer(request, 503, "unavailable", UNAVAILABLE, retry)
        else:
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
