"""Export the whole discussion, import it into a site without comments: the same threads."""

import io
import json
import re
from datetime import timedelta
from pathlib import Path

import jsonschema_rs
import pytest
from django.core.management import call_command
from django.utils import timezone

from forum.imports.export import export_site
from forum.imports.runner import run_import
from forum.models import Comment, CommentRevision, GuestAuthor, ModerationAction, Vote
from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

SCHEMA = Path(__file__).resolve().parents[3] / "docs" / "import-export.schema.json"


@pytest.fixture
def site(articles, sample):
    """A site with members' comments of every kind, and a Disqus archive imported."""
    thread = articles["north-koreas-nuclear-tests-a-timeline"].thread
    ann = UserFactory(username="ann", display_name="Ann Écrivain")
    ben = UserFactory(username="ben")
    at = timezone.now() - timedelta(days=3)
    first = CommentFactory(thread=thread, author=ann, body="The **first** word.", created_at=at)
    reply = CommentFactory(parent=first, author=ben, body="A reply.", created_at=at + timedelta(1))
    CommentFactory(parent=reply, author=ann, body="A reply to it.", created_at=at + timedelta(2))
    removed = CommentFactory(
        thread=thread, author=ben, body="Gone.", status=Comment.Status.REMOVED, created_at=at
    )
    CommentFactory(parent=removed, author=ann, body="Still here.", created_at=at + timedelta(1))
    CommentFactory(thread=thread, author=ben, body="Held.", status=Comment.Status.PENDING)
    CommentFactory(
        thread=thread, author=ann, body="Featured [link](https://example.org).",
        is_featured=True, featured_at=at, score=3, edited_at=at + timedelta(hours=1),
    )  # fmt: skip
    CommentRevision.objects.create(comment=first, body="The first wrod.", created_at=at)
    run_import(format="disqus", path=sample("disqus.xml"))
    return articles


def rendered(client, articles):
    """Return the comment trees of the articles' pages as an anonymous reader sees them,
    without what differs between two sites: ids and the links to members' profiles."""
    pages = []
    for article in articles.values():
        html = client.get(article.get_absolute_url()).content.decode()
        tree = html[html.index('<ol class="comment-tree"') :]
        tree = tree[: tree.index("</section>")]
        tree = re.sub(r'<span class="avatar[^"]*"[^>]*>.*?</span>', "", tree, flags=re.S)
        tree = re.sub(r'<img class="avatar[^>]*>', "", tree)
        tree = re.sub(r'<a href="/members/[^"]*">(.*?)</a>', r"\1", tree)
        pages.append(re.sub(r"\d{2,}", "N", tree))
    return pages


def empty_the_site():
    Vote.objects.all().delete()
    ModerationAction.objects.all().delete()
    Comment.objects.update(parent=None, root=None)
    Comment.objects.all().delete()
    GuestAuthor.objects.all().delete()


def test_the_round_trip_reproduces_every_thread(site, client, tmp_path):
    before = rendered(client, site)
    assert "The <strong>first</strong> word." in before[1] and "First!" in before[0]
    assert "Ann Écrivain" in before[1] and "Alice Martin" in before[0]
    assert "This comment was removed." in before[0] and "This comment was removed." in before[1]
    assert before[1].count('class="comment__card"') == 5  # not the held one, nor the removed
    path = tmp_path / "export.jsonl"
    call_command("export_site", output=str(path))
    empty_the_site()
    report = run_import(format="invitation", path=str(path))
    assert report.counts["refused"] == 0
    assert rendered(client, site) == before
    assert Comment.objects.get(body="The **first** word.").revisions.get().body == (
        "The first wrod."
    )


def test_importing_the_export_twice_adds_nothing(site, tmp_path):
    path = tmp_path / "export.jsonl"
    call_command("export_site", output=str(path))
    empty_the_site()
    run_import(format="invitation", path=str(path))
    count = Comment.objects.count()
    report = run_import(format="invitation", path=str(path))
    assert Comment.objects.count() == count
    assert report.counts["already imported, left as they are"] == count


def test_the_export_follows_its_schema_and_holds_no_email_or_ip(site):
    stream = io.StringIO()
    export_site(stream, site_url="https://news.example.org")
    validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text()))
    lines = stream.getvalue().splitlines()
    for line in lines:
        validator.validate(json.loads(line))
    assert "@" not in "".join(x for x in lines if '"comment"' not in x)
    assert "alice@example.com" not in stream.getvalue()
    assert "198.51.100" not in stream.getvalue()
    kinds = [json.loads(line)["type"] for line in lines]
    assert kinds[0] == "site" and kinds.count("comment") == Comment.objects.count()


def test_the_sample_export_imports(sample, articles):
    path = sample("invitation.jsonl")
    validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text()))
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        validator.validate(json.loads(line))
    report = run_import(format="invitation", path=path)
    comments = {c.import_key: c for c in Comment.objects.all()}
    assert report.matched() == {"url": 1, "new embed thread": 1}
    assert comments["10"].thread == articles["the-2019-hanoi-summit-explained"].thread
    assert comments["10"].score == 4 and comments["10"].is_featured
    assert comments["10"].revisions.get().body == "The frist word."
    # Entities in Markdown read as CommonMark reads them, as in the composer.
    assert "word &amp; an entity written as text: ©" in comments["10"].body_html
    assert comments["11"].author_name == "李雷" and comments["11"].parent == comments["10"]
    assert comments["12"].status == Comment.Status.REMOVED
    assert comments["12"].author_name == "[deleted member]"
    assert comments["13"].parent == comments["12"] and comments["13"].depth == 3
    assert comments["14"].status == Comment.Status.REJECTED
    assert comments["14"].rejection_reason == "spam"
    assert comments["15"].status == Comment.Status.PENDING
    assert "&lt;script&gt;" in comments["16"].body_html
    assert comments["16"].thread.state == "closed"
    assert report.counts["moderation decisions, kept in the export only"] == 1
