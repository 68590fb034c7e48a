"""Gzip for responses made per request, with a compressor that suits a page made for one reader.

Django's GZipMiddleware compresses with zlib at level 6. A member's page of a busy thread is
about 475 KB of HTML, made afresh for each request: zlib costs about 4.8 ms of CPU for it at
level 6 (31 KB) and 1.9 ms at level 3 (40 KB); Intel's ISA-L (`isal`, the same gzip format)
0.36 ms at its level 2 (42 KB), on this project's 2-core machine. The page cache stores
anonymous pages compressed the same way: the first reader after a write waits for it.
"""

import gzip
import secrets

from django.middleware import gzip as django_gzip
from django.utils.cache import patch_vary_headers
from isal import igzip

LEVEL = 2  # ISA-L's levels are 0 to 3; 3 is slower than zlib's 3 and no smaller than 2


def compress(content, *, max_random_bytes):
    """Return `content` gzipped at LEVEL, padded as Django pads it against BREACH: a file
    name of random length in the gzip header."""
    compressed = memoryview(igzip.compress(content, compresslevel=LEVEL, mtime=0))
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    name = b"a" * secrets.randbelow(max_random_bytes)
    return bytes(header) + name + b"\x00" + compressed[10:]


class GZipMiddleware(django_gzip.GZipMiddleware):
    """Django's GZipMiddleware, compressing whole responses at LEVEL (streams as Django does)."""

    def process_response(self, request, response):
        if (
            response.streaming
            or len(response.content) < 200
            or response.has_header("Content-Encoding")
            or not django_gzip.re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = compress(response.content, max_random_bytes=self.max_random_bytes)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag  # RFC 9110 8.8.1, as Django does
        response.headers["Content-Encoding"] = "gzip"
        return response
