"""Reading a thread: one page of top-level comments with all their replies, as a tree.

Every page costs the same handful of queries whatever the thread's size: see
`Comment`'s docstring for the tree representation.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, prefetch_related_objects

from forum.models import Comment, Follow, Vote
from forum.moderation.roles import moderator_role

SORTS = {
    "oldest": ("created_at", "pk"),
    "newest": ("-created_at", "-pk"),
    "top": ("-score", "created_at", "pk"),
}
SORT_LABELS = {"oldest": "Oldest", "newest": "Newest", "top": "Top"}
DEFAULT_SORT = "oldest"
NESTING_LEVELS = 5  # visual levels; deeper replies show at the last level, "replying to @name"
FEATURED_LIMIT = 5


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


def _author_roles(comments):
    """Return {author_id: "Moderator"/"Staff"} for the authors of `comments`, in one query."""
    authors = {c.author_id: c.author for c in comments if c.author_id}
    # One query for the groups of every author staff status doesn't already settle.
    prefetch_related_objects(
        [a for a in authors.values() if not (a.is_staff or a.is_superuser)], "groups"
    )
    roles = {pk: moderator_role(author) for pk, author in authors.items()}
    return {pk: role for pk, role in roles.items() if role}


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
                    reply_to = (
                        parent.author_name if parent.is_visible_to(user) else "a removed comment"
                    )
                    found.append(
                        Node(
                            comment=kid,
                            level=NESTING_LEVELS,
                            reply_to=reply_to,
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


def thread_context(request, thread, *, sort=None, page_number=None):
    """Return the template context for a thread's discussion section."""
    user = request.user
    sort = clean_sort(sort or request.GET.get("sort"))
    paginator = Paginator(root_queryset(thread, user, sort), settings.COMMENTS_PER_PAGE)
    page = paginator.get_page(page_number or request.GET.get("page"))
    roots = list(page.object_list)
    root_ids = [r.pk for r in roots]
    descendants = (
        list(Comment.objects.filter(root_id__in=root_ids).select_related("author")) if roots else []
    )
    everyone = roots + descendants
    voted_ids = set()
    following = False
    if user.is_authenticated:
        if everyone:
            voted_ids = set(
                Vote.objects.filter(
                    voter=user, comment_id__in=[c.pk for c in everyone]
                ).values_list("comment_id", flat=True)
            )
        following = Follow.objects.filter(member=user, thread=thread).exists()
    featured = list(
        Comment.objects.published()
        .filter(thread=thread, is_featured=True)
        .select_related("author")
        .order_by("-featured_at")[:FEATURED_LIMIT]
    )
    roles = _author_roles(everyone + featured)
    nodes = build_tree(roots, descendants, user=user, sort=sort, voted_ids=voted_ids, roles=roles)
    return {
        "thread": thread,
        "nodes": nodes,
        "comments_page": page,
        # The pager's links keep the reader's sort order.
        "comments_param_prefix": "" if sort == DEFAULT_SORT else urlencode({"sort": sort}),
        "sort": sort,
        "sorts": SORT_LABELS,
        "featured": featured,
        "featured_roles": roles,
        "following": following,
        "page_comments": [c for c in everyone if c.is_published],
    }


def comment_page_number(comment, *, user, sort=DEFAULT_SORT):
    """Return the page of the thread on which `comment` (or its top-level comment) appears."""
    root = comment.root or comment
    ordered = root_queryset(comment.thread, user, sort)
    field_names = SORTS[sort]
    # Count the roots that sort before this one: the page follows from the position.
    before = Q()
    equal = Q()
    for name in field_names:
        desc = name.startswith("-")
        attr = name.lstrip("-")
        value = getattr(root, attr)
        step = Q(**{f"{attr}__{'gt' if desc else 'lt'}": value})
        before |= equal & step if equal else step
        equal &= Q(**{attr: value})
    position = ordered.filter(before).count()
    return position // settings.COMMENTS_PER_PAGE + 1
