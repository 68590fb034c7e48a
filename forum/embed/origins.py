"""Which sites may embed the discussion: the origins listed in EMBED_ALLOWED_ORIGINS."""

from urllib.parse import urlsplit

from django.conf import settings


def origin_of(url):
    """Return the origin ("https://news.example") of an http(s) address, or ""."""
    try:
        parts = urlsplit(url or "")
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    suffix = f":{port}" if port and port != default else ""
    return f"{parts.scheme}://{host}{suffix}".lower()


def allowed_origins():
    """Return the configured origins, normalised."""
    return [o for o in (origin_of(value) for value in settings.EMBED_ALLOWED_ORIGINS) if o]


def allowed_origin(origin):
    """Return whether `origin` (or an address on it) may embed the discussion."""
    origin = origin_of(origin)
    return bool(origin) and origin in allowed_origins()
