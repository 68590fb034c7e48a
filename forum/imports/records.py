"""What every archive format is read into: threads, comments and the problems found."""

from dataclasses import dataclass
from datetime import UTC, datetime


class ImportFileError(Exception):
    """The file cannot be imported; the message says where and why, for the person importing."""


@dataclass(frozen=True)
class SourceThread:
    """A discussion of the old system: the page it was on."""

    key: str  # the archive's id of the thread
    url: str = ""
    title: str = ""
    identifier: str = ""  # Disqus's identifier, WordPress's post name (a slug), our thread key
    closed: bool = False


@dataclass(frozen=True)
class SourceComment:
    """A comment as the archive holds it, before it is matched, converted and written."""

    key: str
    thread_key: str
    created_at: datetime
    message: str  # as the archive holds it, converted only when it is written
    state: str = "published"  # published, pending, spam, deleted
    parent_key: str = ""
    author_key: str = ""  # how the archive tells its authors apart ("" for anonymous)
    author_name: str = ""
    author_email: str = ""
    edited_at: datetime | None = None
    message_format: str = "html"  # html (Disqus), text (WordPress) or markdown (ours)
    # Kept by our own exports only:
    rejection_reason: str = ""
    score: int = 0
    featured_at: datetime | None = None
    revisions: tuple = ()  # (earlier text, written at, replaced at)
    has_author: bool = True  # False: its author's account was deleted there


@dataclass(frozen=True)
class SourceNote:
    """Something the reader of the file left out, for the report."""

    kind: str  # a short code the report counts ("pingback")
    text: str


STATES = ("published", "pending", "spam", "deleted")


def parse_time(value, where):
    """Return the aware datetime of an archive's ISO 8601 time; raise ImportFileError."""
    value = (value or "").strip()
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        raise ImportFileError(
            f"{where}: “{value}” is not a time (expected like 2013-10-09T00:24:58Z)."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
