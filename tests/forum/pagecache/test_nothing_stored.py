"""Values that point at nothing are never rendered into the page cache: each view under it
answers them with a 404, a redirect to the page that is there, or nothing to show."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, TopicFactory

pytestmark = pytest.mark.django_db

ROUNDS = 5  # each junk request with this many different values


def stored_pages():
    """Return how many pages and shared parts of pages the caches hold."""
    count = 0
    for cache in caches.all():
        keys = getattr(cache, "_cache", {})  # local memory, as in the tests
        count += sum(1 for key in keys if ":pc:e:" in key or ":pc:p:" in key)
    return count


@pytest.fixture
def site(settings):
    settings.COMMENTS_PER_PAGE = 1
    topic = TopicFactory()
    article = ArticleFactory()
    article.topics.add(topic)
    thread = article.thread
    first = CommentFactory(thread=thread)
    CommentFactory(thread=thread, parent=first)
    CommentFactory(thread=thread)  # two pages of one top-level comment each
    held = CommentFactory(thread=thread, status=Comment.Status.PENDING)
    return {"topic": topic, "article": article, "thread": thread, "held": held}


def pointing_at_nothing(site, n):
    """Yield (url, expected status) of requests whose values name nothing, the n-th of each."""
    article, thread, topic = site["article"], site["thread"], site["topic"]
    missing = 900_000 + n
    page = 50 + n
    url = article.get_absolute_url()
    yield f"/?page={page}", 404
    yield f"{topic.get_absolute_url()}?page={page}", 404
    yield f"{url}?comment={missing}", 302
    yield f"{url}?comment={site['held'].pk}&sort=top&n={n}", 302  # held: not for visitors
    yield f"{url}?page={page}", 302
    yield f"{url}?page={page}&sort=newest", 302
    yield f"{url}?thread={missing}", 302
    cards = reverse("live:thread_cards", args=[thread.pk])
    yield f"{cards}?ids={missing}", 204
    yield f"{cards}?ids={site['held'].pk},{missing}", 204
    yield f"{cards}?ids={missing},{missing + 1}", 204
    yield reverse("forum:thread_replies", args=[thread.pk, missing]), 404
    embed = f"{reverse('embed:thread')}?key={thread.key}"
    yield f"{embed}&replies={missing}", 302
    yield f"{embed}&page={page}", 302


def test_values_that_point_at_nothing_store_nothing(client, site):
    # The pages that are there, stored once, with their shared parts.
    for url in (
        "/",
        site["topic"].get_absolute_url(),
        site["article"].get_absolute_url(),
        f"{reverse('embed:thread')}?key={site['thread'].key}",
    ):
        assert client.get(url).status_code == 200
    before = stored_pages()
    assert before > 0
    for n in range(ROUNDS):
        for url, status in pointing_at_nothing(site, n):
            assert client.get(url).status_code == status, url
    assert stored_pages() == before


def test_the_redirects_lead_to_the_pages_that_are_there(client, site):
    url = site["article"].get_absolute_url()
    assert client.get(f"{url}?page=9")["Location"] == f"{url}?page=2"
    assert client.get(f"{url}?page=9&sort=top")["Location"] == f"{url}?sort=top&page=2"
    assert client.get(f"{url}?thread=999999&page=2")["Location"] == url
    assert client.get(f"{url}?comment=999999&sort=top")["Location"] == f"{url}?sort=top"
    cards = reverse("live:thread_cards", args=[site["thread"].pk])
    shown = site["thread"].comments.filter(status=Comment.Status.PUBLISHED).order_by("pk")
    ids = [c.pk for c in shown]
    response = client.get(f"{cards}?ids={ids[0]},999999")
    assert response["Location"] == f"{cards}?ids={ids[0]}"
