"""Importing the sample WordPress (WXR) export."""

import pytest

from forum.imports.matching import SLUG
from forum.imports.runner import run_import
from forum.models import Comment

pytestmark = pytest.mark.django_db


def by_key():
    return {c.import_key: c for c in Comment.objects.filter(import_source="wordpress")}


def test_the_sample_keeps_its_tree_statuses_and_authors(sample, articles):
    report = run_import(format="wordpress", path=sample("wordpress.xml"))
    comments = by_key()
    thread = articles["north-koreas-nuclear-tests-a-timeline"].thread
    # Matched by its post name (the slug): the blog's URL is another site's.
    assert report.matched() == {SLUG: 1}
    assert {c.thread_id for c in comments.values()} == {thread.pk}
    assert comments["102"].parent == comments["101"]
    assert comments["101"].author_name == "Jürgen Müller"
    assert comments["102"].body == "Thank you, Jürgen! 谢谢"
    # WordPress's line break and paragraph, its HTML and entities.
    assert comments["101"].body.startswith(
        "Great timeline.  \nThanks for the **sources** \\& the map."
    )
    assert '<a href="https://example.org/map"' in comments["101"].body_html
    assert comments["103"].status == Comment.Status.REJECTED
    held = comments["104"]
    assert held.status == Comment.Status.PENDING and held.author_name == "Anonymous"
    assert "&lt;b&gt;escaped&lt;/b&gt;" in held.body_html
    assert held.created_at.isoformat().startswith("2020-06-02T09:00")  # no GMT date: local
    trashed = comments["105"]
    assert trashed.status == Comment.Status.REMOVED and trashed.parent == comments["101"]


def test_what_is_not_imported_is_in_the_report(sample, articles):
    report = run_import(format="wordpress", path=sample("wordpress.xml"))
    assert "107" not in by_key()
    assert report.counts["pingback"] == 1
    assert "pingback 107 left out: not a comment" in report.notes
    # Too long for a comment here: refused by name, never dropped silently.
    assert "106" not in by_key()
    assert [key for key, _ in report.refused] == ["106"]
    assert "10,000" in report.refused[0][1]
    assert report.counts["refused"] == 1


def test_a_second_run_writes_nothing(sample, articles):
    run_import(format="wordpress", path=sample("wordpress.xml"))
    before = list(Comment.objects.order_by("pk").values())
    run_import(format="wordpress", path=sample("wordpress.xml"))
    assert list(Comment.objects.order_by("pk").values()) == before
