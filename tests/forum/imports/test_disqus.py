"""Importing the sample Disqus export: tree, statuses, guests, report, re-runs and resumes."""

import pytest
from django.core.management import call_command
from django.db import connection

from forum.comments.events import Change, comment_changed
from forum.imports import writer as writer_module
from forum.imports.matching import NEW, URL
from forum.imports.runner import run_import
from forum.models import Comment, GuestAuthor, Thread

pytestmark = pytest.mark.django_db


def by_key():
    return {c.import_key: c for c in Comment.objects.filter(import_source="disqus")}


def test_the_sample_keeps_its_tree_statuses_and_authors(sample, articles, mailoutbox):
    report = run_import(format="disqus", path=sample("disqus.xml"))
    comments = by_key()
    assert set(comments) == {"9001", "9002", "9003", "9004", "9005", "9006", "9007"}
    article_thread = articles["the-2019-hanoi-summit-explained"].thread
    assert comments["9001"].thread == article_thread
    # 9003 came before its parent 9002 in the file, and still sits under it.
    assert comments["9003"].parent == comments["9002"]
    assert comments["9003"].root == comments["9001"] and comments["9003"].depth == 2
    # Deleted there: a placeholder here that keeps its reply.
    assert comments["9002"].status == Comment.Status.REMOVED
    assert comments["9004"].status == Comment.Status.REJECTED
    assert comments["9004"].rejection_reason == "imported_spam"
    # A reply whose parent was never exported stands on its own, and the report says so.
    assert comments["9006"].parent is None
    assert ("9006", "8999") in report.orphans
    assert comments["9001"].author is None and comments["9001"].author_name == "Alice Martin"
    assert comments["9003"].author_name == "Zoë Ölçer"
    assert "**important**" in comments["9001"].body
    assert "<strong>important</strong>" in comments["9001"].body_html
    assert "café — 😀" in comments["9007"].body_html
    assert "&lt;not a tag&gt;" in comments["9007"].body_html
    assert "<blockquote>" in comments["9007"].body_html
    # Counts are right at the end; nobody is e-mailed about old comments.
    article_thread.refresh_from_db()
    assert article_thread.comment_count == 4  # 9001, 9003, 9005, 9007
    assert mailoutbox == []
    assert report.counts["published"] == 5
    assert report.counts["spam, imported as rejected"] == 1
    assert report.counts["deleted there, placeholder here"] == 1
    assert report.matched() == {URL: 1, NEW: 1}


def test_a_thread_without_an_article_becomes_an_embed_thread_keyed_by_its_url(sample, articles):
    run_import(format="disqus", path=sample("disqus.xml"))
    thread = by_key()["9006"].thread
    assert thread.key.startswith("imported:")
    assert thread.url == "https://news.example.org/2018/05/an-old-story-no-longer-here.html"
    assert thread.title == 'An old story & its "sequel"'
    assert thread.state == Thread.State.CLOSED


def test_guests_keep_a_name_and_an_email_for_claiming_and_no_ip_address(sample, articles):
    run_import(format="disqus", path=sample("disqus.xml"))
    alice = GuestAuthor.objects.get(source="disqus", key="user:alicem")
    assert alice.name == "Alice Martin"
    assert alice.email == "alice@example.com" and alice.email_kept_until is not None
    assert by_key()["9007"].guest == alice  # one guest for both of her comments
    with connection.cursor() as cursor:
        for table in ("forum_comment", "forum_guestauthor"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            assert "198.51.100" not in repr(cursor.fetchall())


def test_no_email_is_kept_when_claiming_is_off(sample, articles, settings):
    settings.IMPORT_EMAIL_KEEP_DAYS = 0
    run_import(format="disqus", path=sample("disqus.xml"))
    assert not GuestAuthor.objects.exclude(email="").exists()


def test_a_second_run_writes_nothing(sample, articles):
    run_import(format="disqus", path=sample("disqus.xml"))
    before = list(Comment.objects.order_by("pk").values())
    events = []
    comment_changed.connect(receiver := lambda event, **kw: events.append(event))
    try:
        report = run_import(format="disqus", path=sample("disqus.xml"))
    finally:
        comment_changed.disconnect(receiver)
    assert list(Comment.objects.order_by("pk").values()) == before
    assert report.counts["already imported, left as they are"] == 7
    assert report.counts["published"] == 0
    assert events == []


def test_one_event_per_batch(sample, articles, django_capture_on_commit_callbacks):
    events = []
    comment_changed.connect(receiver := lambda event, **kw: events.append(event))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            run_import(format="disqus", path=sample("disqus.xml"), batch_size=3)
    finally:
        comment_changed.disconnect(receiver)
    assert {e.change for e in events} == {Change.IMPORTED}
    assert sum(len(e.comments) for e in events) == 7
    assert len(events) <= 4  # 7 comments in batches of 3, the orphan last


def test_an_interrupted_run_resumes_without_duplicates(sample, articles, monkeypatch):
    real = writer_module.comments_import
    calls = []

    def crash_on_second_batch(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(**kwargs)

    monkeypatch.setattr(writer_module, "comments_import", crash_on_second_batch)
    with pytest.raises(KeyboardInterrupt):
        run_import(format="disqus", path=sample("disqus.xml"), batch_size=2)
    first = Comment.objects.count()
    assert 0 < first < 7
    monkeypatch.setattr(writer_module, "comments_import", real)
    report = run_import(format="disqus", path=sample("disqus.xml"), batch_size=2)
    assert Comment.objects.count() == 7
    assert report.counts["already imported, left as they are"] == first
    assert by_key()["9003"].parent == by_key()["9002"]


def test_a_dry_run_reports_and_writes_nothing(sample, articles):
    threads = Thread.objects.count()
    report = run_import(format="disqus", path=sample("disqus.xml"), dry_run=True)
    assert Comment.objects.count() == 0 and GuestAuthor.objects.count() == 0
    assert Thread.objects.count() == threads
    assert report.counts["published"] == 5 and report.matched() == {URL: 1, NEW: 1}
    assert ("9006", "8999") in report.orphans


def test_spam_may_be_skipped(sample, articles):
    report = run_import(format="disqus", path=sample("disqus.xml"), skip_spam=True)
    assert "9004" not in by_key()
    assert report.counts["spam, skipped"] == 1


def test_a_mapping_file_wins_over_the_url(sample, articles, tmp_path):
    other = articles["north-koreas-nuclear-tests-a-timeline"].thread
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(
        f"# archive thread, this site's thread\n5001,{other.key}\n5002,{other.url}\n"
    )
    report = run_import(format="disqus", path=sample("disqus.xml"), mapping_path=str(mapping))
    assert {c.thread_id for c in by_key().values()} == {other.pk}
    assert report.matched() == {"mapping": 2}


def test_the_command_prints_the_report(sample, articles, capsys, tmp_path):
    out = tmp_path / "report.json"
    call_command(
        "import_comments", sample("disqus.xml"), format="disqus", report=str(out), no_progress=True
    )
    printed = capsys.readouterr().out
    assert "published: 5" in printed
    assert "9006 is top-level: its parent 8999 is not in the file" in printed
    assert '"threads_matched"' in out.read_text()
