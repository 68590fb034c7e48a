"""Response headers that Django's own settings do not cover."""

import hashlib

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified


def permissions_policy_header(policy):
    """Return the Permissions-Policy value for a {feature: [allowed origins]} dict."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(policy.items())
    )


def etag_of(body):
    """Return a strong ETag for the bytes of a response body."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def shared_response(request, body, *, content_type, max_age, etag=None):
    """Return `body` for any cache to keep `max_age` seconds, or 304 when the client has it."""
    etag = etag or etag_of(body)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


class SecurityHeadersMiddleware:
    """Add Permissions-Policy and Cross-Origin-Resource-Policy to every response.

    Pages for signed-in members also get `Cache-Control: private, no-cache` unless the view
    chose its own, so that no shared cache keeps one member's page for another. Pages for
    visitors are left to forum/platform/pagecache.py.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(settings.PERMISSIONS_POLICY)
        self.resource_policy = settings.CROSS_ORIGIN_RESOURCE_POLICY

    def __call__(self, request):
        return self.process_response(request, self.get_response(request))

    def process_response(self, request, response):
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.setdefault("Cache-Control", "private, no-cache")
        return response
