"""Comment cards are rendered once and shared; what differs per reader is added per request."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from forum.discussion import services
from tests.factories import ArticleFactory, CommentFactory, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory()


def card_keys():
    return [key for key in cache._cache if ":card:" in key]  # local memory in tests


def page(client, article, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(article.get_absolute_url()).content.decode()


def test_a_card_is_rendered_once_and_reused_for_every_reader(client, article):
    CommentFactory(thread=article.thread, body="The original words")
    page(client, article, UserFactory())
    (key,) = card_keys()
    cache.set(key.split(":", 2)[-1], cache.get(key.split(":", 2)[-1]).replace("original", "cached"))
    assert "The cached words" in page(client, article, UserFactory())


def test_a_changed_comment_gets_a_new_card(client, article):
    comment = CommentFactory(thread=article.thread)
    reader = UserFactory()
    page(client, article, reader)
    services.vote_toggle(comment=comment, voter=UserFactory())
    html = page(client, article, reader)
    assert '<span class="vote-count">1</span>' in html
    assert len(card_keys()) == 2


def test_each_reader_sees_only_their_own_controls(client, article):
    alice, bob = UserFactory(), UserFactory()
    hers = CommentFactory(thread=article.thread, author=alice)
    his = CommentFactory(thread=article.thread, author=bob)
    services.vote_toggle(comment=his, voter=alice)
    as_alice = page(client, article, alice)
    as_bob = page(client, article, bob)
    as_moderator = page(client, article, ModeratorFactory())
    anonymous = page(client, article)
    for action in ("forum:comment_edit", "forum:comment_delete"):
        hers_url, his_url = (reverse(action, args=[c.pk]) for c in (hers, his))
        assert hers_url in as_alice and his_url not in as_alice
        assert his_url in as_bob and hers_url not in as_bob
        assert hers_url not in as_moderator + anonymous and his_url not in as_moderator + anonymous
    assert 'aria-pressed="true"' in as_alice and 'aria-pressed="true"' not in as_bob
    assert reverse("forum:comment_vote", args=[his.pk]) not in anonymous
    assert reverse("moderation:comment", args=[his.pk]) not in as_alice + as_bob + anonymous
    assert reverse("moderation:comment", args=[his.pk]) in page(client, article, ModeratorFactory())


def test_times_are_absolute_in_the_shared_card(client, article):
    CommentFactory(thread=article.thread)
    html = page(client, article)
    assert "data-relative" in html
    assert " ago<" not in html and "now<" not in html


def test_a_long_comment_is_folded_with_read_more_and_a_short_one_is_not(client, article):
    long = CommentFactory(thread=article.thread, body="A line of argument.\n\n" * 20)
    short = CommentFactory(thread=article.thread, body="Brief.")
    html = page(client, article)
    assert f'href="#{long.anchor}-body">Read more' in html
    assert f'id="{long.anchor}-body"' in html and "comment__body--long" in html
    assert f'href="#{short.anchor}-body">Read more' not in html
