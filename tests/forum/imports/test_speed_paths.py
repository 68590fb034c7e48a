"""The import's fast paths give what the plain ones give: texts converted in worker processes,
batches written ahead of their conversion, rows copied into PostgreSQL with reserved ids."""

import pytest
from django.db import connection
from django.test import override_settings

from forum.comments.transitions import clean_body
from forum.imports import rendering
from forum.imports.records import SourceComment
from forum.imports.rendering import Renderer, render, to_markdown
from forum.imports.runner import run_import
from forum.markdown import EMPTY, NOTHING_TO_READ, TOO_LONG, comment_text
from forum.models import Comment, GuestAuthor
from forum.platform.copy_insert import insert_many, refresh_statistics, reserve_ids
from tests.factories import ThreadFactory

pytestmark = pytest.mark.django_db

POSTGRES_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY and sequences are PostgreSQL's"
)


def rows():
    return {
        c.import_key: (c.body, c.body_html, c.status, c.parent_id and c.parent.import_key)
        for c in Comment.objects.filter(import_source="disqus").select_related("parent")
    }


def test_worker_processes_write_what_the_importer_writes_alone(sample, articles):
    with override_settings(IMPORT_WORKERS=0):
        alone = run_import(format="disqus", path=sample("disqus.xml"), batch_size=2)
    expected = rows()
    for comment in Comment.objects.order_by("-depth"):  # replies first: parents are protected
        comment.delete()
    GuestAuthor.objects.all().delete()
    with override_settings(IMPORT_WORKERS=2):
        pooled = run_import(format="disqus", path=sample("disqus.xml"), batch_size=2)
    assert rows() == expected
    assert pooled.counts == alone.counts and pooled.orphans == alone.orphans


def test_the_pool_starts_only_with_a_second_batch():
    one = [SourceComment(key="1", thread_key="t", created_at=None, message="<p>Hi</p>")]
    with Renderer(2) as renderer:
        assert renderer.submit(one).result()["1"][:2] == ("Hi", "<p>Hi</p>\n")
        assert renderer.pool is None  # a file of one batch starts no process
        assert renderer.submit(one).result()["1"][2] is None
        assert renderer.pool is not None
    assert renderer.pool is None


def test_render_answers_as_clean_body_does():
    messages = [
        ("a", "<p>Plain words &amp; more</p>", "html", False),
        ("b", "<p><script>alert(1)</script><a href='javascript:x'>x</a></p>", "html", False),
        ("c", "", "html", True),  # deleted there: the placeholder
        ("d", "   ", "html", False),
        ("e", "x" * 10_001, "markdown", False),
        ("f", "**", "markdown", False),
    ]
    done = render(messages)
    assert done["c"][0] == rendering.DELETED_TEXT
    assert [done[k][2] for k in "def"] == [EMPTY, TOO_LONG, NOTHING_TO_READ]
    for key, message, message_format, _ in messages[:2]:
        assert done[key] == (*clean_body(to_markdown(message, message_format)), None)
    assert "<script" not in done["b"][1] and "href" not in done["b"][1]
    assert comment_text("a\r\nb ")[:1] == ("a\nb",)


def test_a_key_twice_in_the_file_across_batches_is_one_comment(tmp_path, articles):
    posts = "".join(
        f'<post dsq:id="{key}"><message><![CDATA[<p>Post {n}</p>]]></message>'
        f"<createdAt>2015-01-0{n + 1}T00:00:00Z</createdAt><isDeleted>false</isDeleted>"
        f"<isSpam>false</isSpam><author><name>Reader</name><isAnonymous>true</isAnonymous>"
        f'</author><thread dsq:id="1"/></post>'
        for n, key in enumerate(["1", "2", "3", "4", "1", "5"])
    )
    path = tmp_path / "twice.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" '
        'xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="1"><id>a</id>'
        "<link>https://news.example.org/articles/the-2019-hanoi-summit-explained/</link>"
        "<title>T</title></thread>" + posts + "</disqus>"
    )
    with override_settings(IMPORT_WORKERS=2):
        report = run_import(format="disqus", path=str(path), batch_size=2)
    assert sorted(Comment.objects.values_list("import_key", flat=True)) == list("12345")
    assert Comment.objects.get(import_key="1").body == "Post 0"
    assert report.counts["already imported, left as they are"] == 1
    assert report.counts["published"] == 5


@POSTGRES_ONLY
def test_copied_rows_keep_reserved_ids_defaults_and_each_other():
    thread = ThreadFactory()
    ids = reserve_ids(Comment, 2)
    parent = Comment(pk=next(ids), thread=thread, body="Parent", body_html="<p>Parent</p>")
    reply = Comment(
        pk=next(ids), thread=thread, parent=parent, root_id=parent.pk, depth=1, body="Reply"
    )
    loose = Comment(thread=thread, body="Numbered by insert_many", body_html="<p>x</p>")
    insert_many([reply, parent, loose])  # the reply first: the keys are checked at commit
    assert loose.pk is not None and not loose._state.adding
    saved = Comment.objects.get(pk=reply.pk)
    assert saved.parent_id == parent.pk and saved.root_id == parent.pk
    assert saved.remote_scores == {} and saved.status == Comment.Status.PUBLISHED
    assert Comment.objects.filter(search_vector="numbered").get() == loose
    refresh_statistics(Comment, GuestAuthor)
    Comment.objects.create(thread=thread, body="After", body_html="<p>After</p>")  # sequence on


def test_elsewhere_rows_go_through_bulk_create():
    if connection.vendor == "postgresql":
        pytest.skip("SQLite's path")
    thread = ThreadFactory()
    assert reserve_ids(Comment, 3) is None
    (comment,) = insert_many([Comment(thread=thread, body="x", body_html="<p>x</p>")])
    assert comment.pk is not None
    refresh_statistics(Comment)  # nothing to do there, and no error
