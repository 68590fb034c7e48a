"""A signed-in member's page of a thread, filled in from a frame every ordinary member shares.

The page is rendered once as a member who wrote, voted and followed nothing (`discussion_context`
with `frame=True`), cut into a Frame (forum/platform/frames.py) and kept in the page cache
under a key made from the page's version tokens (`pagecache.SharedParts`), so the writes that
refresh the anonymous page refresh it too. Each member's request then costs their marks (one
query: votes, follow, held comments, moderator) and the parts that are theirs: their name in
the header, the follow button when they follow, and the reader's part of the cards they voted
on or wrote.

Not from a frame (the page is rendered for them alone): moderators (their links on every
card), members who may not take part (banned, suspended, unconfirmed e-mail: the page tells
them why), a member with a comment held for moderation (it shows to them alone), a page with
messages to show, an htmx request, a comment's share link (`?comment=`), and query values a
shared page would not store.
"""

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import translation

from forum.comments import slowmode
from forum.discussion import cards
from forum.discussion.reading import clean_sort, reader_marks
from forum.platform import frames, pagecache, variants
from forum.roles import is_moderator

# Part of the key: raise it when the frame's regions or data change shape.
FRAME_FORMAT = 1
FILLING = "frame_filling"  # the context variable holding what filling in a frame needs


# The last few frames this process filled in, by id. The page's key (made from its version
# tokens) names the id of its current frame, a small value; a frame's id is random and names
# one frame forever, so keeping a copy here saves each request reading and unpickling half a
# megabyte from Redis, and is never wrong (not even after Redis lost the tokens).
RECENT_FRAMES = 8
_recent = OrderedDict()
_recent_lock = threading.Lock()


def _frame_at(key):
    """Return the frame the page at `key` is made from, or None."""
    frame_id = pagecache.pages.get(key)
    if frame_id is None:
        return None
    with _recent_lock:
        frame = _recent.get(frame_id)
    if frame is None:
        frame = pagecache.pages.get(f"frame:{frame_id}")
        if frame is not None:
            _remember(frame_id, frame)
    return frame


def _store(key, frame, timeout):
    frame_id = secrets.token_hex(12)
    pagecache.pages.set(f"frame:{frame_id}", frame, timeout=timeout)
    pagecache.pages.set(key, frame_id, timeout=timeout)
    _remember(frame_id, frame)


def forget_recent():
    """Forget this process's copies of frames: as a process that built none of them."""
    with _recent_lock:
        _recent.clear()


def _remember(frame_id, frame):
    with _recent_lock:
        _recent[frame_id] = frame
        while len(_recent) > RECENT_FRAMES:
            _recent.popitem(last=False)


class NotShared(Exception):
    """This member's page is their own: render it for them."""


@dataclass(frozen=True)
class Filling:
    """What filling in a frame needs besides the request: the thread, its cards, whose marks."""

    thread: object
    tree: cards.Tree
    marks: object  # the building member's Marks, for their own page (None once shared)


def frame_key(request, parts):
    """Return the key of the frame this request's page is made from, or None for none."""
    user = request.user
    if (
        request.method != "GET"
        or not user.is_authenticated
        or user.is_staff
        or user.is_superuser
        or getattr(request, "htmx", False)
        or "comment" in request.GET
    ):
        return None
    page, root = request.GET.get("page"), request.GET.get("thread")
    if page is not None and not pagecache.page_number(page):
        return None
    if root is not None and not pagecache.object_id(root):
        return None
    if get_messages(request):
        return None
    sort = clean_sort(request.GET.get("sort"))
    return parts.key(f"frame:{FRAME_FORMAT}:{cards.template_version()}:{sort}:{page}:{root}")


def serve(request, parts, render_frame, *, timeout):
    """Return the member's page from the shared frame, or None when it must be their own.

    `render_frame()` renders the page for the frame (its context's FILLING set), or answers
    otherwise (a redirect) when the page asked for is not there.
    """
    key = frame_key(request, parts)
    if key is None:
        return None
    frame = _frame_at(key)
    if frame is None:
        try:
            response = render_frame()
        except NotShared:
            return None
        filling = getattr(response, "frame_filling", None)
        if filling is None:  # a redirect: the same for every reader
            return response
        # Shared by every member: it keeps nothing of the member who built it.
        shared = replace(filling, marks=None)
        frame = frames.Frame.cut(response.content.decode(), filling=shared)
        _store(key, frame, timeout)
        if not request.GET:  # the thread's page as linked: rendered on write while members ask
            language = translation.get_language()
            variants.noted(request, parts.path, variants.FRAME, language, now=pagecache.clock())
        marks = filling.marks
    else:
        filling = frame.data["filling"]
        marks = reader_marks(request.user, filling.thread, filling.tree.comment_ids)
        if marks.holds_comment or is_moderator(request.user):
            return None
    regions = _member_regions(request, filling, marks)
    return HttpResponse(frame.fill(regions, csrf_token=get_token(request)))


def _member_regions(request, filling, marks):
    """Return {region: html} of what differs on this member's page from the frame's."""
    user = request.user
    regions = {
        "account": get_template("includes/header.html#account").render({"user": user}),
    }
    # The thread's slow mode is in the shared cache, not in the page's tokens: asked each time.
    slow_mode = slowmode.current(filling.thread.pk)
    regions["slow-mode"] = (
        get_template("forum/comment_compose.html#calm").render({"slow_mode": slow_mode})
        if slow_mode
        else ""
    )
    if marks.following:
        regions["follow"] = get_template("forum/thread_section.html#follow").render(
            {"thread": filling.thread, "following": True, "csrf_token": get_token(request)}
        )
    theirs = [
        card
        for card in filling.tree.cards
        if card.pk in marks.voted_ids or card.author_id == user.pk
    ]
    if theirs:
        stamps = cards.reader_stamps(request, {"thread": filling.thread, "is_moderator": False})
        for card in theirs:
            own = card.author_id == user.pk
            pieces = stamps.render(card, is_own=own, voted=card.pk in marks.voted_ids)
            for slot, piece in enumerate(pieces):
                regions[cards.card_region(card, slot)] = piece
    return regions
