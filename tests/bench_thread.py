"""Benchmark: render the article page of a busy thread beside a quiet baseline, in one run.

Run with `make bench`. It builds a throwaway database (SQLite in memory unless DATABASE_URL
points elsewhere), creates two articles, one with BASELINE comments and one with BUSY
comments (a third of them replies), then times N renders of each page's first comment page
and prints medians, the ratio and the query counts. Numbers are only comparable within
one run on one machine.
"""

import os
import statistics
import sys
import time

BASELINE, BUSY, ROUNDS = 10, 1000, 15


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum.settings_test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client

        from forum.models import Comment, Thread
        from tests.factories import ArticleFactory, UserFactory

        authors = [UserFactory() for _ in range(20)]

        def article_with(count):
            article = ArticleFactory()
            roots = Comment.objects.bulk_create(
                [
                    Comment(
                        thread=article.thread,
                        author=authors[i % 20],
                        body="A view.",
                        body_html="<p>A view with <em>some</em> emphasis.</p>",
                        score=i % 7,
                    )
                    for i in range(count - count // 3)
                ]
            )
            Comment.objects.bulk_create(
                [
                    Comment(
                        thread=article.thread,
                        author=authors[(i + 3) % 20],
                        parent=root,
                        root=root,
                        depth=1,
                        body="A reply.",
                        body_html="<p>A reply.</p>",
                    )
                    for i, root in zip(range(count // 3), roots, strict=False)
                ]
            )
            Thread.objects.filter(pk=article.thread.pk).update(comment_count=count)
            return article.get_absolute_url()

        pages = {"baseline": article_with(BASELINE), "busy": article_with(BUSY)}
        client = Client()
        results = {}
        for name, url in pages.items():
            client.get(url)  # warm template caches
            timings = []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - start)
                assert response.status_code == 200
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            results[name] = (statistics.median(timings), len(queries), len(response.content))
        for name, (median, queries, size) in results.items():
            print(
                f"{name:9} median {median * 1000:7.1f} ms  queries {queries:3}  html {size:,} bytes"
            )
        print(
            f"busy/baseline: {results['busy'][0] / results['baseline'][0]:.1f}x time, "
            f"{results['busy'][1] - results['baseline'][1]:+d} queries "
            f"(the busy page shows {50} of its top-level comments with their replies)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
