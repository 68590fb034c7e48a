"""Time site search over 1,000 and 100,000 comments in a scratch PostgreSQL database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forum_search .venv/bin/python bench/search.py

It creates `<database>_bench_search` beside the database of DATABASE_URL (dropped at the end),
seeds comments with bulk_create (bodies of 200-600 characters from a small vocabulary), then
times the search page (`/search/?q=...&type=comments`: both counts, a page of 20 ranked
results with highlighted snippets) and its SQL queries alone, for two kinds of query, and
prints the medians and the ratios of 100,000 to 1,000:

- a rare word, found in 40 comments whatever the size of the site;
- a common word of the vocabulary, found in about half the comments (the worst case: a
  search ranks only the newest 1,000 matches and counts no further than 1,001, so that work
  should not grow with the number of matches).

It also prints the plan of the match and, for comparison, the time of the old match that
computed the text vector of every row at query time. Options: --sizes 1000 100000, --runs 30.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings_test")

import django  # noqa: E402

django.setup()

from django.contrib.postgres.search import SearchQuery, SearchVector  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from accounts.models import User  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.services import article_sync_thread  # noqa: E402
from forum.fulltext import SEARCH_CONFIG  # noqa: E402
from forum.models import Comment, Thread  # noqa: E402

VOCABULARY = (
    "sanctions summit treaty missile reactor border envoy talks pressure regime deterrence "
    "alliance inspection warhead satellite launch diplomacy economy famine refugees embassy "
    "negotiation verification freeze testing doctrine nuclear arsenal enrichment uranium "
    "policy leader military exercise peninsula region security council resolution trade "
    "china japan korea america russia europe history future risk promise threat history "
    "the a of and to in that is was for on with as by it not but at from they this have"
).split()
RARE_WORD = "plutonium"
RARE_COUNT = 40
COMMON_WORD = "satellite"
THREADS = 20
AUTHORS = 50
BATCH = 5_000


def body(rng):
    words, length = [], rng.randint(200, 600)
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(VOCABULARY))
    return " ".join(words).capitalize()[:length].rsplit(" ", 1)[0] + "."


def seed(size, rng):
    """Replace every comment with `size` new ones spread over the threads."""
    Comment.objects.all().delete()
    threads = list(Thread.objects.all())
    authors = list(User.objects.all())
    rare = set(rng.sample(range(size), RARE_COUNT))
    for start in range(0, size, BATCH):
        batch = []
        for i in range(start, min(size, start + BATCH)):
            text = body(rng)
            if i in rare:
                text = f"{text} {RARE_WORD.capitalize()} again."
            batch.append(
                Comment(
                    thread=rng.choice(threads),
                    author=rng.choice(authors),
                    body=text,
                    body_html=f"<p>{text}</p>",
                    status=Comment.Status.PUBLISHED if rng.random() < 0.9 else "pending",
                )
            )
        Comment.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum would have done by then


def time_search(client, word, runs):
    """Return the median time of the search page and of its queries alone, in seconds."""
    client.get("/search/", {"q": word, "type": "comments"})  # warm the caches
    pages, queries = [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get("/search/", {"q": word, "type": "comments"})
            pages.append(time.perf_counter() - began)
        assert response.status_code == 200
        queries.append(sum(float(q["time"]) for q in captured.captured_queries))
    return statistics.median(pages), statistics.median(queries)


def time_old_match(word, runs=3):
    """Time the match as it was: the text vector of every row computed at query time."""
    query = SearchQuery(word, search_type="websearch", config=SEARCH_CONFIG)
    old = Comment.objects.annotate(v=SearchVector("body", config=SEARCH_CONFIG)).filter(v=query)
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        old.count()
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def match_plan(word):
    query = SearchQuery(word, search_type="websearch", config=SEARCH_CONFIG)
    plan = Comment.objects.filter(search_vector=query).explain()
    return "\n    ".join(plan.splitlines())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[1_000, 100_000])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database: SQLite has no full-text search.")

    setup_test_environment()
    connection.settings_dict["TEST"]["NAME"] = connection.settings_dict["NAME"] + "_bench_search"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        rng = random.Random(10)
        User.objects.bulk_create(User(username=f"reader{i}") for i in range(AUTHORS))
        for i in range(THREADS):
            article = Article.objects.create(
                title=f"Article {i}",
                slug=f"article-{i}",
                body="Body.",
                invitation="What do you think?",
                status=Article.Status.PUBLISHED,
                published_at="2025-01-01T00:00Z",
            )
            article_sync_thread(article=article)
        client = Client()
        figures = {}
        for size in args.sizes:
            began = time.perf_counter()
            seed(size, rng)
            matches = Comment.objects.filter(search_vector=COMMON_WORD).count()
            print(
                f"\n{size:,} comments seeded in {time.perf_counter() - began:.1f} s"
                f" ({RARE_WORD!r} in {RARE_COUNT}, {COMMON_WORD!r} in {matches:,})"
            )
            for word in (RARE_WORD, COMMON_WORD):
                figures[size, word] = time_search(client, word, args.runs)
                page, queries = figures[size, word]
                print(
                    f"  search {word!r}: page {page * 1000:.1f} ms, its queries"
                    f" {queries * 1000:.1f} ms (medians of {args.runs})"
                )
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT avg(pg_column_size(search_vector)), avg(pg_column_size(body))"
                    " FROM forum_comment"
                )
                vector_bytes, body_bytes = cursor.fetchone()
            print(f"  stored vector {vector_bytes:.0f} bytes a comment (body {body_bytes:.0f})")
            old = time_old_match(RARE_WORD)
            print(f"  old match, vectors computed per row: {old * 1000:.0f} ms")
            print(f"  plan of the match {RARE_WORD!r}:\n    {match_plan(RARE_WORD)}")
        small, large = args.sizes
        print()
        for word in (RARE_WORD, COMMON_WORD):
            (page_small, queries_small), (page_large, queries_large) = (
                figures[small, word],
                figures[large, word],
            )
            print(
                f"{word!r}, {large:,} / {small:,} comments: page {page_large / page_small:.2f},"
                f" queries {queries_large / queries_small:.2f}"
            )
    finally:
        connection.creation.destroy_test_db(
            connection.settings_dict["NAME"], verbosity=0, keepdb=False
        )


if __name__ == "__main__":
    main()
