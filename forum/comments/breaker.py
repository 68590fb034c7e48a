"""A circuit breaker for each external scorer, kept in the shared cache.

The app runs on several servers: a breaker in one process's memory would let every other
server keep waiting on a scorer that is down. After SCORER_BREAKER_FAILURES failures in a
row the scorer is skipped for SCORER_BREAKER_SECONDS; then one failure opens it again (a
half-open breaker), and one success closes it.
"""

from django.conf import settings
from django.core.cache import cache

# A run of failures older than this is forgotten (a day without a call is not "in a row").
FAILURES_KEPT_SECONDS = 86400


def _key(scorer, part):
    return f"scorer-breaker:{scorer}:{part}"


def is_open(scorer):
    """Return whether `scorer` is being skipped after too many failures in a row."""
    return cache.get(_key(scorer, "open")) is not None


def succeeded(scorer):
    cache.delete(_key(scorer, "failures"))


def failed(scorer):
    """Count a failure of `scorer`; return whether the breaker opened with it."""
    key = _key(scorer, "failures")
    cache.add(key, 0, timeout=FAILURES_KEPT_SECONDS)
    try:
        failures = cache.incr(key)
    except ValueError:  # another server closed the breaker between the two calls
        failures = 1
        cache.set(key, failures, timeout=FAILURES_KEPT_SECONDS)
    limit = max(settings.SCORER_BREAKER_FAILURES, 1)
    if failures < limit:
        return False
    cache.set(_key(scorer, "open"), failures, timeout=settings.SCORER_BREAKER_SECONDS)
    # Half-open once the pause ends: the next failure opens it again at once.
    cache.set(key, limit - 1, timeout=FAILURES_KEPT_SECONDS)
    return True
