"""The address a request came from: the one answer for rate limits, live streams and /metrics."""

from django.conf import settings


def client_address(request):
    """Return the client's address, through ALLAUTH_TRUSTED_PROXY_COUNT proxies, or None.

    None when it can't be known: a request forwarded by a proxy we were not told to trust
    (its peer address is the proxy's own, often 127.0.0.1, so it proves nothing about the
    client), or one that came through fewer proxies than we trust.
    """
    forwarded = request.headers.get("X-Forwarded-For", "")
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    if not proxies:
        return None if forwarded else request.META.get("REMOTE_ADDR")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-proxies] if len(hops) >= proxies else None
