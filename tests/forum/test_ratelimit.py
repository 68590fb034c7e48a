"""Fixed-window rate limits: counted per window of the limiter's clock, stopped in tests."""

from django.core.cache import cache

from forum.platform import ratelimit

DAY = 24 * 3600


def test_the_limit_holds_within_a_window_and_a_new_window_starts_afresh(rate_limit_clock):
    hits = [ratelimit.hit("t", 1, limit=2, window_seconds=60) for _ in range(3)]
    assert hits == [True, True, False]
    assert ratelimit.hit("t", 2, limit=2, window_seconds=60)  # counted per member
    rate_limit_clock.advance(60)
    assert ratelimit.hit("t", 1, limit=2, window_seconds=60)


def test_windows_are_fixed_not_sliding(rate_limit_clock):
    rate_limit_clock.advance(59.5)
    assert ratelimit.hit("t", 1, limit=1, window_seconds=60)
    assert not ratelimit.hit("t", 1, limit=1, window_seconds=60)
    rate_limit_clock.advance(1)  # the next minute has begun
    assert ratelimit.hit("t", 1, limit=1, window_seconds=60)


def test_seconds_to_next_window(rate_limit_clock):
    assert ratelimit.seconds_to_next_window(60) == 60
    rate_limit_clock.advance(59.5)
    assert ratelimit.seconds_to_next_window(60) == 1
    assert ratelimit.seconds_to_next_window(3600) == 3541


class Recording:
    """The shared cache, noting the timeout of every counter written."""

    def __init__(self, *, lose_counters=False):
        self.timeouts = []
        self.lose_counters = lose_counters

    def add(self, key, value, timeout):
        self.timeouts.append(timeout)
        if self.lose_counters:  # evicted at once, before incr() reads it
            return True
        return cache.add(key, value, timeout=timeout)

    def incr(self, key):
        return cache.incr(key)

    def set(self, key, value, timeout):
        self.timeouts.append(timeout)
        cache.set(key, value, timeout=timeout)


def hits(n, scope="comment", ident=1, limit=3, window_seconds=60):
    return [
        ratelimit.hit(scope, ident, limit=limit, window_seconds=window_seconds) for _ in range(n)
    ]


def test_the_limit_is_allowed_and_the_next_action_refused(rate_limit_clock):
    assert hits(4) == [True, True, True, False]


def test_scopes_and_members_are_counted_apart(rate_limit_clock):
    assert hits(3, scope="comment", ident=1) == [True] * 3
    assert hits(1, scope="comment", ident=2) == [True]
    assert hits(1, scope="report", ident=1) == [True]
    assert hits(1, scope="comment", ident=1) == [False]


def test_a_window_lasts_its_length_and_the_next_one_starts_afresh(rate_limit_clock):
    assert hits(3, window_seconds=DAY) == [True] * 3
    rate_limit_clock.advance(DAY - 1)
    assert hits(1, window_seconds=DAY) == [False]
    rate_limit_clock.advance(1)
    assert hits(3, window_seconds=DAY) == [True] * 3


def test_a_counter_is_kept_until_its_window_ends_and_not_much_longer(rate_limit_clock, monkeypatch):
    recording = Recording()
    monkeypatch.setattr(ratelimit, "cache", recording)
    hits(1, window_seconds=DAY)
    (timeout,) = recording.timeouts
    assert DAY <= timeout <= DAY + 60


def test_a_counter_evicted_between_writes_starts_again_at_one(rate_limit_clock, monkeypatch):
    recording = Recording(lose_counters=True)
    monkeypatch.setattr(ratelimit, "cache", recording)
    assert hits(1, limit=1) == [True]  # counted as the first
    assert len(recording.timeouts) == 2 and all(60 <= t <= 120 for t in recording.timeouts)
    monkeypatch.setattr(ratelimit, "cache", cache)
    assert hits(2, limit=2) == [True, False]  # and stored as one: the next is the second
