"""The API's shapes: what a reader sees of threads, comments and members, and what a write takes.

Only what the site's pages show: no e-mail address, no held text but the reader's own, no
rejected or removed text (a removed comment with replies is a placeholder, as on the page).
"""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator

from forum.markdown import MAX_COMMENT_LENGTH
from forum.models import Report

# Far above the comment limit, so the service gives its own message for a long comment,
# yet bounded, so a huge body is refused before any work.
MAX_BODY_INPUT = MAX_COMMENT_LENGTH * 2
IDEMPOTENCY_KEY_LENGTH = 64


def _without_nul(value):
    # The site's forms refuse them too (Django's ProhibitNullCharactersValidator).
    if "\x00" in value:
        raise ValueError("Null characters are not allowed.")
    return value


# Text that can be stored: PostgreSQL refuses NUL in text.
Text = Annotated[str, AfterValidator(_without_nul)]
USERNAME = r"^[\w.@+-]{1,150}$"
SLUG = r"^[-a-zA-Z0-9_]{1,200}$"


class Error(Schema):
    code: str = Field(examples=["not_found"])
    message: str


class Author(Schema):
    username: str
    name: str
    profile_url: str


class Thread(Schema):
    id: int
    key: str
    title: str
    url: str
    comment_count: int
    is_open: bool


class Comment(Schema):
    id: int
    thread_id: int
    parent_id: int | None
    level: int = Field(description="1 for a top-level comment; replies nest up to 5 levels")
    reply_to: str = Field("", description="Whom a reply shown past the last level answers")
    author: Author | None = Field(None, description="null for a placeholder or deleted member")
    body_html: str | None = Field(None, description="Sanitized HTML; null for a placeholder")
    status: Literal["published", "pending", "removed"]
    is_placeholder: bool = False
    score: int
    is_featured: bool
    created_at: datetime
    edited_at: datetime | None
    url: str = Field(description="The comment's permalink on the site")
    more_replies: int = Field(0, description="Replies not on this page (see `replies_url`)")


class ThreadPage(Schema):
    thread: Thread
    sort: Literal["oldest", "newest", "top"]
    page: int
    pages: int
    top_level_count: int = Field(description="Top-level comments across all pages")
    subtree: int | None = Field(None, description="The top-level comment of a subtree page")
    comments: list[Comment] = Field(description="The page in reading order, parents first")


class CommentList(Schema):
    page: int
    pages: int
    count: int
    comments: list[Comment]


class Member(Schema):
    username: str
    name: str
    bio: str
    website: str
    joined: datetime
    profile_url: str


class CommentIn(Schema):
    body: Text = Field(max_length=MAX_BODY_INPUT, description="Markdown")
    parent_id: int | None = Field(None, ge=1, le=2**63 - 1, description="Reply to this comment")
    idempotency_key: Text | None = Field(
        None,
        max_length=IDEMPOTENCY_KEY_LENGTH,
        description="Sent again with the same key and text, a post is made once; with "
        "another text, it is refused (409). The `Idempotency-Key` header does the same.",
    )


class CommentEdit(Schema):
    body: Text = Field(max_length=MAX_BODY_INPUT, description="Markdown")


class Posted(Schema):
    comment: Comment
    message: str = Field(description="What happened, in words for the author")


class VoteOut(Schema):
    voted: bool
    score: int


class ReportIn(Schema):
    reason: Literal[tuple(Report.Reason.values)]  # type: ignore[valid-type]
    note: Text = Field("", max_length=2000)


class Done(Schema):
    message: str


class Count(Schema):
    url: str | None = None
    key: str | None = None
    count: int
    discussion_url: str | None = Field(None, description="Where the discussion is read")
    label: str = Field(description="“12 comments” in the language asked for with `lang`")


class Counts(Schema):
    counts: list[Count]
