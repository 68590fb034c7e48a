"""Tests for `manage.py load_content`: the published content, idempotence and validation."""

import html
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from articles.models import Article, Page, Reference, RelatedArticle, Topic
from forum.models import Thread
from tests.factories import ArticleFactory

CONTENT_DIR = Path(settings.BASE_DIR) / "articles" / "content"
SEED_SLUG = "north-koreas-nuclear-aspirations-a-new-cold-war-calculus"
SAMPLE_SLUGS = [
    "north-koreas-nuclear-tests-a-timeline",
    "the-2019-hanoi-summit-explained",
    "us-china-rivalry-in-brief",
]
MISSING = object()


def load(directory=None):
    """Run the command and return what it printed."""
    out = StringIO()
    args = [str(directory)] if directory else []
    call_command("load_content", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Return everything the command may write, to compare before and after a run."""
    return {
        "topics": list(Topic.objects.order_by("slug").values_list("slug", "name", "description")),
        "articles": list(
            Article.objects.order_by("slug").values_list("slug", "title", "body", "updated_at")
        ),
        "references": list(Reference.objects.order_by("pk").values_list("pk", "title")),
        "related": list(RelatedArticle.objects.order_by("pk").values_list("pk", "target_id")),
        "pages": list(Page.objects.order_by("slug").values_list("slug", "title", "body")),
        "threads": list(Thread.objects.order_by("pk").values_list("pk", "title")),
    }


def write_article(directory, name, **overrides):
    """Write a valid article file `articles/<name>.md`; MISSING removes a field."""
    meta = {
        "title": "A valid article",
        "slug": name,
        "status": "published",
        "published_at": "2026-11-01T08:00:00+00:00",
        "topics": ["north-korea"],
        "references": [{"title": "A source"}],
        "related": [SEED_SLUG],
        "invitation": "What do you think?",
    }
    meta.update(overrides)
    meta = {key: value for key, value in meta.items() if value is not MISSING}
    text = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\nThe body of the article.\n"
    path = directory / "articles" / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def content(tmp_path):
    """Return a copy of the real content directory that a test may edit."""
    directory = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, directory)
    return directory


@pytest.mark.django_db
def test_loads_the_seed_article():
    load()

    article = Article.objects.get(slug=SEED_SLUG)
    assert article.title == "North Korea’s Nuclear Aspirations: A New Cold War Calculus"
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None
    assert not article.is_sample
    assert article.byline
    assert article.standfirst
    assert [(r.title, r.url) for r in article.references.all()] == [
        ("SCMP Plus", ""),
        ("Ajou University", ""),
        ("US-China Policy Institute", ""),
    ]
    assert set(article.topics.values_list("slug", flat=True)) == {
        "north-korea",
        "nuclear-weapons",
        "us-china-relations",
        "korean-peninsula",
    }
    assert "What are your thoughts" in article.invitation
    assert "Invitation for Discussion" not in article.body
    assert "What are your thoughts" not in article.body
    assert "SCMP Plus" not in article.body
    assert "## Who Benefits from the New Cold War?" in article.body
    assert "- **North Korea**: Positioned" in article.body
    assert article.body_html and article.invitation_html
    assert article.thread is not None
    assert article.thread.title == article.title
    assert article.thread.url == article.get_absolute_url()
    related = article.related_links.values_list("target__slug", flat=True)
    assert sorted(related) == SAMPLE_SLUGS


@pytest.mark.django_db
def test_loads_topics_sample_articles_and_guidelines():
    output = load()

    assert Topic.objects.count() == 4
    assert Topic.objects.get(slug="us-china-relations").name == "US–China relations"
    samples = Article.objects.filter(is_sample=True).order_by("slug")
    assert [a.slug for a in samples] == SAMPLE_SLUGS
    assert all(a.thread_id and a.invitation for a in samples)
    assert all(a.published_at < Article.objects.get(slug=SEED_SLUG).published_at for a in samples)
    page = Page.objects.get(slug="community-guidelines")
    assert page.title == "Community guidelines"
    assert "appeal" in page.body
    assert page.body_html
    assert "created topic north-korea\n" in output
    assert f"created article {SEED_SLUG}\n" in output
    assert "created page community-guidelines\n" in output
    assert output.endswith("9 created, 0 updated, 0 unchanged\n")


@pytest.mark.django_db
def test_published_text_has_typographic_quotes():
    """No straight quote outside code, and no opening quote standing in for an apostrophe."""
    load()
    texts = [
        (a.slug, text)
        for a in Article.objects.all()
        for text in (a.title, a.standfirst, a.body_html, a.invitation_html)
    ] + [(p.slug, p.body_html) for p in Page.objects.all()]
    for slug, text in texts:
        words = html.unescape(
            re.sub(r"<[^>]+>", "", re.sub(r"<code>.*?</code>", "", text, flags=re.S))
        )
        assert not re.findall(r".{0,20}[\"'].{0,20}", words), slug
        assert not re.findall(r"\w‘\w", words), slug


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load()
    before = snapshot()

    output = load()

    assert snapshot() == before
    assert Article.objects.count() == 4
    assert Thread.objects.count() == 4
    assert Reference.objects.filter(article__slug=SEED_SLUG).count() == 3
    assert f"unchanged article {SEED_SLUG}\n" in output
    assert "unchanged topic korean-peninsula\n" in output
    assert "unchanged page community-guidelines\n" in output
    assert output.endswith("0 created, 0 updated, 9 unchanged\n")


@pytest.mark.django_db
def test_editing_a_title_updates_the_article_and_its_thread(content):
    load(content)
    references_before = list(Reference.objects.values_list("pk", flat=True))
    seed_file = content / "articles" / f"{SEED_SLUG}.md"
    replace_in(seed_file, "A New Cold War Calculus", "A Cold War Calculus Revisited")

    output = load(content)

    article = Article.objects.get(slug=SEED_SLUG)
    assert article.title == "North Korea’s Nuclear Aspirations: A Cold War Calculus Revisited"
    assert article.thread.title == article.title
    assert Thread.objects.count() == 4
    # References that did not change are kept, not deleted and re-created.
    assert list(Reference.objects.values_list("pk", flat=True)) == references_before
    assert f"updated article {SEED_SLUG}\n" in output
    assert "unchanged article us-china-rivalry-in-brief\n" in output
    assert output.endswith("0 created, 1 updated, 8 unchanged\n")


@pytest.mark.django_db
def test_changed_references_and_related_are_replaced(content):
    load(content)
    seed_file = content / "articles" / f"{SEED_SLUG}.md"
    replace_in(seed_file, "  - title: Ajou University\n", "")
    replace_in(seed_file, "  - us-china-rivalry-in-brief\n", "")

    output = load(content)

    article = Article.objects.get(slug=SEED_SLUG)
    assert list(article.references.values_list("title", flat=True)) == [
        "SCMP Plus",
        "US-China Policy Institute",
    ]
    assert list(article.related_links.values_list("target__slug", flat=True)) == [
        "the-2019-hanoi-summit-explained",
        "north-koreas-nuclear-tests-a-timeline",
    ]
    assert f"updated article {SEED_SLUG}\n" in output


@pytest.mark.django_db
def test_related_slug_may_name_an_article_already_in_the_database(content):
    ArticleFactory(slug="an-older-article")
    write_article(content, "a-new-article", related=["an-older-article", SEED_SLUG])

    load(content)

    article = Article.objects.get(slug="a-new-article")
    assert list(article.related_links.values_list("target__slug", flat=True)) == [
        "an-older-article",
        SEED_SLUG,
    ]


@pytest.mark.django_db
def test_a_draft_needs_no_publication_date(content):
    write_article(content, "a-draft", status="draft", published_at=MISSING)

    load(content)

    draft = Article.objects.get(slug="a-draft")
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None


def write_without_front_matter(directory):
    path = directory / "articles" / "no-front-matter.md"
    path.write_text("# Just a heading\n\nAnd a body.\n", encoding="utf-8")
    return "no-front-matter.md", "front matter"


def write_page_without_title(directory):
    path = directory / "pages" / "about.md"
    path.write_text("---\nslug: about\n---\nAbout us.\n", encoding="utf-8")
    return "about.md", "title"


BAD_ARTICLES = {
    "missing title": ({"title": MISSING}, "title"),
    "empty title": ({"title": "  "}, "title"),
    "bad status": ({"status": "live"}, "status"),
    "bad date": ({"published_at": "20 November 2026"}, "published_at"),
    "date without timezone": ({"published_at": "2026-11-20T08:00:00"}, "published_at"),
    "published without date": ({"published_at": MISSING}, "published_at"),
    "missing invitation": ({"invitation": MISSING}, "invitation"),
    "unknown topic": ({"topics": ["atlantis"]}, "topics"),
    "topics not a list": ({"topics": "north-korea"}, "topics"),
    "unknown related slug": ({"related": ["no-such-article"]}, "related"),
    "references not a list": ({"references": "SCMP Plus"}, "references"),
    "reference without title": (
        {"references": [{"url": "https://example.org/"}]},
        "references[1].title",
    ),
    "slug not matching file name": ({"slug": "another-slug"}, "slug"),
    "invalid slug": ({"slug": "Not A Slug!"}, "slug"),
    "misspelt field": ({"publised_at": "2026-11-01T08:00:00+00:00"}, "publised_at"),
    "not a language code": ({"language": "Korean"}, "language"),
    "language too long": ({"language": "en-GB-oxendict"}, "language"),
}


def bad_article_writer(overrides, field):
    def write(directory):
        write_article(directory, "a-bad-article", **overrides)
        return "a-bad-article.md", field

    return write


BAD_CONTENT = {
    "missing front matter": write_without_front_matter,
    "page without title": write_page_without_title,
    **{name: bad_article_writer(*case) for name, case in BAD_ARTICLES.items()},
}


@pytest.mark.django_db
@pytest.mark.parametrize("write_bad_file", BAD_CONTENT.values(), ids=BAD_CONTENT.keys())
def test_invalid_content_is_refused_and_nothing_is_written(content, write_bad_file):
    load(content)
    before = snapshot()
    # A valid edit in the same run must not be applied either.
    replace_in(content / "articles" / f"{SEED_SLUG}.md", "A New Cold War", "An Edited")
    replace_in(content / "topics.yml", "name: North Korea", "name: DPRK")
    file_name, field = write_bad_file(content)

    with pytest.raises(CommandError) as error:
        load(content)

    assert f"{file_name}: {field}:" in str(error.value)
    assert snapshot() == before


@pytest.mark.django_db
def test_invalid_content_leaves_an_empty_database_empty(content):
    write_article(content, "a-bad-article", status="live")

    with pytest.raises(CommandError, match=r"a-bad-article\.md: status:"):
        load(content)

    assert not Topic.objects.exists()
    assert not Article.objects.exists()
    assert not Page.objects.exists()
    assert not Thread.objects.exists()


@pytest.mark.django_db
def test_every_problem_is_reported_at_once(content):
    write_article(content, "first-bad-article", title=MISSING)
    write_article(content, "second-bad-article", topics=["atlantis"])

    with pytest.raises(CommandError) as error:
        load(content)

    message = str(error.value)
    assert "first-bad-article.md: title:" in message
    assert "second-bad-article.md: topics:" in message
    assert "atlantis" in message


@pytest.mark.django_db
def test_a_missing_directory_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="no such content directory"):
        load(tmp_path / "nowhere")
