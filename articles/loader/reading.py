"""Read and check the content files (topics, articles, pages) without touching the database.

Every mistake is collected, each naming its file and field, so that one run reports them all.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import frontmatter
import yaml
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug

from articles.models import LANGUAGE_TAG, Article, Page, Reference, Topic

TOPIC_FIELDS = {"slug", "name", "description"}
ARTICLE_FIELDS = {
    "title",
    "slug",
    "standfirst",
    "byline",
    "language",
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
    mappings = each_mapping(
        data,
        TOPIC_FIELDS,
        path,
        problems,
        name="topics",
        message="must be a mapping of slug, name and description",
    )
    for label, item in mappings:
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
        "language": check_language(meta, path, problems),
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


def each_mapping(items, allowed, where, problems, *, name, message):
    """Yield (label, item) for each mapping in the list `items`, reporting every other item."""
    for number, item in enumerate(items, start=1):
        label = f"{name}[{number}]"
        if not isinstance(item, dict):
            problems.add(where, label, message)
            continue
        check_known_fields(item, allowed, where, problems, prefix=f"{label}.")
        yield label, item


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


def check_language(meta, where, problems):
    """Return the article's language tag (empty: the site's language), such as en or ko."""
    value = check_text(meta, "language", where, problems, Article)
    if value and not re.match(LANGUAGE_TAG, value):
        problems.add(where, "language", f"“{value}” is not a language code such as en or ko")
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
    mappings = each_mapping(
        value,
        REFERENCE_FIELDS,
        where,
        problems,
        name="references",
        message='must be a mapping such as {title: "SCMP Plus"}',
    )
    for name, item in mappings:
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
