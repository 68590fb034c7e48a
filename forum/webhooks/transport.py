"""POST a body to a receiver's URL, safely: public addresses only, a timeout, no redirects.

The host is resolved here and every address it resolves to is checked; the connection is
then made to the checked address itself (TLS still verifies the host's name), so a name
that resolves to a public address when checked and to 127.0.0.1 when connecting (DNS
rebinding) reaches nothing private. Redirects are answers like any other: never followed.
"""

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext

EXCERPT_BYTES = 1000
# The whole request (connect, send, headers, excerpt) ends after this many timeouts.
DEADLINE_TIMEOUTS = 3
USER_AGENT = "forum-webhooks/1"


class AddressRefused(Exception):
    """The URL is not one the forum sends to (its words say why)."""


@dataclass(frozen=True)
class Answer:
    status_code: int
    excerpt: str
    duration_ms: int


def is_public(address):
    """Return whether an IP address is on the public internet (not private, loopback ...)."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url):
    """Return (scheme, host, port, path) of an http(s) URL; raise AddressRefused otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressRefused(gettext("Use an http:// or https:// address with a host name."))
    if parts.username or parts.password:
        raise AddressRefused(gettext("Leave the user name and password out of the address."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise AddressRefused(gettext("The port of this address is not a number.")) from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, path


def resolve(host, port):
    """Return the addresses to connect to, after checking every address `host` has."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise AddressRefused(
            gettext("The host “%(host)s” could not be found.") % {"host": host}
        ) from None
    addresses = [info[4][0] for info in infos]
    if not settings.WEBHOOKS_ALLOW_PRIVATE:
        for address in addresses:
            if not is_public(address):
                raise AddressRefused(
                    gettext(
                        "“%(host)s” points to %(address)s, a private or local address: "
                        "webhooks go to public addresses only."
                    )
                    % {"host": host, "address": address}
                )
    return list(dict.fromkeys(addresses))


def check_destination(url):
    """Raise AddressRefused unless `url` is an http(s) URL whose host is public (or allowed)."""
    _, host, port, _ = check_url(url)
    resolve(host, port)


def _connect(addresses, port, timeout):
    """Return a socket connected to the first of the checked `addresses` that answers."""
    error = OSError("No address to connect to.")
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as refused:
            error = refused
    raise error


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, *, addresses, timeout):
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses

    def connect(self):
        self.sock = _connect(self.addresses, self.port, self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, *, addresses, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.addresses = addresses

    def connect(self):
        sock = _connect(self.addresses, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _cut(connection):
    # Ends a receiver that answers a byte at a time: each read has its timeout, the whole
    # request this deadline, well inside a delivery's claim (forum/webhooks/sending.py).
    if connection.sock is not None:
        try:
            connection.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def post(url, body, headers, *, clock=time.monotonic):
    """POST `body` (bytes) to `url`; return its Answer. Raise AddressRefused or OSError."""
    scheme, host, port, path = check_url(url)
    addresses = resolve(host, port)
    timeout = settings.WEBHOOKS_TIMEOUT_SECONDS
    kind = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = kind(host, port, addresses=addresses, timeout=timeout)
    deadline = threading.Timer(timeout * DEADLINE_TIMEOUTS, _cut, args=(connection,))
    started = clock()
    deadline.start()
    try:
        connection.request(
            "POST",
            path,
            body=body,
            headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers},
        )
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_BYTES).decode("utf-8", errors="replace")
    except http.client.HTTPException as error:
        raise OSError(f"Bad answer: {type(error).__name__}") from error
    finally:
        deadline.cancel()
        connection.close()
    return Answer(response.status, excerpt, int((clock() - started) * 1000))
