"""A page of a thread is built once and shared by every reader who sees what anonymous readers
see (forum.discussion.sections); each reader's own part is filled in per request."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from forum.comments import decisions, transitions
from forum.discussion import cards, sections, services
from forum.discussion.marks import reader_marks
from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory()


def page_of(client, article, user=None, **params):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    response = client.get(article.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(html):
    """Return `html` without its CSRF tokens, which differ from response to response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_shared_page_fills_in_each_readers_own_marks(client, article):
    alice, bob = UserFactory(), UserFactory()
    hers = CommentFactory(thread=article.thread, author=alice, body="Alice writes")
    his = CommentFactory(thread=article.thread, author=bob, body="Bob writes")
    services.vote_toggle(comment=his, voter=alice)

    for_alice = page_of(client, article, alice)  # builds and stores the shared section
    for_bob = page_of(client, article, bob)  # from the cache
    moderator_page = page_of(client, article, ModeratorFactory())

    vote_his = reverse("forum:comment_vote", args=[his.pk])
    assert reverse("forum:comment_edit", args=[hers.pk]) in for_alice
    assert reverse("forum:comment_edit", args=[his.pk]) not in for_alice
    assert reverse("forum:comment_edit", args=[his.pk]) in for_bob
    assert reverse("forum:comment_edit", args=[hers.pk]) not in for_bob
    # Alice's up-vote on Bob's comment is hers: pressed for her, and Bob can't vote on his own.
    pressed = rf'action="{vote_his}"[^>]*>\s*<input[^>]*>\s*<button[^>]*vote-button--on'
    assert re.search(pressed, for_alice)
    assert vote_his not in for_bob
    assert "vote-button--on" not in for_bob
    for page in (for_alice, for_bob):
        assert reverse("moderation:comment", args=[hers.pk]) not in page
    assert reverse("moderation:comment", args=[hers.pk]) in moderator_page
    assert reverse("forum:comment_edit", args=[hers.pk]) not in moderator_page


def test_the_shared_page_is_what_a_page_built_for_the_reader_alone_shows(client, article):
    member = UserFactory()
    for _ in range(3):
        root = CommentFactory(thread=article.thread)
        CommentFactory(thread=article.thread, parent=root, author=member)
    services.vote_toggle(comment=root, voter=member)
    page_of(client, article)  # an anonymous reader stores the shared section first
    shared = without_tokens(page_of(client, article, member))

    thread = article.thread
    own = sections.build(member, thread, sort="oldest", page_number=None)
    request = RequestFactory().get(article.get_absolute_url())
    request.user, request._messages = member, []
    context = {"thread": thread, "is_moderator": False}
    marks = reader_marks(member, thread, own.tree.comment_ids)
    html = without_tokens(cards.fill(own.tree, request, context, voted_ids=marks.voted_ids))
    assert marks.voted_ids == {root.pk}
    assert len(own.tree.cards) == 6
    assert html in shared


def test_a_members_held_comment_shows_to_them_only_and_is_never_shared(client, article, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 5
    CommentFactory(thread=article.thread, body="Everyone sees this")
    writer, reader = UserFactory(), UserFactory()
    page_of(client, article, reader)  # the shared section is stored before the held comment
    held = transitions.comment_create(author=writer, thread=article.thread, body="Held for review")
    assert held.status == Comment.Status.PENDING

    writers_page = page_of(client, article, writer)
    assert "Held for review" in writers_page and "Awaiting moderation" in writers_page
    for page in (page_of(client, article, reader), page_of(client, article)):
        assert "Held for review" not in page
        assert "Everyone sees this" in page
    assert "Held for review" in page_of(client, article, writer)  # still theirs, not shared


def test_every_change_readers_see_reaches_a_members_next_page(client, article, committed):
    member, author = UserFactory(), UserFactory()
    for _ in range(2):
        CommentFactory(thread=article.thread, author=author)  # past the new-member hold
    assert "Fresh from another member" not in page_of(client, article, member)
    with committed():
        comment = transitions.comment_create(
            author=author, thread=article.thread, body="Fresh from another member"
        )
    assert "Fresh from another member" in page_of(client, article, member)
    with committed():
        transitions.comment_edit(comment=comment, editor=author, body="Reworded by its author")
    page = page_of(client, article, member)
    assert "Reworded by its author" in page and "Fresh from another member" not in page
    with committed():
        decisions.comment_reject(comment=comment, moderator=ModeratorFactory(), reason="spam")
    assert "Reworded by its author" not in page_of(client, article, member)


def test_a_new_comment_updates_the_count_without_rendering_the_article_again(
    client, article, committed
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    author = UserFactory()
    for _ in range(2):
        CommentFactory(thread=article.thread, author=author)  # past the new-member hold
    assert '<a href="#discussion">2 comments</a>' in page_of(client, article)
    with committed():
        transitions.comment_create(author=author, thread=article.thread, body="One more")
    with CaptureQueriesContext(connection) as queries:
        page = page_of(client, article)
    assert '<a href="#discussion">3 comments</a>' in page and "One more" in page
    # The article's body and related articles came from the cache: no query read them.
    assert not [q for q in queries.captured_queries if "articles_reference" in q["sql"]]
    article.title = "A retitled article"
    article.save()  # an article's change reaches its body at once
    page = page_of(client, article, UserFactory())
    assert (
        '<h1 id="article-title" class="article__title" dir="auto">A retitled article</h1>' in page
    )
    assert '<a href="#discussion">3 comments</a>' in page


def test_pages_and_sorts_are_shared_separately_and_junk_is_not_stored(client, article, settings):
    from django.core.cache import cache

    settings.COMMENTS_PER_PAGE = 2
    for body in ("First comment", "Second comment", "Third comment"):
        CommentFactory(thread=article.thread, body=body)
    member = UserFactory()
    first = page_of(client, article, member)
    second = page_of(client, article, member, page="2")
    newest = page_of(client, article, member, sort="newest")
    assert "First comment" in first and "Third comment" not in first
    assert "Third comment" in second and "First comment" not in second
    assert newest.index("Third comment") < newest.index("Second comment")
    before = len(cache._cache)
    for junk in ({"page": "abc"}, {"page": "0"}, {"thread": "x1"}):
        assert "comment" in page_of(client, article, member, **junk)  # a page, never a 500
    assert len(cache._cache) == before
    # A value that points at nothing sends the reader to the page that is there.
    for params, there in (({"thread": "999999"}, ""), ({"page": "3"}, "?page=2")):
        client.force_login(member)
        response = client.get(article.get_absolute_url(), params)
        assert response.status_code == 302
        assert response["Location"] == article.get_absolute_url() + there
    assert len(cache._cache) == before


def test_a_thread_whose_only_comment_is_held_reads_as_empty_but_to_its_author(
    client, article, settings
):
    settings.PREMODERATE_FIRST_COMMENTS = 5
    writer = UserFactory()
    transitions.comment_create(author=writer, thread=article.thread, body="Only mine, held")
    assert "Only mine, held" not in page_of(client, article)
    assert "No comments yet" in page_of(client, article, UserFactory())
    assert "Only mine, held" in page_of(client, article, writer)
    assert "Only mine, held" not in page_of(client, article, UserFactory())


def test_through_redis_every_app_server_shares_the_page_and_its_refresh(
    client, article, redis_cache, committed
):
    author, reader = UserFactory(), UserFactory()
    for _ in range(2):
        CommentFactory(thread=article.thread, author=author)  # past the new-member hold
    assert "Written while others read" not in page_of(client, article, reader)
    assert any(key.startswith(b":1:pc:p:") for key in redis_cache.keys())  # stored in Redis
    with committed():
        transitions.comment_create(
            author=author, thread=article.thread, body="Written while others read"
        )
    assert "Written while others read" in page_of(client, article, reader)
    assert "Written while others read" in page_of(client, article)
