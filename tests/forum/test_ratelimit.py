"""Fixed-window rate limits: counted per window of the limiter's clock, stopped in tests."""

from forum import ratelimit


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
