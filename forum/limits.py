"""How often one member, and one address, may vote, follow and report: the one table of limits.

A member's limit stops one account; the address's (forum/platform/client_address.py, an IPv6
client by its /64) stops many accounts driven from one place, higher so that an office or a
school behind one address is not stopped by it. Counted in the shared cache
(forum/platform/ratelimit.py) before the action, so a flood costs a cache round trip, not a
write, an invalidation or a render. Posting and editing count in their services; so does
the member's hourly report limit (REPORT_RATE_PER_HOUR).
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

from forum.errors import RateLimited
from forum.platform import ratelimit
from forum.platform.client_address import client_address, rate_key
from forum.refusals import Code

MINUTE, HOUR, DAY = 60, 3600, 86400


@dataclass(frozen=True)
class Limit:
    """One limit of an action: per member or per address, a window, and its refusal's code."""

    per: str  # "member" or "address"
    allowed: object  # returns the count allowed per window, read from settings when counting
    window_seconds: int
    code: Code


LIMITS = {
    "vote": (
        Limit("member", lambda: settings.VOTE_RATE_PER_MINUTE, MINUTE, Code.VOTING_TOO_FAST),
        Limit(
            "address",
            lambda: settings.VOTE_RATE_PER_ADDRESS_PER_MINUTE,
            MINUTE,
            Code.VOTES_FROM_ADDRESS,
        ),
    ),
    "follow": (
        Limit("member", lambda: settings.FOLLOW_RATE_PER_MINUTE, MINUTE, Code.FOLLOWING_TOO_FAST),
        Limit(
            "address",
            lambda: settings.FOLLOW_RATE_PER_ADDRESS_PER_MINUTE,
            MINUTE,
            Code.FOLLOWS_FROM_ADDRESS,
        ),
    ),
    "report": (
        Limit(
            "address",
            lambda: settings.REPORT_RATE_PER_ADDRESS_PER_HOUR,
            HOUR,
            Code.REPORTS_FROM_ADDRESS,
        ),
    ),
}

# The window of every limit whose refusal the site answers, for Retry-After: a minute unless
# listed here.
WINDOWS = {
    Code.DAILY_LIMIT: DAY,
    Code.REPORTING_TOO_FAST: HOUR,
    Code.NOTICES_TOO_FAST: HOUR,
    **{limit.code: limit.window_seconds for limits in LIMITS.values() for limit in limits},
}


def check(action, *, member, request):
    """Count one `action` by `member` from the request's address; raise RateLimited past a limit."""
    idents = {"member": member.pk, "address": rate_key(client_address(request))}
    for limit in LIMITS[action]:
        allowed = limit.allowed()
        scope = f"{action}-{limit.per}"
        ident = idents[limit.per]
        if not ratelimit.hit(scope, ident, limit=allowed, window_seconds=limit.window_seconds):
            raise RateLimited(limit.code, limit=allowed)


def retry_after(error):
    """Return the seconds until the limit that refused `error` lets the member try again."""
    if error.code == Code.SLOW_MODE:  # the member's own wait in a thread in slow mode
        return error.params["seconds"]
    return ratelimit.seconds_to_next_window(WINDOWS.get(error.code, MINUTE))


def page(request, error, *, back):
    """Answer a refused page request with 429: what happened, when to try again, a way back.

    htmx asked: plain text, which the page announces (static/js/site.js); else a page.
    """
    if request.htmx:
        response = HttpResponse(str(error), status=429, content_type="text/plain; charset=utf-8")
    else:
        context = {"message": str(error), "back": back}
        response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(retry_after(error))
    return response
