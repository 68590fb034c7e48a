"""A signed-in member's page of a thread, filled in from a frame every ordinary member shares.

The page is rendered once as a member who wrote, voted and followed nothing (`discussion_context`
with `frame=True`), cut into a Frame (forum/platform/frames.py) and kept in the page cache
under a key made from the page's version tokens (`forum.platform.sharedparts`), so the writes that
refresh the anonymous page refresh it too, at the same pace: a frame younger than
PAGE_RENDER_INTERVAL_SECONDS stands for the changes after it, and while the next is built
the others are answered it for STALE_SECONDS more (forum/discussion/prerender.py builds the
next ahead of them). Each member's request then costs their marks (one
query: votes, follow, held comments, moderator) and the parts that are theirs: their name in
the header, the follow button when they follow, and the reader's part of the cards they voted
on or wrote.

Not from a frame (the page is rendered for them alone): moderators (their links on every
card), members who may not take part (banned, suspended, unconfirmed e-mail: the page tells
them why), a member with a comment held for moderation (it shows to them alone), a page with
messages to show, an htmx request, a comment's share link (`?comment=`), and query values a
shared page would not store.
"""

import functools
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from types import SimpleNamespace

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import translation
from django.utils.html import escape

from forum.comments import slowmode
from forum.discussion import cards
from forum.discussion.marks import reader_marks
from forum.discussion.reading import clean_sort
from forum.platform import frames, pagecache, variants
from forum.roles import is_moderator

# Part of the key: raise it when the frame's regions or data change shape.
FRAME_FORMAT = 2
FILLING = "frame_filling"  # the context variable holding what filling in a frame needs


# The last few frames this process filled in, by id. The page's key (made from its version
# tokens) names the id of its current frame, a small value; a frame's id is random and names
# one frame forever, so keeping a copy here saves each request reading and unpickling half a
# megabyte from Redis, and is never wrong (not even after Redis lost the tokens).
RECENT_FRAMES = 8
_recent = OrderedDict()
_recent_lock = threading.Lock()


@dataclass(frozen=True)
class _Newest:
    """The newest frame of a page, whatever the tokens it was built under, and when."""

    frame_id: str
    built_at: float
    key: str  # the key it was stored under: the page's tokens then


def _newest_key(key):
    # A part's key ends with the digest of its language, path and part, not of its tokens
    # (`SharedParts.digest`): this takes either.
    return f"pc:fn:{key.rsplit(':', 1)[-1]}"


def _build_lock(key):
    return f"pc:fb:{key.rsplit(':', 1)[-1]}"


def _frame_id(request, key, found):
    """Return the id of the frame this request's page is filled in from, or None: build one.

    The frame under the page's current tokens, else, as the anonymous page (pagecache), the
    newest one: while it is younger than PAGE_RENDER_INTERVAL_SECONDS, or while another
    request builds the next within STALE_SECONDS after that. A render ahead of readers
    (prerender.py) always builds. `found` holds the newest frame and the build lock, read
    with the tokens: the newest is most often the current one, and no other read is needed.
    """
    newest, lock = _newest_key(key), _build_lock(key)
    frame = found.get(newest)
    if frame is not None and frame.key == key:
        return frame.frame_id  # stored with the key, in one write (`_store`)
    current = pagecache.pages.get(key)
    if current is not None:
        return current
    if frame is None or getattr(request, variants.PRERENDERING, False):
        return None
    age, interval = pagecache.clock() - frame.built_at, settings.PAGE_RENDER_INTERVAL_SECONDS
    if age < interval or (lock in found and age < interval + pagecache.STALE_SECONDS):
        return frame.frame_id
    return None


def _frame(frame_id):
    """Return the frame of that id, or None."""
    with _recent_lock:
        frame = _recent.get(frame_id)
    if frame is None:
        frame = pagecache.pages.get(f"frame:{frame_id}")
        if frame is not None:
            _remember(frame_id, frame)
    return frame


def _store(key, frame, timeout, built_at):
    frame_id = secrets.token_hex(12)
    pagecache.pages.set(f"frame:{frame_id}", frame, timeout=timeout)
    newest = _Newest(frame_id, built_at, key)
    pagecache.pages.set_many({key: frame_id, _newest_key(key): newest}, timeout=timeout)
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
    part = _frame_part(request)
    return None if part is None else parts.key(part)


def _frame_part(request):
    """Return the name of the part this request's page is made from, or None for none."""
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
    return _part(clean_sort(request.GET.get("sort")), page, root)


def _part(sort, page, root):
    return f"frame:{FRAME_FORMAT}:{cards.template_version()}:{sort}:{page}:{root}"


def build_lock(parts):
    """Return the build lock of the frame of the thread's page as linked, in this language."""
    return _build_lock(parts.digest(_part(clean_sort(None), None, None)))


def serve(request, parts, render_frame, *, timeout):
    """Return the member's page from the shared frame, or None when it must be their own.

    `render_frame()` renders the page for the frame (its context's FILLING set), or answers
    otherwise (a redirect) when the page asked for is not there.
    """
    part = _frame_part(request)
    if part is None:
        return None
    digest = parts.digest(part)
    found = parts.fetch([_newest_key(digest), _build_lock(digest)])  # one round trip, tokens too
    key = parts.key(part)
    frame_id = _frame_id(request, key, found)
    frame = _frame(frame_id) if frame_id else None
    if frame is None:
        built_at = pagecache.clock()
        # Other members meanwhile are answered the newest frame (`_frame_id`) for a while.
        lock = pagecache.pages.add(_build_lock(key), 1, timeout=pagecache.LOCK_SECONDS) or (
            # Taken for this render ahead when its write committed (prerender.py).
            getattr(request, variants.PRERENDERING, False)
            and pagecache.pages.get(_build_lock(key)) == variants.CLAIM
        )
        try:
            response = render_frame()
        except NotShared:
            return None
        finally:
            if lock:
                pagecache.pages.delete(_build_lock(key))
        filling = getattr(response, "frame_filling", None)
        if filling is None:  # a redirect: the same for every reader
            return response
        # Shared by every member: it keeps nothing of the member who built it.
        shared = replace(filling, marks=None)
        frame = frames.Frame.cut(response.content.decode(), filling=shared)
        _store(key, frame, timeout, built_at)
        if not request.GET:  # the thread's page as linked: rendered on write while members ask
            language = translation.get_language()
            variants.noted(request, parts.path, variants.FRAME, language, now=built_at)
        marks = filling.marks
    else:
        filling = frame.data["filling"]
        marks = reader_marks(request.user, filling.thread, filling.tree.comment_ids)
        if marks.holds_comment or is_moderator(request.user):
            return None
    token = get_token(request)  # masked anew on each call: once for the page
    regions = _member_regions(request, filling, marks, csrf_token=token)
    return HttpResponse(frame.fill(regions, csrf_token=token))


def _member_regions(request, filling, marks, *, csrf_token):
    """Return {region: html} of what differs on this member's page from the frame's."""
    user = request.user
    language = translation.get_language()
    regions = {"account": _account(user.username, user.public_name, language)}
    # The thread's slow mode is in the shared cache, not in the page's tokens: asked each time.
    slow_mode = slowmode.current(filling.thread.pk)
    regions["slow-mode"] = (
        get_template("forum/comment_compose.html#calm").render({"slow_mode": slow_mode})
        if slow_mode
        else ""
    )
    if marks.following:
        follow = _following(filling.thread.pk, language)
        regions["follow"] = follow.replace(frames.CSRF_STAND_IN, escape(csrf_token))
    # Read once, not through the lazy request.user for each of the page's cards.
    user_id, voted_ids = user.pk, marks.voted_ids
    theirs = [
        card for card in filling.tree.cards if card.author_id == user_id or card.pk in voted_ids
    ]
    if theirs:
        stamps = cards.reader_stamps(request, {"thread": filling.thread, "is_moderator": False})
        for card in theirs:
            own = card.author_id == user_id
            pieces = stamps.render(card, is_own=own, voted=card.pk in voted_ids)
            for slot, piece in enumerate(pieces):
                regions[cards.card_region(card, slot)] = piece
    return regions


@functools.lru_cache(maxsize=1024)
def _following(thread_id, language):
    """Return the "Following" button of a thread, with a stand-in for the CSRF token,
    rendered once per thread and language: it shows nothing else."""
    context = {"thread": SimpleNamespace(pk=thread_id), "following": True}
    with translation.override(language):
        template = get_template("forum/thread_section.html#follow")
        return template.render({**context, "csrf_token": frames.CSRF_STAND_IN})


@functools.lru_cache(maxsize=1024)
def _account(username, public_name, language):
    """Return the header's link to a member's profile, rendered once per name and language.

    It shows nothing else of the member: the username (unique) and the public name key it,
    so a member who changes their name gets a new one and no one gets another's.
    """
    member = SimpleNamespace(username=username, public_name=public_name)
    with translation.override(language):
        return get_template("includes/header.html#account").render({"user": member})
