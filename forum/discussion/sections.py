"""A page of a thread's comments, built once for every reader who sees what anonymous readers see.

Readers of a busy thread, signed in or not, almost all see the same comments: only a member
with a comment of their own held for moderation sees more. So a page of a thread (its sort,
its page number or its subtree) is built once as an anonymous reader sees it: the tree cut at
its cards' reader slots (forum.discussion.cards), the pager's numbers, the featured comments.
It is kept in the shared cache under a key made from the version tokens of the anonymous page
cache (`SharedParts`), so the writes that refresh that page refresh this too, with no
rule of their own (votes too, as late as on that page: within VOTE_PAGE_LAG_SECONDS). Each
request then asks only for its reader's marks (votes, follow, held comments: one query) and
fills in the reader's part of each card.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import Http404

from forum.discussion import cards
from forum.discussion.marks import reader_marks
from forum.discussion.reading import (
    DEFAULT_SORT,
    SORT_LABELS,
    clean_sort,
    page_of_thread,
    subtree_root,
)
from forum.platform import pagecache
from forum.platform.db_router import primary_reads
from forum.platform.sharedparts import SharedParts

SECTION_TIMEOUT = 600  # as long as the anonymous page: both are refreshed by the same tokens
# Part of the key: raise it when Section changes, so that a deploy never reads the old shape.
SECTION_FORMAT = 2


@dataclass(frozen=True)
class PageNumbers:
    """A page of comments as the pager and the live script need it, without its queryset."""

    number: int
    num_pages: int
    count: int

    @property
    def paginator(self):  # templates ask for page.paginator.num_pages, as of a Page
        return self

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def has_other_pages(self):
        return self.num_pages > 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


@dataclass(frozen=True)
class Section:
    """A page of a thread's discussion as one group of readers sees it."""

    tree: cards.Tree
    page: PageNumbers
    sort: str
    subtree_id: int | None
    has_comments: bool
    featured: list
    page_comments: list  # the first published comments shown, for structured data and previews

    def context(self):
        params = {} if self.sort == DEFAULT_SORT else {"sort": self.sort}
        prefix = "&".join(f"{name}={value}" for name, value in params.items())
        if self.subtree_id:
            prefix = f"{prefix}&thread={self.subtree_id}" if prefix else f"thread={self.subtree_id}"
        return {
            "comments_page": self.page,
            "subtree": self.subtree_id,
            "has_comments": self.has_comments,
            # The pager's links keep the reader's sort order (and the subtree).
            "comments_param_prefix": prefix,
            "sort": self.sort,
            "sort_param": "" if self.sort == DEFAULT_SORT else f"&sort={self.sort}",
            "sorts": SORT_LABELS,
            "featured": self.featured,
            "page_comments": self.page_comments,
        }


def build(user, thread, *, sort, page_number, root=None):
    """Return the Section of a page of `thread` (or of the subtree under `root`) for `user`."""
    page = page_of_thread(user, thread, sort=sort, page_number=page_number, root=root)
    nodes = page["nodes"]
    cards.shared_cards(nodes)
    paginated = page["comments_page"]
    return Section(
        tree=cards.tree(nodes, thread=thread, sort_param=page["sort_param"]),
        page=PageNumbers(
            paginated.number, paginated.paginator.num_pages, paginated.paginator.count
        ),
        sort=sort,
        subtree_id=root.pk if root is not None else None,
        has_comments=bool(nodes),
        featured=page["featured"],
        page_comments=page["page_comments"],
    )


def _cache_key(parts, thread, *, sort, page_value, root_value):
    """Return the key of a page of the thread, or None for a value not worth an entry."""
    if page_value is not None and not pagecache.page_number(page_value):
        return None  # junk is answered, never stored
    if root_value is not None and not pagecache.object_id(root_value):
        return None
    version = f"{SECTION_FORMAT}.{cards.template_version()}"
    part = f"section:{version}:{thread.pk}:{sort}:{page_value}:{root_value}"
    return parts.key(part)


def for_reader(request, thread, *, subtree=None, parts=None):
    """Return (Section, Marks, key) of the page of `thread` this request asks for, for its reader.

    `subtree` is the top-level comment whose replies are asked for ("Show N more replies"),
    else the request's `?thread=` names it. `parts` are the shared parts of the thread's
    page, when the caller has them. `key` names the shared section, for parts of the page
    that follow it, or is None when this reader's section is not the shared one.
    """
    if parts is None or parts.path != thread.url:
        parts = SharedParts(thread.url)
    user = request.user
    sort = clean_sort(request.GET.get("sort"))
    page_value = request.GET.get("page")
    root_value = str(subtree.pk) if subtree is not None else request.GET.get("thread")
    key = _cache_key(parts, thread, sort=sort, page_value=page_value, root_value=root_value)
    section = cache.get(key) if key else None
    if section is None:
        anonymous = AnonymousUser()
        # From the primary: a page built from a lagging replica would be shared, stale.
        with primary_reads():
            root = subtree
            if root is None and root_value is not None:
                root = subtree_root(thread, anonymous, root_value)
            section = build(anonymous, thread, sort=sort, page_number=page_value, root=root)
        # A page that isn't there (a subtree, a page past the end) is never stored.
        if _elsewhere(section, page_value=page_value, root_value=root_value):
            key = None
        if key:
            cache.set(key, section, timeout=SECTION_TIMEOUT)
    marks = reader_marks(user, thread, section.tree.comment_ids)
    if marks.holds_comment:
        # Their held comment shows to them alone: build their own page, and keep it nowhere.
        root = subtree or subtree_root(thread, user, root_value)
        section = build(user, thread, sort=sort, page_number=page_value, root=root)
        marks, key = reader_marks(user, thread, section.tree.comment_ids), None
    if moved := _elsewhere(section, page_value=page_value, root_value=root_value):
        raise moved
    return section, marks, key


class Elsewhere(Http404):
    """The page asked for names what isn't there; the reader is best sent to `url(request)`.

    A 404 where it is not caught: a page for each value that points at nothing must never
    reach the shared cache.
    """

    def __init__(self, **changes):
        super().__init__("No such page of this discussion.")
        self.changes = changes  # query parameters to set, or to drop (None)

    def url(self, request):
        """Return the request's path and query with the changes made."""
        query = request.GET.copy()
        for name, value in self.changes.items():
            query.pop(name, None)
            if value is not None:
                query[name] = str(value)
        return f"{request.path}?{query.urlencode()}" if query else request.path


def _elsewhere(section, *, page_value, root_value):
    """Return Elsewhere when `section` is not the page asked for, else None."""
    # Malformed values are answered as the thread's page, uncached (`_cache_key`, `query_part`).
    if root_value is not None and pagecache.object_id(root_value) and section.subtree_id is None:
        return Elsewhere(thread=None, page=None)  # that comment is gone: the thread's page
    if page_value is not None and pagecache.page_number(page_value):
        last = section.page.num_pages
        if int(page_value) > last:
            return Elsewhere(page=last if last > 1 else None)
    return None
