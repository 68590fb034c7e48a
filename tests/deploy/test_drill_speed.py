"""The drill's "back to full speed" check (deploy/drill_speed.py), on made-up runs."""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.append(str(Path(__file__).resolve().parents[2] / "deploy"))
from drill_speed import per_second, recovery  # noqa: E402 (deploy/ is scripts, not a package)

FAILURES = [("app server web1 killed", 20.0, 20.0), ("backup (pg_dump)", 30.0, 30.5)]


def run(posts_per_second, reads_per_second, seconds=90):
    """A made-up run: each second gets the given numbers of accepted posts and reads."""
    posts, requests = {}, []
    for second in range(seconds):
        for n in range(posts_per_second(second)):
            posts[f"{second}-{n}"] = {"outcome": "accepted", "t": second + 0.5}
        requests += [(second + 0.5, "read", 200, 0.1)] * reads_per_second(second)
    posts["refused"] = {"outcome": "refused", "t": 50.5}
    requests.append((50.5, "read", 502, 0.1))
    return SimpleNamespace(posts=posts, requests=requests, events=FAILURES)


def test_counts_by_second_only_what_was_accepted_or_answered():
    posts, reads = per_second(run(lambda s: 2, lambda s: 10), 90)
    assert posts[50] == 2 and reads[50] == 10
    assert len(posts) == len(reads) == 90


def test_the_end_compares_with_the_ten_seconds_before_the_first_failure():
    speed = recovery(run(lambda s: 6, lambda s: 30 if s < 80 else 24), 90)
    assert speed["before"] == (10, 20) and speed["after"] == (80, 90)
    assert speed["reads_ratio"] == pytest.approx(0.8)
    assert speed["ok"]


def test_a_lasting_loss_fails():
    speed = recovery(run(lambda s: 6 if s < 20 else 3, lambda s: 30), 90)
    assert speed["posts_ratio"] == pytest.approx(0.5)
    assert not speed["ok"]


def test_a_drop_within_counting_noise_passes_and_says_so():
    speed = recovery(run(lambda s: 2 if s < 80 else (1 if s % 3 else 2), lambda s: 30), 90)
    assert speed["posts_ratio"] < 0.7
    assert speed["posts_within_noise"] and speed["ok"]


def test_a_run_without_failures_is_not_measured():
    record = run(lambda s: 6, lambda s: 30)
    record.events = [("backup (pg_dump)", 30.0, 30.5)]
    assert recovery(record, 90)["measured"] is False


def test_a_short_run_is_not_measured():
    record = run(lambda s: 6, lambda s: 30, seconds=30)
    record.events = [("app server web1 killed", 6.7, 6.7)]
    speed = recovery(record, 30)
    assert speed["measured"] is False and speed["ok"] is None
