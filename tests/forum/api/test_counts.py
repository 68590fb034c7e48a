"""Comment counts for listing pages: many threads, one query, cacheable, CORS for allowed sites."""

import pytest

from tests.factories import ArticleFactory, CommentFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def test_counts_by_url_and_key_in_one_query(api, django_assert_num_queries, settings):
    articles = [ArticleFactory() for _ in range(3)]
    for i, article in enumerate(articles):
        for _ in range(i):
            CommentFactory(thread=article.thread)
    CommentFactory(thread=articles[2].thread, pending=True)
    external = ThreadFactory(key="story-1", url="https://news.example/story")
    CommentFactory(thread=external)
    urls = [settings.SITE_URL + a.get_absolute_url() for a in articles]
    query = "&".join(f"url={u}" for u in [*urls, "https://news.example/story", "/nowhere/"])
    with django_assert_num_queries(1):
        response = api.get(f"/counts/?{query}&key=story-1&key=unknown")
    assert response.status_code == 200
    counts = response.json()["counts"]
    assert [c["count"] for c in counts] == [0, 1, 2, 1, 0, 1, 0]
    assert counts[0]["discussion_url"].endswith(articles[0].get_absolute_url() + "#discussion")
    assert counts[3]["discussion_url"] == "https://news.example/story"
    assert counts[4]["discussion_url"] is None


def test_counts_hide_threads_not_public(api):
    hidden = ThreadFactory(key="draft-1", visible_from=None, comment_count=4)
    counts = api.get(f"/counts/?key={hidden.key}").json()["counts"]
    assert counts == [
        {"url": None, "key": "draft-1", "count": 0, "discussion_url": None, "label": "0 comments"}
    ]


@pytest.mark.parametrize(
    ("lang", "count", "label"),
    [
        ("de", 1, "1 Kommentar"),
        ("de-AT", 1234, "1.234 Kommentare"),  # the nearest offered language, its grouping
        ("fr", 0, "0 commentaire"),  # French counts 0 as one
        ("ko", 2, "댓글 2개"),
        ("xx", 2, "2 comments"),  # a language not offered: the site's own
        ("", 1, "1 comment"),
    ],
)
def test_count_labels_in_the_host_pages_language(api, lang, count, label):
    ThreadFactory(key="story-2", comment_count=count)
    counts = api.get(f"/counts/?key=story-2&lang={lang}").json()["counts"]
    assert counts[0]["label"] == label


def test_counts_are_cacheable(api):
    ThreadFactory(key="a")
    first = api.get("/counts/?key=a")
    assert first["Cache-Control"] == "public, max-age=60"
    assert "Cookie" not in first.get("Vary", "") and not first.cookies
    again = api.get("/counts/?key=a", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_counts_cors_for_allowed_origins_only(api, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://news.example"]
    allowed = api.get("/counts/?key=a", headers={"Origin": "https://news.example"})
    assert allowed["Access-Control-Allow-Origin"] == "https://news.example"
    other = api.get("/counts/?key=a", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other


def test_counts_at_most_100(api):
    ok = api.get("/counts/?" + "&".join(f"key=k{i}" for i in range(100)))
    assert ok.status_code == 200 and len(ok.json()["counts"]) == 100
    response = api.get(
        "/counts/?"
        + "&".join(f"key=k{i}" for i in range(60))
        + "&"
        + "&".join(f"url=/u{i}/" for i in range(41))
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert api.get("/counts/?" + "&".join(f"key=k{i}" for i in range(101))).status_code == 400
