"""The embeddable thread: framed only by allowed sites, threads opened only for them, scripts."""

import gzip
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.tokens import token_create
from forum.models import Thread
from tests.factories import CommentFactory
from tests.test_html_validity import VNU_JAR, run_vnu

pytestmark = pytest.mark.django_db

HOST = "https://news.example"


@pytest.fixture(autouse=True)
def allowed(settings):
    settings.EMBED_ALLOWED_ORIGINS = [HOST, "http://127.0.0.2:8201"]


def embed(client, **params):
    return client.get(reverse("embed:thread"), params, headers=params.pop("headers", {}))


def test_embed_shows_an_existing_thread_framed_only_by_allowed_sites(client, thread):
    comment = CommentFactory(thread=thread, body="Seen **in the frame**")
    held = CommentFactory(thread=thread, pending=True, body="Held words")
    response = embed(client, key=thread.key)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>in the frame</strong>" in html and "Held words" not in html
    assert f"/comments/{comment.pk}/" in html and held.body not in html
    csp = response["Content-Security-Policy"]
    assert f"frame-ancestors {HOST} http://127.0.0.2:8201" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "X-Frame-Options" not in response
    assert "csrftoken" not in response.cookies  # readers get no cookie: cacheable, 3rd-party safe
    assert "Sign in to join the discussion" in html


def test_every_other_page_keeps_frame_ancestors_none(client, thread):
    response = client.get(thread.url)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_no_allowed_origins_means_no_framing(client, thread, settings):
    settings.EMBED_ALLOWED_ORIGINS = []
    response = embed(client, key=thread.key)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_first_load_from_an_allowed_site_opens_the_thread(client):
    response = embed(
        client,
        key="story-42",
        url=f"{HOST}/2026/story",
        title="A story\x07",
        headers={"Referer": f"{HOST}/"},
    )
    assert response.status_code == 200
    thread = Thread.objects.get(key="story-42")
    assert (thread.url, thread.title, thread.is_open) == (f"{HOST}/2026/story", "A story", True)
    embed(client, key="story-42", url=f"{HOST}/2026/story")
    assert Thread.objects.filter(key="story-42").count() == 1


@pytest.mark.parametrize(
    "params",
    [
        {"key": "story-1", "url": "https://evil.example/story"},
        {"key": "story-1", "url": "javascript:alert(1)"},
        {"key": "story-1", "url": ""},
        {"key": "article:999", "url": f"{HOST}/story"},
        {"key": "bad key with spaces", "url": f"{HOST}/story"},
        {"key": "", "url": f"{HOST}/story"},
        {"key": "story-1", "url": f"{HOST}/story", "headers": {"Referer": "https://evil.example/"}},
    ],
)
def test_no_thread_for_other_sites_or_bad_keys(client, params):
    response = embed(client, **params)
    assert response.status_code == 404
    assert "can’t be shown here" in response.content.decode()
    assert not Thread.objects.exists()


def test_hidden_threads_are_not_embedded(client, thread):
    Thread.objects.filter(pk=thread.pk).update(visible_from=None)
    assert embed(client, key=thread.key).status_code == 404


def test_new_threads_are_rate_limited(client, settings):
    settings.EMBED_THREAD_RATE_PER_HOUR = 2
    statuses = [embed(client, key=f"s{i}", url=f"{HOST}/{i}").status_code for i in range(3)]
    assert statuses == [200, 200, 404]
    assert Thread.objects.count() == 2


def test_sort_pages_and_subtrees_stay_in_the_frame(client, thread, settings):
    settings.COMMENTS_PER_PAGE = 2
    roots = [CommentFactory(thread=thread) for _ in range(3)]
    for _ in range(5):
        CommentFactory(parent=roots[0])
    html = embed(client, key=thread.key).content.decode()
    assert "Show 2 more replies" in html
    assert f"/embed/?key={thread.key.replace(':', '%3A')}&amp;replies={roots[0].pk}" in html
    assert "page=2" in html
    subtree = embed(client, key=thread.key, replies=roots[0].pk).content.decode()
    assert subtree.count('class="embed__comment"') == 6
    newest = embed(client, key=thread.key, sort="newest").content.decode()
    assert newest.index(f"comment-{roots[2].pk}") < newest.index(f"comment-{roots[1].pk}")


def test_member_in_a_first_party_frame_gets_the_composer(client_as, member, thread):
    html = embed(client_as(member), key=thread.key).content.decode()
    assert f'action="/threads/{thread.pk}/comments/"' in html and 'target="_top"' in html


def test_readers_share_the_embed_from_the_cache_until_the_thread_changes(
    client, thread, django_assert_max_num_queries
):
    CommentFactory(thread=thread, body="First words")
    first = embed(client, key=thread.key)
    with django_assert_max_num_queries(1):  # the thread, by its key; the page from the cache
        again = embed(client, key=thread.key, headers={"Accept-Encoding": "gzip"})
    assert again["Content-Encoding"] == "gzip"
    assert gzip.decompress(again.content) == first.content
    for response in (first, again):
        assert f"frame-ancestors {HOST}" in response["Content-Security-Policy"]
        assert "X-Frame-Options" not in response and not response.cookies
    assert (
        embed(client, key=thread.key, headers={"If-None-Match": again["ETag"]}).status_code == 304
    )
    # A new comment, as on the thread's own page, shows to the next reader.
    CommentFactory(thread=thread, body="Second words")
    assert "Second words" in embed(client, key=thread.key).content.decode()


def test_the_embed_cache_keeps_sort_and_scheme_apart_and_stores_no_junk(client, thread):
    older, newer = CommentFactory(thread=thread), CommentFactory(thread=thread)
    embed(client, key=thread.key, scheme="dark")
    newest = embed(client, key=thread.key, sort="newest").content.decode()
    assert newest.index(f"comment-{newer.pk}") < newest.index(f"comment-{older.pk}")
    assert 'class="scheme-dark"' not in newest
    stored = len(cache._cache)
    for junk in ({"sort": "<x>"}, {"page": "abc"}, {"replies": "-1"}, {"scheme": "neon"}):
        assert embed(client, key=thread.key, **junk).status_code == 200
    assert len(cache._cache) == stored


def test_a_hidden_thread_is_refused_even_when_its_embed_is_cached(client, thread):
    embed(client, key=thread.key)
    Thread.objects.filter(pk=thread.pk).update(visible_from=None)
    assert embed(client, key=thread.key).status_code == 404


def test_members_embed_is_never_stored(client_as, member, thread):
    assert "Post comment" in embed(client_as(member), key=thread.key).content.decode()
    assert "Sign in to join the discussion" in embed(Client(), key=thread.key).content.decode()


@pytest.mark.parametrize("name", ["script", "count_script"])
def test_scripts_are_served_at_the_root_with_caching(client, name):
    response = client.get(reverse(f"embed:{name}"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    again = client.get(reverse(f"embed:{name}"), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_embed_and_token_pages_are_valid_html(client, client_as, member, thread):
    if not VNU_JAR.exists():
        pytest.skip(f"NU HTML CHECKER MISSING: {VNU_JAR}")
    CommentFactory(parent=CommentFactory(thread=thread, body="A *root*"), body="A reply")
    token_create(user=member, name="An app", scope="read")
    pages = {
        "embed": embed(client, key=thread.key).content,
        "embed-refused": embed(client, key="x", url="https://evil.example/").content,
        "settings-tokens": client_as(member)
        .post(reverse("accounts:token_new"), {"name": "Another", "scope": "write"})
        .content,
    }
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, content in pages.items():
            path = Path(folder) / f"{name}.html"
            path.write_bytes(content)
            paths.append(path)
        problems = [m for m in run_vnu(paths) if m["type"] != "info"]
    assert not problems, [(m["url"].rsplit("/", 1)[-1], m["message"]) for m in problems]


def test_a_post_from_the_top_level_embed_returns_to_the_host_page(client_as, member, settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    thread = Thread.objects.create(
        key="story-7", title="Story", url=f"{HOST}/story", visible_from="2026-01-01T00:00Z"
    )
    client = client_as(member)
    page = embed(client, key="story-7").content.decode()
    assert f'action="/threads/{thread.pk}/comments/"' in page
    response = client.post(f"/threads/{thread.pk}/comments/", {"body": "From the embed"})
    assert response.status_code == 302
    assert response["Location"].startswith(f"{HOST}/story?comment=")


def test_a_comment_gone_from_the_frame_reads_as_on_the_page(client, thread):
    removed = CommentFactory(thread=thread, status="removed", body="Gone words")
    held = CommentFactory(thread=thread, pending=True, body="Held words")
    for gone in (removed, held):
        CommentFactory(parent=gone, body="A reply that stays")
    framed = embed(client, key=thread.key).content.decode()
    page = client.get(thread.url).content.decode()
    for gone in (removed, held):
        assert gone.placeholder_text in framed and gone.placeholder_text in page
        assert gone.body not in framed


def test_links_come_from_site_url_whatever_the_host(client, thread, settings):
    settings.SITE_URL = "https://forum.example"
    settings.ALLOWED_HOSTS = ["forum.example", "other.example"]
    # The first reader's request names another Host that the site also answers to...
    first = embed(client, key=thread.key, headers={"Host": "other.example"})
    # ...and the next reader, served from the cache, gets the site's own links all the same.
    second = embed(client, key=thread.key, headers={"Host": "forum.example"})
    for response in (first, second):
        html = response.content.decode()
        assert f'href="https://forum.example{thread.url}#discussion"' in html
        assert "other.example" not in html
    assert second.content == first.content
