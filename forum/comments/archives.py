"""Comments from another system: an archive's import (Disqus, WordPress, ours) and claiming.

Transitions of the lifecycle like those of forum.comments.transitions: atomic, keyword-only,
handing their rows to forum.comments.lifecycle, which saves, recounts and announces them
(one event for a whole batch; nobody is notified of old comments).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from forum.comments import lifecycle
from forum.comments.events import Change
from forum.comments.transitions import clean_body
from forum.errors import DiscussionError, NotAllowed
from forum.models import Comment, CommentRevision, GuestAuthor, Thread
from forum.platform.copy_insert import insert_many, reserve_ids
from forum.refusals import Code


@dataclass(frozen=True)
class Imported:
    """One comment of an archive (Disqus, WordPress, ours) as the import hands it over."""

    key: str  # the archive's own id of the comment
    author: Any  # a User, or None for a guest of the old system
    body: str  # Markdown
    created_at: datetime
    parent_key: str = ""  # the archive's id of the comment it answers, if any
    published: bool = True
    status: str = ""  # when set, wins over `published`: rejected (spam), removed (deleted there)
    thread: Any = None  # when set, wins over comments_import's `thread`
    guest: Any = None  # the GuestAuthor who wrote it, when `author` is None
    guest_name: str = ""
    edited_at: datetime | None = None
    rejection_reason: str = ""  # of a rejected one; "imported_spam" unless said
    score: int = 0  # up-votes counted on the old site (its voters are not known here)
    featured_at: datetime | None = None
    revisions: tuple = ()  # (earlier text, written at, replaced at), for moderators

    @property
    def imported_status(self):
        if self.status:
            return self.status
        return Comment.Status.PUBLISHED if self.published else Comment.Status.PENDING


@transaction.atomic
def comments_import(*, items, thread=None, source="", refused=None, rendered=None):
    """Add an archive's comments at once, each reply under its parent; one event for all.

    Items go to `thread` unless they name their own. Replies whose parent is neither in
    `items` nor imported before from `source` become top-level comments. With `source`,
    each comment keeps its archive key and one already imported from there is left as it
    is, so running an import again adds nothing. A text that is empty, too long or shows
    nothing raises DiscussionError naming the archive's key, and nothing is imported;
    given a dict `refused`, it is noted there (key: why) and left out instead. `rendered`
    may hold clean_body's (text, HTML) of some items, computed elsewhere (the import's
    worker processes); the others are cleaned here. Nobody is notified: these are old
    comments. Return the created comments.
    """
    items = list(items)
    threads = {(item.thread or thread).pk for item in items}
    list(Thread.objects.select_for_update().filter(pk__in=threads).order_by("pk").values("pk"))
    if source:
        done = set(
            Comment.objects.filter(
                import_source=source, import_key__in=[i.key for i in items]
            ).values_list("import_key", flat=True)
        )
        items = [item for item in items if item.key not in done]
    rendered = dict(rendered or {})
    for item in items:
        if item.key in rendered:
            continue
        try:
            rendered[item.key] = clean_body(item.body)
        except DiscussionError as error:
            if refused is None:
                raise DiscussionError(
                    Code.IMPORT_REFUSED, key=item.key, reason=str(error)
                ) from None
            refused[item.key] = str(error)
    items = [item for item in items if item.key in rendered]
    placed = _imported_parents(source, items, rendered)
    ids = reserve_ids(Comment, len(items))  # None: the ids come with each level's INSERT
    created = []
    for level in _parents_first(items, rendered, placed):
        rows = [
            _imported_row(
                item, item.thread or thread, placed.get(item.parent_key), rendered, source
            )
            for item in level
        ]
        if ids is None:
            rows = Comment.objects.bulk_create(rows)
        else:
            for row in rows:
                row.pk = next(ids)
        for item, row in zip(level, rows, strict=True):
            placed[item.key] = row
        created += rows
    if ids is not None:
        insert_many(created)  # one COPY for the whole batch, replies pointing at known ids
    CommentRevision.objects.bulk_create(
        CommentRevision(comment=placed[i.key], body=body, created_at=at, replaced_at=replaced)
        for i in items
        for body, at, replaced in i.revisions
    )
    return lifecycle.created_many(created, Change.IMPORTED)


def _parents_first(items, rendered, placed):
    """Yield `items` a level of the tree at a time: each reply after its parent."""
    known = set(placed)
    waiting = items
    while waiting:
        level = [i for i in waiting if i.parent_key not in rendered or i.parent_key in known]
        # Replies that answer each other in a ring (a broken archive): one stands alone.
        level = level or waiting[:1]
        yield level
        known |= {i.key for i in level}
        waiting = [i for i in waiting if i.key not in known]


def _imported_parents(source, items, rendered):
    """Return {key: comment} of the parents imported from `source` before these `items`."""
    if not source:
        return {}
    keys = {i.parent_key for i in items if i.parent_key and i.parent_key not in rendered}
    if not keys:
        return {}
    parents = Comment.objects.filter(import_source=source, import_key__in=keys).only(
        "pk", "thread_id", "root_id", "depth", "import_key"
    )
    return {parent.import_key: parent for parent in parents}


def _imported_row(item, thread, parent, rendered, source):
    body, body_html = rendered[item.key]
    if parent is not None and parent.thread_id != thread.pk:
        parent = None  # an archive's reply to another thread's comment stands on its own
    status = item.imported_status
    rejected = status == Comment.Status.REJECTED
    return Comment(
        thread=thread,
        author=item.author,
        guest=item.guest,
        guest_name=(item.guest_name or "")[:100],
        parent=parent,
        root_id=(parent.root_id or parent.pk) if parent else None,
        depth=min(parent.depth + 1, 32767) if parent else 0,
        body=body,
        body_html=body_html,
        created_at=item.created_at,
        edited_at=item.edited_at,
        status=status,
        hold_reason=Comment.HoldReason.IMPORTED if status == Comment.Status.PENDING else "",
        rejection_reason=(item.rejection_reason or "imported_spam") if rejected else "",
        moderated_at=item.created_at if rejected else None,
        score=item.score,
        is_featured=item.featured_at is not None and status == Comment.Status.PUBLISHED,
        featured_at=item.featured_at if status == Comment.Status.PUBLISHED else None,
        import_source=source,
        import_key=item.key[:100] if source else None,
    )


@transaction.atomic
def comments_claim(*, member, guests):
    """Make `member` the author of the imported comments of `guests`; one event for all.

    Only guests whose kept e-mail address is one of the member's verified addresses may be
    claimed (others raise NotAllowed, and nothing changes). The address, having served its
    one purpose, is erased. Return the claimed comments.
    """
    ids = {guest.pk for guest in guests}
    claimable = GuestAuthor.objects.claimable_by(member).select_for_update().filter(pk__in=ids)
    if not ids or len(claimable) != len(ids):
        raise NotAllowed(Code.NOT_YOURS_TO_CLAIM)
    changed = lifecycle.change_many(
        Comment.objects.filter(guest__in=ids, author__isnull=True),
        Change.CLAIMED,
        actor=member,
        values={"author": member},
    )
    GuestAuthor.objects.filter(pk__in=ids).update(
        claimed_by=member, email="", email_kept_until=None
    )
    return changed
