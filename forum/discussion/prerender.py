"""A thread's page rendered again as soon as a write makes it stale, so its first reader finds it.

A change to a thread's comments changes the version tokens of the page hosting it
(forum/invalidation.py): its shared section (forum/discussion/sections.py), the anonymous page
and the members' frame (member_pages.py) are built again, until now by the first reader who
came, at 12 to 22 times the cost of a plain page. Once the change has committed, the writer's
process renders them here instead, as that first reader would and through the same code, in
a thread of its own: the post's response does not wait for it. It renders the variants of the
thread's page readers had to render lately (forum/platform/variants.py: the anonymous page
and the members' frame, each in its languages); the frame as the comment's author sees it,
when they are an ordinary member (a frame keeps nothing of the member who built it).
Everything it renders lands in the shared cache, so a reader on any app server finds it.

It keeps the page cache's rules: a page is rendered at most once per
PAGE_RENDER_INTERVAL_SECONDS (a change to a younger page is rendered when the page comes of
age), never twice at once (the page's render lock), and not at all when a reader has rendered
it under the current tokens. The render locks (the anonymous page's, the members' frame's
build lock) are taken at the commit, before the writer is answered, or just before a young
page comes of age: readers who come meanwhile are answered the page as it was (for
STALE_SECONDS at most), rather than one of them rendering it.

It is a head start, never needed for a correct page: a failure is logged and forgotten, and a
process that stops with renders pending loses only those; their first readers render them, as
before.
"""

import logging
import threading
import time
from functools import cache, partial
from importlib import import_module
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connections, transaction
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve
from django.utils import translation

from forum.comments.events import Change, comment_changed
from forum.discussion import member_pages
from forum.models import Comment, Thread
from forum.platform import pagecache, variants
from forum.platform.pagetokens import PATH
from forum.platform.sharedparts import SharedParts
from forum.refusals import participation
from forum.roles import is_moderator

logger = logging.getLogger(__name__)
BACKGROUND, INLINE, OFF = "background", "inline", "off"  # settings.PRERENDER_ON_WRITE
# A page younger than the render interval is come back to this long before it may be
# rendered again: its render lock is taken first, so that no reader renders it.
LEAD_SECONDS = 0.1


def _changed(sender, event, **kwargs):
    # Votes change a page's scores, which it shows late on purpose (pagetokens.scores_mark).
    if event.change == Change.VOTED or settings.PRERENDER_ON_WRITE == OFF:
        return
    firsts = {}
    for comment in event.comments:
        firsts.setdefault(comment.thread_id, comment)
    for thread_id, comment in firsts.items():
        # After what else the commit set off (the page cache's second bump of its tokens).
        if settings.PRERENDER_ON_WRITE == INLINE:
            transaction.on_commit(partial(_render_quietly, thread_id, comment.author_id))
        else:
            transaction.on_commit(partial(_claim_then_add, comment))


def _claim_then_add(comment):
    """Take the render locks of the comment's pages before the writer is answered; queue them.

    A reader who comes between the commit and the render ahead would otherwise find the page
    (or the members' frame) stale and no render under way, and render it. With the locks
    taken, readers get them as they were (for STALE_SECONDS at most) until the render ahead
    replaces them.
    """
    path = comment.thread.url if Comment.thread.is_cached(comment) else None  # no query
    _claim(path)
    renders.add(comment.thread_id, comment.author_id)


def _claim(path):
    """Take the render locks of the variants of the page at `path` for this process's renders."""
    try:
        for lock in _locks(path) if path else ():
            pagecache.pages.add(lock, variants.CLAIM, timeout=pagecache.LOCK_SECONDS)
    except Exception:  # no head start for this one: the page's first reader renders it
        logger.exception("Could not claim the pages at %s", path)


def _locks(path):
    """Return the render locks of the variants of `path` readers asked for lately."""
    locks, parts = [], SharedParts(path)
    for kind, language in variants.wanted(path, now=pagecache.clock()):
        with translation.override(language):
            if kind == variants.PAGE:
                page = pagecache._entry_key(_request(path, None, None, language), "")
                locks.append(pagecache._lock_key(page))
            else:
                locks.append(member_pages.build_lock(parts))
    return locks


def connect():
    """Render the pages of the threads a committed change touched, ahead of their readers."""
    comment_changed.connect(_changed, dispatch_uid="prerender-comments")


def render_ahead(thread_id, *, author_id=None):
    """Render the variants of the thread's page its readers asked for lately.

    Return when to come back (the page is younger than the render interval), or None.
    """
    path = Thread.objects.filter(pk=thread_id).values_list("url", flat=True).first() or ""
    try:
        match = resolve(path)
    except Resolver404:
        return None  # hosted elsewhere (embedded on a publisher's page): nothing to render here
    options = getattr(match.func, "page_cache", None)
    if options is None or PATH not in options.scopes:
        return None
    wanted = variants.wanted(path, now=pagecache.clock())
    # Anonymous pages first: a page too young to render again puts the frames off with it.
    wanted.sort(key=lambda variant: variant[0] != variants.PAGE)
    builder = cache(partial(_frame_builder, author_id))  # asked once, for the first frame
    for kind, language in wanted:
        with translation.override(language):
            if kind == variants.PAGE:
                request = _request(path, match, AnonymousUser(), language)
                page = pagecache.lookup(request, options.scopes, "", path, pagecache.clock())
                due = _not_before(page)
                if due and due - pagecache.clock() > LEAD_SECONDS:
                    return due - LEAD_SECONDS
                if not _hold(request, page, due):
                    continue  # someone else renders it
            else:
                member = builder()
                if member is None:
                    continue
                request = _request(path, match, member, language)
            try:  # read as this reader would: the page cache and member_pages render and store
                match.func(request, *match.args, **match.kwargs)
            except Http404:
                return None  # no longer shown: nothing to render
            if renders.waiting(thread_id):
                # Changed while it rendered: the locks its writers took went with this
                # render's; taken again at once, so that no reader renders before the next.
                _claim(path)
    return None


def _render_quietly(thread_id, author_id):
    """Render ahead; return when to come back, or None, also when it failed (logged)."""
    try:
        return render_ahead(thread_id, author_id=author_id)
    except Exception:  # a head start lost: the page's first reader renders it
        logger.exception("Could not render thread %s ahead of its readers", thread_id)
        return None


def _not_before(page):
    """Return when the anonymous page (a pagecache.Page) may be rendered again, if not now."""
    if page.entry is None or not page.fresh:
        return None
    # Fresh as a reader sees it: rendered under these tokens, or a change it may still hide.
    due = page.entry.rendered_at + settings.PAGE_RENDER_INTERVAL_SECONDS
    return due if due > pagecache.clock() and page.entry.versions != page.versions else None


def _hold(request, page, due):
    """Hold the page's render lock for the render; return False when another request holds it.

    The lock taken at the commit (`_claim_then_add`) is this process's; else it is taken now
    when the page is to be rendered at `due`, then waited for: readers who come once the page
    is stale are answered it as it was while this renders, instead of the first one rendering.
    Without either, the page cache takes it, as for any reader.
    """
    lock = pagecache._lock_key(page.key)
    if pagecache.pages.get(lock) != variants.CLAIM:
        if not due:
            return True
        if not pagecache.pages.add(lock, variants.CLAIM, timeout=pagecache.LOCK_SECONDS):
            return False
    if due:
        time.sleep(max(0.0, due - pagecache.clock()))
    request.scope = {pagecache.LOCK_HELD: lock}  # as the ASGI fast path hands a lock on
    return True


def _frame_builder(author_id):
    """Return the author, when members' frames may be built as them, else None."""
    if author_id is None:
        return None  # a guest's comment, imported
    member = get_user_model().objects.filter(pk=author_id, is_active=True).first()
    if member is None or member.is_staff or member.is_superuser or is_moderator(member):
        return None  # their page is their own (member_pages.frame_key)
    return member if participation(member) is None else None


def _request(path, match, user, language):
    """Return a GET of `path` as the middleware would hand it to the view, for `user`."""
    site = urlsplit(settings.SITE_URL)
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.META = {
        "SERVER_NAME": site.hostname or "localhost",
        "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
        "HTTP_HOST": site.netloc,
        "REMOTE_ADDR": "127.0.0.1",
    }
    request.resolver_match = match
    request.user = user
    request.LANGUAGE_CODE = language
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    setattr(request, variants.PRERENDERING, True)
    return request


class Renders:
    """The threads this process renders ahead of readers, each when due, one at a time.

    A thread waiting already is rendered once for all the changes that came meanwhile.
    """

    def __init__(self):
        self._due = {}  # thread id -> (when, author id)
        self._last = {}  # thread id -> when its last render here began
        self._running = False
        self._thread = None
        self._changed = threading.Condition()

    def add(self, thread_id, author_id, *, when=0.0):
        """Render the thread ahead, at `when` at the earliest."""
        with self._changed:
            # Never twice within the interval, even when only members' frames are wanted.
            interval = settings.PAGE_RENDER_INTERVAL_SECONDS
            when = max(when, self._last.get(thread_id, 0) + interval - LEAD_SECONDS)
            due, author = self._due.get(thread_id, (when, author_id))
            self._due[thread_id] = (max(due, when), author or author_id)
            if self._thread is None:  # started here, after a server's fork, not at import
                self._thread = threading.Thread(target=self._run, name="prerender", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def waiting(self, thread_id):
        """Return whether the thread is to be rendered again (it changed since it was taken)."""
        with self._changed:
            return thread_id in self._due

    def wait(self, timeout):
        """Return once nothing is waiting or being rendered (for the bench and tests)."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._due and not self._running, timeout)

    def _next(self):
        with self._changed:
            while True:
                if self._due:
                    thread_id, (due, author_id) = min(self._due.items(), key=lambda i: i[1][0])
                    now = pagecache.clock()
                    wait = due - now
                    if wait <= 0:
                        del self._due[thread_id]
                        self._running = True
                        interval = settings.PAGE_RENDER_INTERVAL_SECONDS
                        self._last = {t: at for t, at in self._last.items() if now - at < interval}
                        self._last[thread_id] = now
                        return thread_id, author_id
                self._changed.wait(wait if self._due else None)

    def _run(self):
        while True:
            thread_id, author_id = self._next()
            try:
                again = _render_quietly(thread_id, author_id)
            finally:
                for connection in connections.all(initialized_only=True):
                    connection.close()  # this thread's own; back to the pool while it waits
                with self._changed:
                    self._running = False
                    self._changed.notify_all()
            if again:
                self.add(thread_id, author_id, when=again)


renders = Renders()
