"""The address a request came from: the one answer for rate limits, live streams, /metrics, logs."""

import contextvars
import ipaddress

from django.conf import settings

# The client of the request being answered, for code that the request does not reach by
# its arguments (the spam check sends Akismet the poster's address and browser).
_client = contextvars.ContextVar("client", default=None)


def _valid(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request):
    """Return the client's address: its socket's, or the one our trusted proxies saw.

    With no trusted proxy it is REMOTE_ADDR whatever the headers say: X-Forwarded-For is
    anyone's to write. Behind N trusted proxies it is the address the outermost one saw,
    the N-th hop from the end of X-Forwarded-For (the hops before it are the client's to
    write); a request that came through fewer proxies is known by the farthest hop one of
    them added, or by its peer when it came straight to us. Never None for a request with
    REMOTE_ADDR.
    """
    peer = request.META.get("REMOTE_ADDR") or None
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    if not proxies:
        return peer
    hops = [hop for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
    if not hops:
        return peer
    return _valid(hops[-proxies] if len(hops) >= proxies else hops[0]) or peer


def forwarded_by_untrusted_proxy(request):
    """Return whether the request carries X-Forwarded-For that no trusted proxy accounts for.

    Then its peer may be a proxy nobody told us about (nginx on the same machine connects
    from 127.0.0.1 for every visitor): an allow-list by address must not let it in.
    """
    return not settings.ALLAUTH_TRUSTED_PROXY_COUNT and "X-Forwarded-For" in request.headers


def rate_key(address):
    """Return what a per-address limit counts by: the address, or its /64 for IPv6.

    One IPv6 client holds a whole /64, so counting single addresses would let it reset a
    limit at will.
    """
    if not address:
        return None
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


class Client:
    """Who sent the request being answered: its client address and User-Agent."""

    def __init__(self, request):
        self.address = client_address(request)
        self.user_agent = request.headers.get("User-Agent", "")[:500]


def current_client():
    """Return the Client of the request being answered, or None outside a request."""
    return _client.get()


class CurrentClientMiddleware:
    """Keep the request's Client for `current_client()` while the request is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _client.set(Client(request))
        try:
            return self.get_response(request)
        finally:
            _client.reset(token)
