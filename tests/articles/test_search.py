"""Site search: articles and published comments, ranking, highlighting, hostile queries."""

import re

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from articles.discovery import (
    MAX_QUERY_LENGTH,
    SEARCH_CONFIG,
    SearchResults,
    clean_query,
    mark_sentinels,
    mark_words,
)
from articles.models import Article
from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

SNIPPET = r'<p class="search-result__snippet"[^>]*>(.*?)</p>'

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.requires_postgres(
    "full-text ranking; SQLite uses the simple icontains fallback"
)


def results(response):
    """Return the titles of the results on the page, in order."""
    assert response.status_code == 200
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", title).strip()
        for title in re.findall(r'<h3 class="search-result__title">(.*?)</h3>', html, re.S)
    ]


class TestEmptyAndHostile:
    def test_empty_query_shows_a_friendly_start(self, client):
        for url in ("/search/", "/search/?q=", "/search/?q=%20%20"):
            html = client.get(url).content.decode()
            assert "Type a word or two" in html
            assert "search-result" not in html

    def test_header_has_a_search_box_on_every_page(self, client):
        html = client.get("/").content.decode()
        assert 'role="search"' in html and 'action="/search/"' in html and 'name="q"' in html

    def test_search_page_has_one_search_box_which_keeps_the_kind(self, client):
        html = client.get("/search/?q=zebra&type=comments").content.decode()
        assert html.count('role="search"') == 1
        assert 'id="search-page-q" name="q" type="search" value="zebra"' in html
        assert '<input type="hidden" name="type" value="comments">' in html
        assert 'name="type"' not in client.get("/search/?q=zebra").content.decode()

    def test_nothing_found_says_so_kindly(self, client):
        ArticleFactory(title="Sanctions")
        html = client.get("/search/?q=zebra").content.decode()
        assert "Nothing matches “zebra”" in html

    @pytest.mark.parametrize(
        "query",
        [
            '"unclosed quote',
            "<script>alert(1)</script>",
            "' OR 1=1; DROP TABLE articles_article; --",
            "a & b | !c <-> d:*",
            "\x00nul\x01",
            "-",
            "((((",
            "%_%",
            "北朝鮮 核",
        ],
    )
    def test_hostile_queries_are_harmless(self, client, query):
        ArticleFactory(title="Sanctions and summits")
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html
        assert ArticleFactory._meta.model.objects.count() == 1

    def test_query_is_echoed_escaped(self, client):
        html = client.get("/search/", {"q": '<img src=x onerror="alert(1)">'}).content.decode()
        assert "<img src=x" not in html
        assert "&lt;img src=x" in html

    def test_very_long_query_is_cut_to_200_characters(self, client):
        response = client.get("/search/", {"q": "nuclear " * 1250})  # 10,000 characters
        assert response.status_code == 200
        html = response.content.decode()
        assert "first 200 characters" in html
        value = re.search(r'id="search-page-q" name="q" type="search" value="([^"]*)"', html).group(
            1
        )
        assert len(value) <= MAX_QUERY_LENGTH

    def test_clean_query(self):
        assert clean_query("  a\x00b \n c  ") == "a b c"
        assert len(clean_query("x" * 10_000)) == MAX_QUERY_LENGTH


class TestFinding:
    def test_finds_published_articles_only(self, client):
        ArticleFactory(title="Deterrence theory")
        ArticleFactory(title="Deterrence draft", status="draft")
        assert results(client.get("/search/?q=deterrence")) == ["Deterrence theory"]

    def test_finds_published_comments_on_published_articles_only(self, client):
        article = ArticleFactory(title="Summits")
        draft = ArticleFactory(title="Draft", status="draft")
        alice = UserFactory(username="alice")
        CommentFactory(thread=article.thread, author=alice, body="Sanctions never worked.")
        CommentFactory(
            thread=article.thread,
            author=alice,
            body="Sanctions held back.",
            status=Comment.Status.PENDING,
        )
        CommentFactory(
            thread=article.thread,
            author=alice,
            body="Sanctions removed.",
            status=Comment.Status.REMOVED,
        )
        CommentFactory(thread=draft.thread, author=alice, body="Sanctions in a draft.")
        response = client.get("/search/?q=sanctions&type=comments")
        assert results(response) == ["alice on “Summits”"]
        html = response.content.decode()
        assert "held back" not in html and "removed." not in html and "in a draft" not in html

    def test_comments_tab_is_chosen_when_only_comments_match(self, client):
        article = ArticleFactory(title="Summits")
        CommentFactory(
            thread=article.thread,
            author=UserFactory(username="bo"),
            body="Plutonium stockpiles matter.",
        )
        response = client.get("/search/?q=plutonium")
        assert results(response) == ["bo on “Summits”"]
        assert 'aria-current="page">Comments' in response.content.decode()

    def test_snippets_are_escaped_with_matches_marked(self, client):
        ArticleFactory(
            title="Plain", body="Before <b>bold</b> & <mark>fake</mark> missile text after."
        )
        article = ArticleFactory(title="Other")
        CommentFactory(
            thread=article.thread,
            author=UserFactory(),
            body="A missile <script>alert(1)</script> here",
        )
        html = client.get("/search/?q=missile").content.decode()
        snippet = re.search(SNIPPET, html, re.S).group(1)
        assert re.search(r"<mark>missile</mark>", snippet, re.I)
        assert "<b>" not in snippet and "<mark>fake" not in snippet
        html = client.get("/search/?q=missile&type=comments").content.decode()
        assert "<script>alert(1)</script>" not in html
        snippet = re.search(SNIPPET, html, re.S).group(1)
        # SQLite shows the literal text escaped; PostgreSQL's ts_headline drops tag tokens.
        assert "alert(1)" in snippet and "<script" not in snippet

    def test_pagination_keeps_the_query(self, client):
        article = ArticleFactory()
        author = UserFactory()
        for i in range(25):
            CommentFactory(thread=article.thread, author=author, body=f"Uranium comment {i}")
        html = client.get("/search/?q=uranium&type=comments").content.decode()
        assert "25 comments found, page 1 of 2" in html
        assert 'href="?q=uranium&amp;type=comments&amp;page=2"' in html
        page2 = client.get("/search/?q=uranium&type=comments&page=2")
        assert len(results(page2)) == 5

    @pytest.mark.parametrize("count", [2, 25])
    def test_queries_are_constant(self, client, django_assert_max_num_queries, count):
        author = UserFactory()
        for i in range(count):
            article = ArticleFactory(title=f"Reactor {i}")
            CommentFactory(thread=article.thread, author=author, body=f"Reactor thoughts {i}")
        with django_assert_max_num_queries(4):
            assert client.get("/search/?q=reactor").status_code == 200
        with django_assert_max_num_queries(4):
            assert client.get("/search/?q=reactor&type=comments").status_code == 200


class TestBoundedWork:
    """A common word costs the same on a small site and a large one (issue 10)."""

    @pytest.fixture
    def limit(self, monkeypatch):
        monkeypatch.setattr("articles.discovery.RANKED_MATCHES", 3)
        monkeypatch.setattr("articles.views.RANKED_MATCHES", 3)
        return 3

    def test_past_the_limit_counts_say_more_than_and_the_newest_are_shown(self, client, limit):
        article = ArticleFactory(title="Summits")
        for i in range(5):
            CommentFactory(
                thread=article.thread, author=UserFactory(username=f"m{i}"), body=f"Isotope {i}"
            )
        html = client.get("/search/?q=isotope&type=comments").content.decode()
        assert "More than 3 comments found." in html
        assert '<span class="search-tabs__count">3+</span>' in html
        assert sorted(results(client.get("/search/?q=isotope&type=comments"))) == [
            "m2 on “Summits”",
            "m3 on “Summits”",
            "m4 on “Summits”",
        ]

    def test_at_the_limit_the_count_is_exact(self, client, limit):
        article = ArticleFactory(title="Summits")
        for i in range(3):
            CommentFactory(thread=article.thread, author=UserFactory(), body=f"Isotope {i}")
        html = client.get("/search/?q=isotope&type=comments").content.decode()
        assert "3 comments found." in html and "More than" not in html

    @on_postgres
    def test_only_the_newest_matches_are_ranked_then_best_first(self, client, limit):
        article = ArticleFactory(title="Summits")
        CommentFactory(
            thread=article.thread,
            author=UserFactory(username="old"),
            body="Isotope isotope isotope isotope.",
        )
        for name in ("a", "b"):
            CommentFactory(
                thread=article.thread, author=UserFactory(username=name), body="One isotope here."
            )
        CommentFactory(
            thread=article.thread, author=UserFactory(username="new"), body="Isotope, isotope."
        )
        assert results(client.get("/search/?q=isotope&type=comments")) == [
            "new on “Summits”",
            "b on “Summits”",
            "a on “Summits”",
        ]
        with CaptureQueriesContext(connection) as queries:
            client.get("/search/?q=isotope&type=comments")
        page = queries.captured_queries[-1]["sql"]
        assert 'ts_rank("forum_comment"."search_vector"' in page
        assert re.search(r"IN \(SELECT .* LIMIT 3\)", page)

    @on_postgres
    def test_pages_split_the_ranking_and_only_a_page_of_rows_is_read_whole(self, client):
        article = ArticleFactory(title="Summits")
        for i in range(25):
            CommentFactory(
                thread=article.thread,
                author=UserFactory(username=f"m{i:02}"),
                body="Isotope " * (1 + i % 4) + f"note {i}.",
            )
        query = SearchQuery("isotope", search_type="websearch", config=SEARCH_CONFIG)
        ranking = [
            f"{c.author.username} on “Summits”"
            for c in Comment.objects.annotate(rank=SearchRank(F("search_vector"), query))
            .select_related("author")
            .order_by("-rank", "-created_at", "-pk")
        ]
        first = results(client.get("/search/?q=isotope&type=comments"))
        with CaptureQueriesContext(connection) as queries:
            second = results(client.get("/search/?q=isotope&type=comments&page=2"))
        assert (len(first), len(second)) == (20, 5)
        assert first + second == ranking
        page = queries.captured_queries[-1]["sql"]
        # Ranked among the newest matches, then only the page's rows are fetched whole.
        assert re.search(r"IN \(SELECT found FROM \(SELECT .* LIMIT 1000\) AS newest", page)
        assert "LIMIT 5 OFFSET 20)" in page


class TestRanking:
    @on_postgres
    def test_title_match_ranks_above_body_only_match(self, client):
        assert connection.vendor == "postgresql"
        ArticleFactory(
            title="Background briefing",
            body="Several paragraphs that mention enrichment once among other words.",
        )
        ArticleFactory(title="Enrichment explained", body="Centrifuges spin.")
        assert results(client.get("/search/?q=enrichment")) == [
            "Enrichment explained",
            "Background briefing",
        ]

    @on_postgres
    def test_web_search_syntax_phrases_and_exclusions(self, client):
        ArticleFactory(title="Nuclear test in 2017")
        ArticleFactory(title="Test of a nuclear doctrine")
        assert results(client.get('/search/?q="nuclear test"')) == ["Nuclear test in 2017"]
        assert results(client.get("/search/?q=nuclear -doctrine")) == ["Nuclear test in 2017"]

    @on_postgres
    def test_stemming_finds_other_forms(self, client):
        ArticleFactory(title="Negotiating with Pyongyang")
        assert results(client.get("/search/?q=negotiations")) == ["Negotiating with Pyongyang"]

    def test_fallback_also_puts_title_matches_first(self, client):
        ArticleFactory(title="Background", body="mentions enrichment in passing")
        ArticleFactory(title="Enrichment")
        assert results(client.get("/search/?q=enrichment"))[0] == "Enrichment"


class TestHighlighting:
    def test_sentinels_become_marks_and_everything_else_is_escaped(self):
        html = mark_sentinels("a <b> S1wordS2 & <mark>", "S1", "S2")
        assert html == "a &lt;b&gt; <mark>word</mark> &amp; &lt;mark&gt;"

    def test_mark_words_escapes_around_matches(self):
        html = mark_words("Tom & Jerry <i>amp</i> amp", ["amp"])
        assert "&amp;" in html
        assert html.count("<mark>") == 2
        assert "<i>" not in html


class TestStoredVectors:
    @on_postgres
    def test_search_reads_the_stored_vectors_not_one_computed_per_row(self, client):
        article = ArticleFactory(title="Centrifuge cascades")
        CommentFactory(
            thread=article.thread, author=UserFactory(), body="Centrifuge numbers matter."
        )
        for kind in ("articles", "comments"):
            with CaptureQueriesContext(connection) as queries:
                assert results(client.get("/search/", {"q": "centrifuge", "type": kind}))
            searches = [q["sql"] for q in queries.captured_queries if "@@" in q["sql"]]
            assert len(searches) == 3  # both counts, then the page of the tab
            for sql in searches:
                assert "to_tsvector" not in sql
                assert re.search(r'"search_vector" @@ \(?websearch_to_tsquery', sql)
            page = searches[-1]
            assert 'ts_rank("articles_article"."search_vector"' in page or (
                'ts_rank("forum_comment"."search_vector"' in page
            )

    @on_postgres
    def test_results_do_not_load_the_vectors(self):
        article = ArticleFactory(title="Enrichment")
        CommentFactory(thread=article.thread, author=UserFactory(), body="Enrichment again.")
        search = SearchResults("enrichment")
        for (found,) in (search.articles()[:20], search.comments()[:20]):
            assert "search_vector" in found.get_deferred_fields()

    @on_postgres
    def test_article_vector_is_the_weighted_one_ranking_used(self):
        ArticleFactory(title="Title words", standfirst="Standfirst words", body="Body *words*")
        weighted = (
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
            + SearchVector("body", weight="C", config=SEARCH_CONFIG)
        )
        stored, computed = Article.objects.annotate(computed=weighted).values_list(
            "search_vector", "computed"
        )[0]
        assert stored == computed
        assert "'titl':1A" in stored and "'standfirst':3B" in stored and "'bodi':5C" in stored

    @on_postgres
    def test_vectors_follow_every_edit(self, client):
        article = ArticleFactory(title="Old headline")
        comment = CommentFactory(
            thread=article.thread, author=UserFactory(username="cy"), body="Warheads first."
        )
        article.title = "Fresh headline"
        article.save()
        comment.body = "Missiles after the edit."
        comment.save()
        assert results(client.get("/search/?q=fresh")) == ["Fresh headline"]
        assert results(client.get("/search/?q=old")) == []
        assert results(client.get("/search/?q=warheads")) == []
        assert results(client.get("/search/?q=missiles&type=comments")) == ["cy on “Old headline”"]
        Comment.objects.filter(pk=comment.pk).update(body="Sanctions, updated in bulk.")
        assert results(client.get("/search/?q=sanctions&type=comments")) == ["cy on “Old headline”"]

    @on_postgres
    @pytest.mark.parametrize(
        ("model", "index"),
        [
            (Comment, "forum_comment_search_vector_gin"),
            (Article, "articles_article_search_vector_gin"),
        ],
    )
    def test_match_can_use_the_gin_index(self, model, index):
        query = SearchQuery("sanctions", search_type="websearch", config=SEARCH_CONFIG)
        with connection.cursor() as cursor:
            # A test table holds a few rows: forbid the sequential scan to see the index used.
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = model.objects.filter(search_vector=query).explain()
        assert f"Bitmap Index Scan on {index}" in plan

    @pytest.mark.skipif("connection.vendor == 'postgresql'", reason="SQLite only")
    def test_sqlite_keeps_the_column_empty_and_the_plain_match(self, client):
        article = ArticleFactory(title="Summits")
        CommentFactory(
            thread=article.thread, author=UserFactory(username="di"), body="Warheads counted."
        )
        assert Comment.objects.values_list("search_vector", flat=True).get() is None
        assert results(client.get("/search/?q=warheads")) == ["di on “Summits”"]
