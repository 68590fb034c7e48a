"""Fixed-window rate limits kept in the shared cache, so every app server sees the same counts."""

import math
import time

from django.core.cache import cache

# What the windows are counted by. Tests stop it (tests/conftest.py) so that no test can
# cross from one window into the next.
clock = time.time


def hit(scope, ident, *, limit, window_seconds):
    """Count one action and return whether it is still within `limit` per window."""
    window = int(clock() // window_seconds)
    key = f"rl:{scope}:{ident}:{window}"
    cache.add(key, 0, timeout=window_seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window_seconds + 5)
        count = 1
    return count <= limit


def seconds_to_next_window(window_seconds):
    """Return how many whole seconds remain of the current window (at least 1)."""
    return max(1, math.ceil(window_seconds - clock() % window_seconds))
