"""Load the site's published content (topics, articles, pages) from Markdown files.

    manage.py load_content [DIR]

DIR (default: articles/content/ in the project) holds:

    topics.yml          a YAML list of {slug, name, description}
    articles/<slug>.md  one article per file: YAML front matter, then the Markdown body
    pages/<slug>.md     one standing page per file: front matter {title, slug}, then the body

Every file is read and checked before anything is written, and the writes happen in one
transaction: a single mistake in any file leaves the database exactly as it was. Items are
matched by slug, so running the command again only saves what changed. Items that exist in
the database but not in the files are left alone.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import frontmatter
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator, validate_slug
from django.db import transaction

from articles.models import Article, Page, Reference, RelatedArticle, Topic
from articles.services import article_sync_thread

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

TOPIC_FIELDS = {"slug", "name", "description"}
ARTICLE_FIELDS = {
    "title",
    "slug",
    "standfirst",
    "byline",
    "status",
    "published_at",
    "is_sample",
    "topics",
    "references",
    "related",
    "invitation",
}
PAGE_FIELDS = {"title", "slug"}
REFERENCE_FIELDS = {"title", "url", "note"}
STATUSES = {choice.value for choice in Article.Status}


@dataclass
class TopicEntry:
    source: Path
    label: str
    slug: str
    values: dict


@dataclass
class ArticleEntry:
    source: Path
    slug: str
    values: dict
    topics: list = field(default_factory=list)
    references: list = field(default_factory=list)
    related: list = field(default_factory=list)


@dataclass
class PageEntry:
    source: Path
    slug: str
    values: dict


@dataclass
class Content:
    topics: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    pages: list = field(default_factory=list)


class Problems:
    """Collect every mistake found in the content, each naming its file and field."""

    def __init__(self):
        self.messages = []

    def add(self, source, field_name, message):
        self.messages.append(f"{source}: {field_name}: {message}")

    def __bool__(self):
        return bool(self.messages)


class Command(BaseCommand):
    help = "Create or update topics, articles and pages from Markdown files with front matter."

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            help="Content directory (default: articles/content/ in the project)",
        )

    def handle(self, *args, directory=None, **options):
        root = Path(directory) if directory else Path(settings.BASE_DIR) / "articles" / "content"
        if not root.is_dir():
            raise CommandError(f"{root}: no such content directory.")

        content, problems = read_content(root)
        check_cross_references(content, problems)
        if problems:
            raise CommandError(
                "Nothing was loaded; fix these problems and run the command again:\n  "
                + "\n  ".join(problems.messages)
            )

        with transaction.atomic():
            results = write_content(content)

        for kind, slug, outcome in results:
            self.stdout.write(f"{outcome} {kind} {slug}")
        counts = {outcome: 0 for outcome in (CREATED, UPDATED, UNCHANGED)}
        for _kind, _slug, outcome in results:
            counts[outcome] += 1
        self.stdout.write(
            f"{counts[CREATED]} created, {counts[UPDATED]} updated, {counts[UNCHANGED]} unchanged"
        )


# Reading and checking ---------------------------------------------------------------------


def read_content(root):
    """Read and check every content file under `root`, without touching the database."""
    content, problems = Content(), Problems()
    topics_file = root / "topics.yml"
    if topics_file.exists():
        content.topics = read_topics(topics_file, problems)
    for path in sorted((root / "articles").glob("*.md")):
        meta, body = read_markdown(path, problems)
        if meta is not None:
            content.articles.append(parse_article(path, meta, body, problems))
    for path in sorted((root / "pages").glob("*.md")):
        meta, body = read_markdown(path, problems)
        if meta is not None:
            content.pages.append(parse_page(path, meta, body, problems))
    return content, problems


def read_topics(path, problems):
    """Return the topics listed in topics.yml."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.add(path, "topics", f"cannot be read: {exc}")
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.add(path, "topics", "must be a YAML list of {slug, name, description}")
        return []
    entries, seen = [], set()
    for number, item in enumerate(data, start=1):
        label = f"topics[{number}]"
        if not isinstance(item, dict):
            problems.add(path, label, "must be a mapping of slug, name and description")
            continue
        check_known_fields(item, TOPIC_FIELDS, path, problems, prefix=f"{label}.")
        slug = check_slug(item, path, problems, Topic, prefix=f"{label}.")
        values = {
            "name": check_text(
                item, "name", path, problems, Topic, required=True, prefix=f"{label}."
            ),
            "description": check_text(
                item, "description", path, problems, Topic, prefix=f"{label}."
            ),
        }
        if slug in seen:
            problems.add(path, f"{label}.slug", f"“{slug}” is listed twice")
        seen.add(slug)
        entries.append(TopicEntry(source=path, label=label, slug=slug, values=values))
    return entries


def read_markdown(path, problems):
    """Return the front matter (a dict) and the body of a Markdown file, or (None, None)."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(path, "file", f"cannot be read: {exc}")
        return None, None
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        problems.add(path, "front matter", "missing: the file must start with a '---' line")
        return None, None
    try:
        raw, body = handler.split(text)
    except ValueError:
        problems.add(path, "front matter", "not closed: add a '---' line after it")
        return None, None
    try:
        meta = handler.load(raw)
    except yaml.YAMLError as exc:
        problems.add(path, "front matter", f"is not valid YAML: {exc}")
        return None, None
    if not isinstance(meta, dict) or not meta:
        problems.add(path, "front matter", "missing: it must hold `field: value` lines")
        return None, None
    return meta, body.strip()


def parse_article(path, meta, body, problems):
    """Return the checked article described by one file."""
    check_known_fields(meta, ARTICLE_FIELDS, path, problems)
    slug = check_slug(meta, path, problems, Article, expected=path.stem)
    status = meta.get("status")
    if not isinstance(status, str) or status not in STATUSES:
        problems.add(path, "status", f"must be one of: {', '.join(sorted(STATUSES))}")
    published_at = check_datetime(meta, "published_at", path, problems)
    if status == Article.Status.PUBLISHED and meta.get("published_at") is None:
        problems.add(path, "published_at", "is required for a published article")
    is_sample = meta.get("is_sample", False)
    if not isinstance(is_sample, bool):
        problems.add(path, "is_sample", "must be true or false")
    if not body:
        problems.add(path, "body", "is empty: write the article below the front matter")
    values = {
        "title": check_text(meta, "title", path, problems, Article, required=True),
        "standfirst": check_text(meta, "standfirst", path, problems, Article),
        "byline": check_text(meta, "byline", path, problems, Article),
        "status": status,
        "published_at": published_at,
        "is_sample": is_sample,
        "body": body,
        "invitation": check_text(meta, "invitation", path, problems, Article, required=True),
    }
    return ArticleEntry(
        source=path,
        slug=slug,
        values=values,
        topics=check_slug_list(meta, "topics", path, problems),
        references=check_references(meta, path, problems),
        related=check_slug_list(meta, "related", path, problems),
    )


def parse_page(path, meta, body, problems):
    """Return the checked page described by one file."""
    check_known_fields(meta, PAGE_FIELDS, path, problems)
    slug = check_slug(meta, path, problems, Page, expected=path.stem)
    if not body:
        problems.add(path, "body", "is empty: write the page below the front matter")
    values = {"title": check_text(meta, "title", path, problems, Page, required=True), "body": body}
    return PageEntry(source=path, slug=slug, values=values)


def check_known_fields(meta, allowed, where, problems, *, prefix=""):
    # A misspelt field would otherwise be ignored without a word.
    for name in sorted(set(meta) - allowed, key=str):
        problems.add(
            where,
            f"{prefix}{name}",
            f"unknown field (expected one of {', '.join(sorted(allowed))})",
        )


def check_text(meta, name, where, problems, model, *, required=False, prefix=""):
    """Return the text of field `name`, stripped; report it if missing, too long or not text."""
    value = meta.get(name)
    label = f"{prefix}{name}"
    if value is None:
        if required:
            problems.add(where, label, "is required")
        return ""
    if not isinstance(value, str):
        problems.add(where, label, "must be text (put it in quotes)")
        return ""
    value = value.strip()
    if required and not value:
        problems.add(where, label, "must not be empty")
    max_length = model._meta.get_field(name).max_length
    if max_length and len(value) > max_length:
        problems.add(where, label, f"is {len(value)} characters long; the limit is {max_length}")
    return value


def check_slug(meta, where, problems, model, *, expected=None, prefix=""):
    """Return the slug; it must be a valid slug and, for a file, match the file's name."""
    slug, label = meta.get("slug"), f"{prefix}slug"
    if not isinstance(slug, str) or not slug:
        problems.add(where, label, "is required")
        return ""
    try:
        validate_slug(slug)
    except ValidationError:
        problems.add(where, label, f"“{slug}” may contain only a-z, 0-9, hyphens and underscores")
    max_length = model._meta.get_field("slug").max_length
    if len(slug) > max_length:
        problems.add(where, label, f"is longer than {max_length} characters")
    if expected is not None and slug != expected:
        problems.add(where, label, f"“{slug}” does not match the file name “{expected}.md”")
    return slug


def check_datetime(meta, name, where, problems):
    """Return the aware datetime of field `name`, or None if it is absent or invalid."""
    value = meta.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime):
        kind = "a date without a time" if isinstance(value, date) else "not a date and time"
        problems.add(
            where,
            name,
            f"is {kind}; write it in ISO 8601 with a timezone, e.g. 2026-11-20T08:00:00+00:00",
        )
        return None
    if value.utcoffset() is None:
        problems.add(where, name, "needs a timezone, e.g. 2026-11-20T08:00:00+00:00")
        return None
    return value


def check_slug_list(meta, name, where, problems):
    """Return the list of slugs in field `name` (absent means an empty list)."""
    value = meta.get(name, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(slug, str) for slug in value):
        problems.add(where, name, "must be a list of slugs, e.g. [north-korea, nuclear-weapons]")
        return []
    duplicates = sorted({slug for slug in value if value.count(slug) > 1})
    if duplicates:
        problems.add(where, name, f"lists {', '.join(duplicates)} more than once")
    return value


def check_references(meta, where, problems):
    """Return the references as a list of (title, url, note), in the file's order."""
    value = meta.get("references", [])
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(where, "references", "must be a list of {title, url, note}")
        return []
    references, check_url = [], URLValidator()
    for number, item in enumerate(value, start=1):
        name = f"references[{number}]"
        if not isinstance(item, dict):
            problems.add(where, name, 'must be a mapping such as {title: "SCMP Plus"}')
            continue
        check_known_fields(item, REFERENCE_FIELDS, where, problems, prefix=f"{name}.")
        reference = tuple(
            check_text(
                item, part, where, problems, Reference, required=part == "title", prefix=f"{name}."
            )
            for part in ("title", "url", "note")
        )
        if reference[1]:
            try:
                check_url(reference[1])
            except ValidationError:
                problems.add(where, f"{name}.url", f"“{reference[1]}” is not a valid URL")
        references.append(reference)
    return references


def check_cross_references(content, problems):
    """Report topics and related articles that exist neither in the files nor in the database."""
    topic_slugs = {entry.slug for entry in content.topics}
    topic_slugs |= set(Topic.objects.values_list("slug", flat=True))
    article_slugs = {entry.slug for entry in content.articles}
    article_slugs |= set(Article.objects.values_list("slug", flat=True))
    for entry in content.articles:
        for slug in entry.topics:
            if slug not in topic_slugs:
                problems.add(
                    entry.source, "topics", f"unknown topic “{slug}” (add it to topics.yml)"
                )
        for slug in entry.related:
            if slug == entry.slug:
                problems.add(entry.source, "related", "an article cannot be related to itself")
            elif slug not in article_slugs:
                problems.add(entry.source, "related", f"unknown article “{slug}”")
    # Topic names are unique too: a clash would only surface as a database error.
    for entry in content.topics:
        clash = Topic.objects.filter(name=entry.values["name"]).exclude(slug=entry.slug).first()
        if clash:
            problems.add(
                entry.source,
                f"{entry.label}.name",
                f"“{clash.name}” is already used by topic “{clash.slug}”",
            )


# Writing ----------------------------------------------------------------------------------


def write_content(content):
    """Write the checked content and return (kind, slug, outcome) for every item."""
    results = [
        ("topic", entry.slug, upsert(Topic, entry.slug, entry.values)[1])
        for entry in content.topics
    ]

    articles = []
    for entry in content.articles:
        article, outcome = write_article(entry)
        article_sync_thread(article=article)
        articles.append((entry, article, outcome))
    # Related articles point at one another, so they are linked once every article exists.
    for entry, article, outcome in articles:
        if write_related(article, entry.related) and outcome == UNCHANGED:
            outcome = UPDATED
        results.append(("article", entry.slug, outcome))

    results += [
        ("page", entry.slug, upsert(Page, entry.slug, entry.values)[1]) for entry in content.pages
    ]
    return results


def upsert(model, slug, values):
    """Create or update the object with this slug, saving it only if a value differs."""
    instance = model.objects.filter(slug=slug).first()
    if instance is None:
        instance = model(slug=slug, **values)
        instance.save()
        return instance, CREATED
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if not changed:
        return instance, UNCHANGED
    for name in changed:
        setattr(instance, name, values[name])
    instance.save()
    return instance, UPDATED


def write_article(entry):
    """Create or update one article with its topics and references."""
    article, outcome = upsert(Article, entry.slug, entry.values)
    changed = write_topics(article, entry.topics)
    changed = write_references(article, entry.references) or changed
    if changed and outcome == UNCHANGED:
        outcome = UPDATED
    return article, outcome


def write_topics(article, slugs):
    """Give the article exactly these topics; return whether they changed."""
    if set(article.topics.values_list("slug", flat=True)) == set(slugs):
        return False
    article.topics.set(Topic.objects.filter(slug__in=slugs))
    return True


def write_references(article, references):
    """Replace the article's references if they differ from `references`; return whether."""
    current = [(ref.title, ref.url, ref.note) for ref in article.references.all()]
    if current == references:
        return False
    article.references.all().delete()
    Reference.objects.bulk_create(
        Reference(article=article, position=position, title=title, url=url, note=note)
        for position, (title, url, note) in enumerate(references)
    )
    return True


def write_related(article, slugs):
    """Replace the article's related articles if they differ from `slugs`; return whether."""
    links = article.related_links.order_by("position", "pk").values_list("target__slug", flat=True)
    if list(links) == slugs:
        return False
    article.related_links.all().delete()
    targets = Article.objects.in_bulk(slugs, field_name="slug")
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article=article, target=targets[slug], position=position)
        for position, slug in enumerate(slugs)
    )
    return True
