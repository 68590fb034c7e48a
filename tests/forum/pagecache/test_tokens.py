"""The freshness rule and the scores' lag, as pure functions, and the shared parts that follow them.

Counted, never timed: the page cache's clock is stopped and moved by hand.
"""

import pytest

from forum.platform import pagecache, pagetokens
from forum.platform.pagetokens import PATH, SCORES, SITE, freshness, scores_mark, token_key
from forum.platform.sharedparts import SharedParts

KEYS = pagetokens.page_token_keys("/articles/a/", (PATH,))
LAG = 10


def token(*values):
    """Return a token whose values, newest first, were set at the given times (seconds)."""
    return " ".join(f"{value}@{round(at * 1000)}" for value, at in values)


def tokens(site="s1@50", path="p1@60", scores="v1@100"):
    return dict(zip(KEYS, (site, path, scores), strict=True))


def test_a_page_depends_on_its_paths_scores_token_and_a_listing_does_not():
    assert KEYS == [
        token_key(SITE),
        token_key(PATH, "/articles/a/"),
        token_key(SCORES, "/articles/a/"),
    ]
    assert token_key(SCORES) not in str(pagetokens.page_token_keys("/", ("discussions",)))


def test_a_vote_is_tolerated_until_the_entry_is_as_old_as_the_lag():
    found = tokens(scores=token(("v3", 105), ("v2", 104), ("v1", 100)))
    rendered = "s1.p1.v1"
    assert freshness(rendered, 103, KEYS, found, now=112.9, lag=LAG).fresh
    at_lag = freshness(rendered, 103, KEYS, found, now=113, lag=LAG)
    assert not at_lag.fresh and at_lag.stale_since == 113  # stale from its age, not the vote


def test_a_vote_after_the_lag_is_stale_from_the_vote():
    found = tokens(scores=token(("v2", 130), ("v1", 100)))
    assert freshness("s1.p1.v1", 103, KEYS, found, now=130.5, lag=LAG).stale_since == 130


def test_more_votes_than_the_token_remembers_are_stale_from_the_lag():
    found = tokens(scores=token(*[(f"v{n}", 100 + n) for n in range(30, 14, -1)]))
    rendered = freshness("s1.p1.v1", 103, KEYS, found, now=113.5, lag=LAG)
    assert not rendered.fresh and rendered.stale_since == 113


def test_any_other_change_is_stale_at_once_whatever_the_lag():
    found = tokens(path=token(("p2", 104), ("p1", 60)))
    rendered = freshness("s1.p1.v1", 103, KEYS, found, now=104.1, lag=LAG)
    assert not rendered.fresh and rendered.stale_since == 104


def test_an_entry_rendered_under_other_tokens_is_not_fresh():
    assert freshness("s1.p1", 103, KEYS, tokens(), now=103, lag=LAG) == pagetokens.Freshness(
        False, None
    )


def test_the_scores_mark_changes_once_a_period_and_shows_the_votes_before_it():
    votes = [("v1", 100)]
    marks = set()
    for tenth in range(1000, 1300):  # 30 seconds, a vote every tenth of a second
        now = tenth / 10
        votes.insert(0, (f"v{tenth}", now))
        marks.add(scores_mark("/articles/a/", token(*votes[:16]), now=now, lag=LAG))
    assert len(marks) <= 2 * (30 // LAG + 1)


@pytest.mark.django_db
def test_shared_parts_follow_votes_once_the_lag_is_over(page_clock, settings):
    def key():
        return SharedParts("/articles/a/").key("tree")

    def topics():
        return SharedParts("/articles/a/").key("topics", follows_discussion=False)

    before, before_topics = key(), topics()
    page_clock.advance(settings.VOTE_PAGE_LAG_SECONDS * 2)
    assert key() == before
    pagecache.scores_changed(paths=["/articles/a/"])
    keys = set()
    for _ in range(10):
        page_clock.advance(0.1)
        keys.add(key())
    assert keys <= {before, next(iter(keys - {before}), before)}  # at most one new key
    page_clock.advance(settings.VOTE_PAGE_LAG_SECONDS)
    assert key() != before
    assert topics() == before_topics  # no scores on it
