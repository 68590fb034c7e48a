"""Threads: one thread, a page of its comments as the site shows it, and posting to it."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Header, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from forum.api import auth, schemas
from forum.api.errors import ApiError
from forum.api.shaping import comment_out, nodes_out, thread_out
from forum.comments import reasons, transitions
from forum.discussion.reading import subtree_root, thread_context
from forum.models import Comment, Thread

router = Router(tags=["threads"])

ERRORS = {400: schemas.Error, 401: schemas.Error, 403: schemas.Error, 404: schemas.Error}


class PageQuery(Schema):
    sort: str = Field("oldest", pattern="^(oldest|newest|top)$")
    page: int = Field(1, ge=1, le=1_000_000)
    thread: int | None = Field(
        None, ge=1, le=2**63 - 1, description="A page of this top-level comment's replies"
    )


def idempotency_key(header, data):
    """Return the post's key: the `Idempotency-Key` header, or the body's `idempotency_key`."""
    if header is None:
        return data.idempotency_key
    if data.idempotency_key not in (None, header):
        message = gettext("The Idempotency-Key header and idempotency_key differ.")
        raise ApiError(400, "invalid", message)
    return header


@router.get(
    "/{thread_id}/",
    response={200: schemas.Thread, 400: schemas.Error, 401: schemas.Error, 404: schemas.Error},
)
def thread_detail(request, thread_id: int):
    """Return a thread: its title, its page's URL and its count of published comments."""
    auth.reader(request)
    return thread_out(get_object_or_404(Thread.objects.visible(), pk=thread_id))


@router.get(
    "/{thread_id}/comments/",
    response={200: schemas.ThreadPage, 400: schemas.Error, 401: schemas.Error, 404: schemas.Error},
)
def thread_comments(request, thread_id: int, query: Query[PageQuery]):
    """Return a page of a thread's comments, as its page shows them (50 top-level, 200 at most)."""
    request.user = auth.reader(request)
    thread = get_object_or_404(Thread.objects.visible(), pk=thread_id)
    subtree = None
    if query.thread is not None:
        subtree = subtree_root(thread, request.user, query.thread)
        if subtree is None:
            raise HttpError(404, gettext("No such comment in this discussion."))
    context = thread_context(
        request, thread, sort=query.sort, page_number=query.page, subtree=subtree
    )
    page = context["comments_page"]
    return {
        "thread": thread_out(thread),
        "sort": context["sort"],
        "page": page.number,
        "pages": page.paginator.num_pages,
        "top_level_count": page.paginator.count if subtree is None else 1,
        "subtree": subtree.pk if subtree else None,
        "comments": nodes_out(context["nodes"]),
    }


@router.post(
    "/{thread_id}/comments/",
    auth=auth.MEMBERS,
    response={201: schemas.Posted, 409: schemas.Error, 429: schemas.Error, **ERRORS},
)
def comment_post(
    request,
    thread_id: int,
    data: schemas.CommentIn,
    key: str | None = Header(
        None,
        alias="Idempotency-Key",
        min_length=1,
        max_length=schemas.IDEMPOTENCY_KEY_LENGTH,
        description="Sent again with the same key and text, a post is made once",
    ),
):
    """Post a comment, or a reply with `parent_id`; it may be held for moderation."""
    member = request.auth
    thread = get_object_or_404(Thread.objects.visible(), pk=thread_id)
    parent = None
    if data.parent_id is not None:
        parent = Comment.objects.filter(pk=data.parent_id).first()
        if parent is None:
            raise HttpError(404, gettext("The comment you’re replying to doesn’t exist."))
    comment = transitions.comment_create(
        author=member,
        thread=thread,
        body=data.body,
        parent=parent,
        idempotency_key=idempotency_key(key, data),
    )
    return Status(
        201, {"comment": comment_out(comment), "message": reasons.posted_message(comment)}
    )
