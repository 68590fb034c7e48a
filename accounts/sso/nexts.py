"""Where a reader may be sent after signing in: this site, or a site allowed to embed it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


def origin_of(url):
    """Return scheme://host[:port] of an absolute URL, or "" for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_next(request, url):
    """Return `url` when it is on this site or on an allowed embed origin, else "/"."""
    url = url or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    allowed = {origin.rstrip("/").lower() for origin in settings.EMBED_ALLOWED_ORIGINS}
    if origin_of(url) and origin_of(url) in allowed and "\\" not in url:
        return url
    return "/"
