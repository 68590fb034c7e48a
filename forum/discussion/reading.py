"""Reading a thread: a bounded page of its comments, as a tree.

A page of the thread shows at most COMMENTS_PER_PAGE top-level comments, each with its
first REPLIES_PER_THREAD replies (closest to it first, then in the page's sort order) and
"Show N more replies"; a page of one subtree (`?thread=ID`) shows a top-level comment with
up to SUBTREE_PAGE_SIZE of its replies. So a page costs the same few queries, rows and
bytes whatever the thread's size: see `Comment`'s docstring for the tree representation.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils.translation import gettext, pgettext_lazy

from forum.comments import slowmode
from forum.discussion.marks import reader_marks
from forum.models import Comment
from forum.roles import (
    moderator_role,
    settle_moderators,
)

SORTS = {
    "oldest": ("created_at", "pk"),
    "newest": ("-created_at", "-pk"),
    "top": ("-score", "created_at", "pk"),
}
SORT_LABELS = {
    "oldest": pgettext_lazy("sort", "Oldest"),
    "newest": pgettext_lazy("sort", "Newest"),
    "top": pgettext_lazy("sort", "Top"),
}
DEFAULT_SORT = "oldest"
NESTING_LEVELS = 5  # visual levels; deeper replies show at the last level, "replying to @name"
FEATURED_LIMIT = 5
REPLIES_PER_THREAD = 3  # 50 top-level comments + 150 replies: at most 200 comments a page
SUBTREE_PAGE_SIZE = 199  # replies on a page of one subtree, under its top-level comment
# The page's first published comments, for its structured data and link previews: search
# engines read a discussion from its start, and a short list keeps a cached page light.
PAGE_COMMENTS_LISTED = 20


def clean_sort(value):
    return value if value in SORTS else DEFAULT_SORT


def _sort_key(sort):
    if sort == "newest":
        return lambda c: (-c.created_at.timestamp(), -c.pk)
    if sort == "top":
        return lambda c: (-c.score, c.created_at, c.pk)
    return lambda c: (c.created_at, c.pk)


@dataclass
class Node:
    """A comment in the rendered tree, with what the reader may see of it."""

    comment: Comment
    level: int
    children: list = field(default_factory=list)
    reply_to: str = ""
    is_placeholder: bool = False
    is_own: bool = False
    voted: bool = False
    author_role: str = ""
    deeper: list = field(default_factory=list)
    more_replies: int = 0
    card_html: str = ""  # the finished card, from forum.discussion.cards

    @property
    def at_cap(self):
        """Return whether replies to this comment show beside it instead of nested under it."""
        return self.level >= NESTING_LEVELS


def level_of(comment):
    """Return the visual level (1 for a top-level comment) at which `comment` is shown."""
    return min(comment.depth + 1, NESTING_LEVELS)


def composer_context(*, thread, form, parent=None):
    """Return the context of the composer, for a new comment or a reply to `parent`."""
    return {
        "thread": thread,
        "form": form,
        "parent": parent,
        "parent_at_cap": parent is not None and level_of(parent) >= NESTING_LEVELS,
        "slow_mode": slowmode.current(thread.pk),
    }


def root_queryset(thread, user, sort):
    """Return the top-level comments that take a place on the thread's pages, sorted."""
    shown = Comment.objects.visible_to_q(user)
    visible_reply = Comment.objects.filter(root=OuterRef("pk")).filter(shown)
    return (
        Comment.objects.filter(thread=thread, parent__isnull=True)
        .filter(shown | Q(Exists(visible_reply)))
        .select_related("author")
        .order_by(*SORTS[sort])
    )


def author_roles(comments, viewer=None):
    """Return {author_id: "Moderator"/"Staff"} for the authors of `comments`, in one query.

    The viewer's own role is settled in the same query, for the page's moderator links.
    """
    authors = {c.author_id: c.author for c in comments if c.author_id}
    settle_moderators([*authors.values(), viewer])
    roles = {pk: moderator_role(author) for pk, author in authors.items()}
    return {pk: role for pk, role in roles.items() if role}


def replying_to(parent, user):
    """Return whom a reply shown beside its parent answers, as `user` sees that parent."""
    return parent.author_name if parent.is_visible_to(user) else gettext("a removed comment")


def build_tree(roots, descendants, *, user, sort, voted_ids=(), roles=None):
    """Assemble the nodes of a page: replies under their parents, gone comments as placeholders."""
    roles = roles or {}
    children = defaultdict(list)
    for comment in descendants:
        children[comment.parent_id].append(comment)
    key = _sort_key(sort)
    user_id = user.pk if user.is_authenticated else None

    def make(comment, level):
        node = Node(
            comment=comment,
            level=level,
            is_own=user_id is not None and comment.author_id == user_id,
            voted=comment.pk in voted_ids,
            author_role=roles.get(comment.author_id, ""),
        )
        if level < NESTING_LEVELS:
            kids = sorted(children.get(comment.pk, ()), key=key)
            node.children = [n for n in (make(kid, level + 1) for kid in kids) if n]
        else:
            node.deeper = deeper_replies(comment)
        if comment.is_visible_to(user):
            return node
        if node.children or node.deeper:
            node.is_placeholder = True
            return node
        return None

    def deeper_replies(comment):
        # Iterative, so that a chain of thousands of replies cannot exhaust the stack.
        found, stack = [], [comment]
        while stack:
            parent = stack.pop()
            for kid in children.get(parent.pk, ()):
                stack.append(kid)
                if kid.is_visible_to(user):
                    found.append(
                        Node(
                            comment=kid,
                            level=NESTING_LEVELS,
                            reply_to=replying_to(parent, user),
                            is_own=user_id is not None and kid.author_id == user_id,
                            voted=kid.pk in voted_ids,
                            author_role=roles.get(kid.author_id, ""),
                        )
                    )
        found.sort(key=lambda n: (n.comment.created_at, n.comment.pk))
        return found

    nodes = [n for n in (make(root, 1) for root in roots) if n]
    return [flat for node in nodes for flat in _cap_nesting(node)]


def _cap_nesting(node):
    """Return `node` as a list: replies below the last level follow it as its siblings."""
    if node.level < NESTING_LEVELS:
        node.children = [flat for child in node.children for flat in _cap_nesting(child)]
        return [node]
    return [node, *node.deeper]


def _tree_order(sort):
    """Return the order of replies within a subtree: nearest the top first, then `sort`."""
    return ("depth", *SORTS[sort])


def _first_replies(root_ids, sort, user):
    """Return each top-level comment's first REPLIES_PER_THREAD replies, in one query.

    Each reply carries `visible_in_subtree`: how many replies of its subtree the reader
    sees, so "Show N more replies" needs no query of its own.
    """
    by_root = {"partition_by": F("root_id")}
    visible = Count("pk", filter=Comment.objects.visible_to_q(user))
    return list(
        Comment.objects.filter(root_id__in=root_ids)
        .annotate(
            rank=Window(RowNumber(), order_by=list(_tree_order(sort)), **by_root),
            visible_in_subtree=Window(visible, **by_root),
        )
        .filter(rank__lte=REPLIES_PER_THREAD)
        .select_related("author")
    )


def _subtree_page(root, sort, page_number):
    """Return (page, replies) for one page of a top-level comment's replies."""
    replies = (
        Comment.objects.filter(root=root)
        .select_related("author", "parent__author")
        .order_by(*_tree_order(sort))
    )
    page = Paginator(replies, SUBTREE_PAGE_SIZE).get_page(page_number)
    return page, list(page.object_list)


def _adopt_orphans(nodes, replies, *, user, roles, voted_ids):
    """Show replies whose parent is on an earlier page of the subtree under its top comment."""
    placed = {n.comment.pk for n in walk(nodes)}
    on_page = {c.pk for c in replies}
    root_node = nodes[0] if nodes else None
    if root_node is None:
        return
    for comment in replies:
        if comment.pk in placed or comment.parent_id in on_page or not comment.is_visible_to(user):
            continue
        parent = comment.parent
        root_node.children.append(
            Node(
                comment=comment,
                level=2,
                reply_to=replying_to(parent, user),
                is_own=user.is_authenticated and comment.author_id == user.pk,
                voted=comment.pk in voted_ids,
                author_role=roles.get(comment.author_id, ""),
            )
        )


def walk(nodes):
    """Yield every node of the trees under `nodes`, shown replies and deeper ones alike."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.children)
        stack.extend(node.deeper)


def _shown_count(node, user):
    return sum(1 for n in walk(node.children) if n.comment.is_visible_to(user))


def subtree_root(thread, user, value):
    """Return the top-level comment named by `?thread=ID` on this thread's page, or None."""
    value = str(value or "")
    if not (value.isascii() and value.isdigit() and len(value) <= 12):
        return None
    return root_queryset(thread, user, DEFAULT_SORT).filter(pk=int(value)).first()


def thread_context(request, thread, *, sort=None, page_number=None, subtree=None):
    """Return the template context for a thread's discussion section (a bounded page)."""
    user = request.user
    root = subtree or subtree_root(thread, user, request.GET.get("thread"))
    return page_of_thread(
        user,
        thread,
        sort=clean_sort(sort or request.GET.get("sort")),
        page_number=page_number or request.GET.get("page"),
        root=root,
    )


def page_of_thread(user, thread, *, sort, page_number, root=None):
    """Return a page of the thread (or of the subtree under `root`) as `user` sees it."""
    if root is not None:
        page, descendants = _subtree_page(root, sort, page_number)
        roots = [root]
    else:
        paginator = Paginator(root_queryset(thread, user, sort), settings.COMMENTS_PER_PAGE)
        page = paginator.get_page(page_number)
        roots = list(page.object_list)
        descendants = _first_replies([r.pk for r in roots], sort, user) if roots else []
    everyone = roots + descendants
    marks = reader_marks(user, thread, [c.pk for c in everyone])
    featured = []
    if everyone:  # else the thread has no comment this reader can see, so none featured
        featured = list(
            Comment.objects.published()
            .filter(thread=thread, is_featured=True)
            .select_related("author")
            .order_by("-featured_at")[:FEATURED_LIMIT]
        )
    roles = author_roles(everyone + featured, viewer=user)
    voted_ids = marks.voted_ids
    nodes = build_tree(roots, descendants, user=user, sort=sort, voted_ids=voted_ids, roles=roles)
    if root is not None:
        _adopt_orphans(nodes, descendants, user=user, roles=roles, voted_ids=voted_ids)
    else:
        counts = {c.root_id: c.visible_in_subtree for c in descendants}
        for node in nodes:
            node.more_replies = max(0, counts.get(node.comment.pk, 0) - _shown_count(node, user))
    params = {} if sort == DEFAULT_SORT else {"sort": sort}
    if root is not None:
        params["thread"] = root.pk
    return {
        "thread": thread,
        "nodes": nodes,
        "comments_page": page,
        "subtree": root,
        # The pager's links keep the reader's sort order (and the subtree).
        "comments_param_prefix": urlencode(params),
        "sort": sort,
        "sort_param": "" if sort == DEFAULT_SORT else f"&sort={sort}",
        "sorts": SORT_LABELS,
        "featured": featured,
        "following": marks.following,
        "marks": marks,
        "page_comments": [c for c in everyone if c.is_published][:PAGE_COMMENTS_LISTED],
    }


def _position_q(obj, field_names):
    """Return a Q for the rows that sort before `obj` in the order `field_names`."""
    before = Q()
    equal = Q()
    for name in field_names:
        desc = name.startswith("-")
        attr = name.lstrip("-")
        value = getattr(obj, attr)
        step = Q(**{f"{attr}__{'gt' if desc else 'lt'}": value})
        before |= equal & step if equal else step
        equal &= Q(**{attr: value})
    return before


def comment_location(comment, *, user, sort=DEFAULT_SORT):
    """Return (page, subtree_root_id or None): where `comment` shows in its thread."""
    root = comment.root or comment
    if comment.root_id is not None:
        # Replies past the first few show on a page of their subtree.
        position = (
            Comment.objects.filter(root_id=comment.root_id)
            .filter(_position_q(comment, _tree_order(sort)))
            .count()
        )
        if position >= REPLIES_PER_THREAD:
            return position // SUBTREE_PAGE_SIZE + 1, root.pk
    ordered = root_queryset(comment.thread, user, sort)
    position = ordered.filter(_position_q(root, SORTS[sort])).count()
    return position // settings.COMMENTS_PER_PAGE + 1, None
