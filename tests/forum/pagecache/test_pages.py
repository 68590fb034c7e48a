"""The anonymous article page is cached, and every write readers would see refreshes it."""

import gzip
from types import SimpleNamespace

import pytest
from django.urls import reverse

from articles.discovery import most_discussed_on_site
from forum.comments import decisions, transitions
from forum.discussion import services
from forum.models import Comment
from forum.moderation import services as moderation
from forum.platform import pagecache
from tests.factories import ArticleFactory, CommentFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory()


def anonymous_page(client, article, **params):
    """Return the article page as an anonymous reader gets it, decompressed.

    Make every member a test needs before the page is first cached: a new member refreshes
    every page, which would hide a write that forgot to.
    """
    client.logout()
    response = client.get(article.get_absolute_url(), params, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert not response.cookies, "a cached page must set no cookie"
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


def test_anonymous_page_is_served_compressed_with_validators_and_no_queries(
    client, article, django_assert_max_num_queries
):
    anonymous_page(client, article)
    with django_assert_max_num_queries(0):
        response = client.get(article.get_absolute_url(), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"].startswith("public, max-age=")
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_new_comment_is_on_the_next_anonymous_page(client, article, committed):
    author = UserFactory()
    CommentFactory(thread=article.thread, author=author)  # past the new-member hold
    CommentFactory(thread=article.thread, author=author)
    assert "Fresh thoughts on the summit" not in anonymous_page(client, article)
    with committed():
        transitions.comment_create(
            author=author, thread=article.thread, body="Fresh thoughts on the summit"
        )
    assert "Fresh thoughts on the summit" in anonymous_page(client, article)


def test_a_held_comment_never_reaches_the_cached_page(client, article, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 5
    anonymous_page(client, article)
    held = transitions.comment_create(
        author=UserFactory(), thread=article.thread, body="Held back for review"
    )
    assert held.status == Comment.Status.PENDING
    assert "Held back for review" not in anonymous_page(client, article)


def test_a_rejected_comment_disappears(client, article, moderator, committed):
    comment = CommentFactory(thread=article.thread, body="Soon to be rejected")
    assert "Soon to be rejected" in anonymous_page(client, article)
    with committed():
        decisions.comment_reject(comment=comment, moderator=moderator, reason="spam")
    assert "Soon to be rejected" not in anonymous_page(client, article)


def test_an_approved_comment_appears(client, article, moderator, committed):
    held = CommentFactory(thread=article.thread, body="Waiting for a moderator", pending=True)
    assert "Waiting for a moderator" not in anonymous_page(client, article)
    with committed():
        decisions.comment_approve(comment=held, moderator=moderator)
    assert "Waiting for a moderator" in anonymous_page(client, article)


def test_a_comment_its_author_deletes_disappears(client, article, committed):
    author = UserFactory()
    comment = CommentFactory(thread=article.thread, author=author, body="Second thoughts")
    assert "Second thoughts" in anonymous_page(client, article)
    client.force_login(author)
    with committed():
        response = client.post(reverse("forum:comment_delete", args=[comment.pk]))
    assert response.status_code == 302
    assert "Second thoughts" not in anonymous_page(client, article)


def test_featuring_a_comment_shows_it_in_the_featured_strip(client, article, moderator, committed):
    comment = CommentFactory(thread=article.thread, body="Worth reading twice")
    assert 'id="featured-title"' not in anonymous_page(client, article)
    with committed():
        decisions.comment_feature(comment=comment, moderator=moderator)
    page = anonymous_page(client, article)
    assert 'id="featured-title"' in page
    featured = page[
        page.index('id="featured-title"') : page.index(
            "</section>", page.index('id="featured-title"')
        )
    ]
    assert "Worth reading twice" in featured


def test_an_edit_shows_the_new_text(client, article, committed):
    author = UserFactory()
    for _ in range(2):
        CommentFactory(thread=article.thread, author=author)
    comment = CommentFactory(thread=article.thread, author=author, body="Old wording")
    assert "Old wording" in anonymous_page(client, article)
    with committed():
        transitions.comment_edit(comment=comment, editor=author, body="New wording")
    page = anonymous_page(client, article)
    assert "New wording" in page and "Old wording" not in page


def results():
    """Return how many anonymous requests the page cache answered each way so far."""
    labels = ("hit", "stale", "stored", "uncacheable")
    return {label: pagecache.page_cache_requests.labels(label)._value.get() for label in labels}


def since(before):
    return {label: n - before[label] for label, n in results().items() if n != before[label]}


def render_lock(article):
    """Return the key of the lock a reader who renders the article page holds."""
    request = SimpleNamespace(path=article.get_absolute_url(), LANGUAGE_CODE="en")
    return pagecache._lock_key(pagecache._entry_key(request, ""))


def test_a_vote_that_changes_the_top_order_reorders_it_within_the_lag(
    client, article, committed, page_clock, settings
):
    first = CommentFactory(thread=article.thread, body="First in time")
    second = CommentFactory(thread=article.thread, body="Second in time")
    voters = [UserFactory() for _ in range(3)]
    page = anonymous_page(client, article, sort="top")
    assert page.index(first.anchor) < page.index(second.anchor)
    with committed():
        services.vote_toggle(comment=second, voter=voters[0])
    # Still the cached page: a vote does not buy a render...
    page_clock.advance(settings.VOTE_PAGE_LAG_SECONDS - 0.5)
    page = anonymous_page(client, article, sort="top")
    assert page.index(first.anchor) < page.index(second.anchor)
    with committed():
        services.vote_toggle(comment=first, voter=voters[1])
        services.vote_toggle(comment=second, voter=voters[2])
    # ...and once the page is as old as the lag, one render shows every vote since.
    page_clock.advance(0.5)
    page = anonymous_page(client, article, sort="top")
    assert page.index(second.anchor) < page.index(first.anchor)
    assert "▲</span> 2<" in page


def test_twenty_votes_in_the_lag_cost_no_render_and_after_it_one_reader_renders(
    client, article, committed, page_clock, settings
):
    comments = [CommentFactory(thread=article.thread) for _ in range(3)]
    voters = [UserFactory() for _ in range(20)]
    cached = anonymous_page(client, article)
    before = results()
    for n, voter in enumerate(voters):
        with committed():
            services.vote_toggle(comment=comments[n % 3], voter=voter)
        page_clock.advance(0.1)
        assert anonymous_page(client, article) == cached  # the old scores
    assert since(before) == {"hit": 20}  # twenty votes, no render
    # Half a second past the lag: one reader renders; meanwhile the others get the page before it.
    page_clock.advance(settings.VOTE_PAGE_LAG_SECONDS - 2 + 0.5)
    assert pagecache.pages.add(render_lock(article), 1)  # that one reader, still rendering
    before = results()
    assert anonymous_page(client, article) == cached
    assert since(before) == {"stale": 1}
    pagecache.pages.delete(render_lock(article))
    before = results()
    page = anonymous_page(client, article)
    assert anonymous_page(client, article) == page
    assert since(before) == {"stored": 1, "hit": 1}
    for comment in comments:  # 7, 7 and 6 votes: every one of them
        count = comment.votes.count()
        assert count in (6, 7)
        assert f"▲</span> {count}<" in page
    assert f"▲</span> {count}<" not in cached


def test_a_comment_in_the_lag_refreshes_the_page_at_once_with_the_votes(
    client, article, committed, page_clock
):
    author = UserFactory()
    voted = CommentFactory(thread=article.thread, author=author)
    CommentFactory(thread=article.thread, author=author)
    voter = UserFactory()
    anonymous_page(client, article)
    with committed():
        services.vote_toggle(comment=voted, voter=voter)
    with committed():
        transitions.comment_create(author=author, thread=article.thread, body="Said in the lag")
    page_clock.advance(0.1)
    page = anonymous_page(client, article)
    assert "Said in the lag" in page
    assert "▲</span> 1<" in page  # rendered now: it shows the vote too


def test_closing_the_thread_shows_on_the_next_page(client, article, moderator):
    assert "Comments on this article are closed" not in anonymous_page(client, article)
    moderation.thread_close(thread=article.thread, moderator=moderator)
    assert "Comments on this article are closed" in anonymous_page(client, article)


def test_editing_the_article_refreshes_its_page(client, article):
    anonymous_page(client, article)
    article.title = "A corrected headline"
    article.save()
    assert "A corrected headline" in anonymous_page(client, article)


def test_members_and_moderators_never_leak_into_the_anonymous_page(client, article):
    author = UserFactory()
    comment = CommentFactory(thread=article.thread, author=author)
    for user in (author, ModeratorFactory(), UserFactory()):
        client.force_login(user)
        client.get(article.get_absolute_url())
        page = anonymous_page(client, article)
        assert reverse("forum:comment_edit", args=[comment.pk]) not in page
        assert reverse("moderation:comment", args=[comment.pk]) not in page
        assert reverse("forum:comment_vote", args=[comment.pk]) not in page
        assert "csrfmiddlewaretoken" not in page


def test_a_member_sees_only_their_own_edit_links(client, article):
    mine = CommentFactory(thread=article.thread, author=UserFactory())
    theirs = CommentFactory(thread=article.thread, author=UserFactory())
    anonymous_page(client, article)
    client.force_login(mine.author)
    page = client.get(article.get_absolute_url()).content.decode()
    assert reverse("forum:comment_edit", args=[mine.pk]) in page
    assert reverse("forum:comment_edit", args=[theirs.pk]) not in page


@pytest.mark.parametrize("query", ["sort=bogus", "page=abc", "page=999999", "sort=top&sort=new"])
def test_bad_parameters_answer_a_page_and_store_nothing(client, article, query):
    from django.core.cache import cache

    most_discussed_on_site()  # one shared key, whatever the parameters
    client.get(article.get_absolute_url())  # the page and its shared parts, once
    before = len(cache._cache)  # local memory in tests
    response = client.get(f"{article.get_absolute_url()}?{query}")
    assert response.status_code == 200
    assert len(cache._cache) == before  # nothing more: no entry for a junk value
