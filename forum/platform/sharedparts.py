"""The parts of a page that every reader shares, signed in or not, kept by the page's tokens.

The article's tree of comments, its topics, a member's frame: each is built once and kept in
the page cache (forum.platform.pagecache) under a key made from the page's version tokens.
"""

import hashlib

from django.conf import settings
from django.utils import translation

from forum.platform import pagecache, pagetokens
from forum.platform.db_router import primary_reads
from forum.platform.pagetokens import PATH, SCORES, SITE, UNSET
from forum.platform.pagetokens import token_key as _token_key


class SharedParts:
    """The parts of the page at `path` that every reader shares, signed in or not.

    Each is kept under a key made from that page's version tokens, so the writes that
    refresh the page refresh its parts, with no rule of their own; a part that does not
    show the discussion (`follows_discussion=False`) follows the site's token alone. Votes
    change the key of the others at most once per VOTE_PAGE_LAG_SECONDS, as they refresh
    the page (`pagetokens.scores_mark`). The
    tokens are read once for all the parts a request asks for (one round trip to Redis,
    not one a part).
    """

    def __init__(self, path):
        self.path = path
        self._scopes = ((SITE, ""), (PATH, path), (SCORES, path))
        self._tokens = None

    def fetch(self, keys):
        """Return {key: value} of these keys of the page cache, read in the same round trip
        as the tokens when those are not read yet."""
        if self._tokens is not None:
            return pagecache.pages.get_many(keys)
        tokens = [_token_key(s, p) for s, p in self._scopes]
        found = pagecache.pages.get_many([*tokens, *keys])
        self._tokens = {k: found.pop(k) for k in tokens if k in found}
        return found

    def digest(self, part):
        """Return the digest of a part's place (language, path, part): its key's last field."""
        place = f"{translation.get_language()}:{self.path}#{part}"  # parts hold words
        return hashlib.sha256(place.encode()).hexdigest()[:32]

    def key(self, part, *, follows_discussion=True):
        site, path, scores = (_token_key(s, p) for s, p in self._scopes)
        if self._tokens is None:
            self._tokens = pagecache.pages.get_many([site, path, scores])
        versions = pagetokens.versions([site], self._tokens)
        if follows_discussion:
            mark = pagetokens.scores_mark(
                self.path,
                self._tokens.get(scores, UNSET),
                now=pagecache.clock(),
                lag=settings.VOTE_PAGE_LAG_SECONDS,
            )
            versions += f".{pagetokens.versions([path], self._tokens)}.{mark}"
        return f"pc:p:{versions}:{self.digest(part)}"

    def get(self, part, build, *, timeout, follows_discussion=True):
        """Return the part from the cache, or built by `build()` and stored.

        Built from the primary, as a page is: a part built from a lagging replica would be
        shared, stale, until the next change.
        """
        key = self.key(part, follows_discussion=follows_discussion)
        value = pagecache.pages.get(key)
        if value is None:
            with primary_reads():
                value = build()
            pagecache.pages.set(key, value, timeout=timeout)
        return value
