"""Fixed-window rate limits kept in the shared cache, so every app server sees the same counts."""

import time

from django.core.cache import cache


def hit(scope, ident, *, limit, window_seconds):
    """Count one action and return whether it is still within `limit` per window."""
    window = int(time.time() // window_seconds)
    key = f"rl:{scope}:{ident}:{window}"
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        count = 1
    return count <= limit
