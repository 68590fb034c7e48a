"""The page cache's version tokens, and the one rule that says whether an entry is fresh.

A token's value is its newest version followed by its last few versions, newest first, each
with the time it was set ("ab12cd34@1765000000000 9f8e7d6c@1764999999000 ..."). The
functions here are pure: the sync path (pagecache.py) and the ASGI fast path (fastpath.py)
read the tokens their own way and decide with the same functions, so they always agree.

Scores are the exception to "any change makes a page stale": a vote bumps its thread's own
"scores" token, which a page tolerates while it is younger than VOTE_PAGE_LAG_SECONDS. So a
flood of votes costs at most one render per page per lag, and a vote reaches every cached
page, whichever process serves it, within the lag and STALE_SECONDS.
"""

import hashlib
import math
from dataclasses import dataclass

SITE = "site"
DISCUSSIONS = "discussions"
PATH = "path"
SCORES = "scores"  # the votes of the thread at a path: the scores and the Top order
UNSET = "0"  # the value of a token never set (or expired)


def token_key(scope, path=""):
    """Return the cache key of the token of `scope` (and of `path`, for a path's tokens)."""
    return f"pc:t:{scope}:{path}"


def page_token_keys(path, scopes):
    """Return the keys of the tokens a page at `path` with `scopes` depends on."""
    keys = [token_key(SITE)]
    if DISCUSSIONS in scopes:
        keys.append(token_key(DISCUSSIONS))
    if PATH in scopes:
        keys += [token_key(PATH, path), token_key(SCORES, path)]
    return keys


def _is_scores(key):
    return key.startswith(token_key(SCORES))


def newest(token):
    """Return a token's current value (without its history)."""
    return token.split("@", 1)[0]


def versions(token_keys, tokens):
    """Return the current values of `token_keys`, read as `tokens`, as one string ("0": unset)."""
    return ".".join(newest(tokens.get(key, UNSET)) for key in token_keys)


def _history(token):
    """Return a token's (value, set at in seconds) pairs, newest first."""
    return [
        (value, int(at or 0) / 1000)
        for value, _, at in (i.partition("@") for i in token.split(" "))
    ]


def changed_at(token, value):
    """Return when `token` stopped being `value` (seconds), or None when it no longer knows."""
    history = _history(token)
    for (_, newer_at), (older_value, _) in zip(history, history[1:], strict=False):
        if older_value == value:
            return newer_at
    return None


@dataclass(frozen=True)
class Freshness:
    fresh: bool
    stale_since: float | None  # when a stale entry went stale (None: fresh or not known)


def freshness(entry_versions, rendered_at, token_keys, tokens, *, now, lag, interval=0.0):
    """Return whether an entry rendered at `rendered_at` under `entry_versions` is fresh.

    Fresh when every token still has the entry's version, except a scores token, whose
    changes are tolerated until the entry is `lag` seconds old: it then went stale at that
    age, or at the vote if later. Other changes are tolerated until it is `interval` seconds
    old: a page is rendered at most once per interval, however fast its thread is written to.
    """
    values = entry_versions.split(".")
    if len(values) != len(token_keys):  # rendered under other tokens (before a deploy)
        return Freshness(False, None)
    stale = []
    for key, value in zip(token_keys, values, strict=True):
        token = tokens.get(key, UNSET)
        if newest(token) == value:
            continue
        changed = changed_at(token, value)
        due = rendered_at + (lag if _is_scores(key) else interval)
        if now < due:
            continue
        if changed is None and not _is_scores(key):
            return Freshness(False, None)
        # A change it forgot came after the render's tokens were read: stale at `due` at the
        # earliest, so counting from `due` never serves it stale for longer than it may.
        stale.append(due if changed is None else max(due, changed))
    return Freshness(not stale, min(stale) if stale else None)


def scores_mark(path, token, *, now, lag):
    """Return the version the scores token of `path` had when its current lag period began.

    Shared parts are found by key, not judged by age, so they follow the scores this way:
    their key changes at most once per period (`lag` seconds, each path's periods shifted so
    that threads don't all rebuild at once) and shows every vote from before it began.
    """
    if lag <= 0:
        return newest(token)
    shift = int(hashlib.sha256(path.encode()).hexdigest()[:8], 16) % 1000 / 1000 * lag
    period = math.floor((now - shift) / lag)
    began = period * lag + shift
    for value, at in _history(token):
        if at <= began:
            return value
    return f"p{period}"  # more votes this period than the token remembers: one key for the rest
