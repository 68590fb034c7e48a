"""Response headers that Django's own settings do not cover."""

from django.conf import settings


def permissions_policy_header(policy):
    """Return the Permissions-Policy value for a {feature: [allowed origins]} dict."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in sorted(policy.items())
    )


class SecurityHeadersMiddleware:
    """Add Permissions-Policy and Cross-Origin-Resource-Policy to every response.

    Pages for signed-in members also get `Cache-Control: private, no-cache` unless the view
    chose its own, so that no shared cache keeps one member's page for another. Pages for
    visitors are left to forum/pagecache.py.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(settings.PERMISSIONS_POLICY)
        self.resource_policy = settings.CROSS_ORIGIN_RESOURCE_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.setdefault("Cache-Control", "private, no-cache")
        return response
