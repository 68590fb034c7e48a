"""Comment cards rendered once and reused: a shared card from the cache, the reader's part added.

A card's shared part (author line, badges, time, body, share menu) is the same for every
reader, so it is rendered once and kept in the cache under a key that changes whenever
what readers see of it changes: status, score, featured, the edit time, the author's
public name and badge, "replying to". Nothing needs invalidating: a changed comment simply
has a new key, and old entries expire. What differs per reader (vote button, reply link,
report, edit and delete, moderator link, the result of their last action) is rendered per
request from a small template and spliced into the card's <!--reader:…--> slots in one pass.
Times are printed absolute; site.js shows them relative, so a cached card never goes stale.

The tree around the cards is joined in Python and kept cut at those slots (`Tree`), so a
whole page of it can be shared too (forum.discussion.sections); `fill` adds one reader's part.
"""

import functools
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from forum.discussion.reading import walk
from forum.discussion.stamps import _SAMPLE_PK, _SAMPLE_SCORE, reader_stamps
from forum.models import Comment
from forum.platform import frames

CARD_TEMPLATE = "forum/_comment_card.html"
CARD_TIMEOUT = 24 * 3600
SLOTS = ("<!--reader:head-->", "<!--reader:before-share-->", "<!--reader:after-share-->")
FOCUS_MARK = '<article class="comment__card"'


def template_version():
    """Return a digest of the card's template: a deploy that changes the card's markup must
    not reuse cards rendered by the old one."""
    template = get_template(CARD_TEMPLATE).template
    # Asked on every member's page: kept with the template (a reloaded one is a new object).
    if not hasattr(template, "card_version"):
        template.card_version = hashlib.sha256(template.source.encode()).hexdigest()[:12]
    return template.card_version


def card_key(node, version):
    """Return the cache key of a node's shared card: it changes with anything it shows."""
    comment = node.comment
    author = comment.author
    parts = (
        comment.pk,
        comment.status,
        comment.score,
        comment.is_featured,
        comment.edited_at.timestamp() if comment.edited_at else None,
        comment.author_id,
        author.username if author else "",
        comment.author_name,
        node.author_role,
        node.reply_to,
        settings.SITE_URL,
        translation.get_language(),
        version,
    )
    return "card:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


class CardMeta(NamedTuple):
    """What the reader's part of a card needs of its comment; kept with a cached tree.

    It answers with the comment's own rules (published, editable by this reader), read from
    its copy of the fields they need.
    """

    pk: int
    score: int
    status: str
    author_id: int | None
    created_at: datetime

    anchor = Comment.anchor
    is_published = Comment.is_published
    editable_by = Comment.editable_by

    @classmethod
    def of(cls, comment):
        return cls(comment.pk, comment.score, comment.status, comment.author_id, comment.created_at)


@dataclass(frozen=True)
class Tree:
    """Rendered comments cut at their cards' reader slots: 3 slots a card, in document order.

    The same for every reader who sees the same comments, so it may be cached and shared;
    `fill` puts one reader's parts in.
    """

    parts: tuple  # len(cards) * len(SLOTS) + 1 strings
    cards: tuple  # CardMeta

    @property
    def comment_ids(self):
        return [card.pk for card in self.cards]


def shared_cards(nodes, *, fresh=None):
    """Give every shown node its shared card (reader slots still empty) as `node.card_html`.

    `fresh` is the node that just appeared (focus goes to it).
    """
    shown = [node for node in walk(nodes) if not node.is_placeholder]
    if not shown:
        return
    version = template_version()
    keys = {id(node): card_key(node, version) for node in shown}
    cached = cache.get_many(list(keys.values()))
    card_template = get_template(CARD_TEMPLATE).template
    new = {}
    for node in shown:
        key = keys[id(node)]
        card = cached.get(key)
        if card is None:
            card_context = Context({"node": node, "comment": node.comment})
            card_context.update({"SITE_URL": settings.SITE_URL})
            card = card_template.render(card_context)
            new[key] = card
        if node is fresh:
            card = card.replace(FOCUS_MARK, FOCUS_MARK + " data-focus-here", 1)
        node.card_html = card
    if new:
        cache.set_many(new, timeout=CARD_TIMEOUT)


def card_region(card, slot):
    """Return the name of a card's reader slot as a region of a member's frame (frames.py)."""
    return f"c{card.pk}.{slot}"


def fill(tree, request, context, *, voted_ids=frozenset()):
    """Return the tree's HTML with this reader's part in every card.

    While a member's frame is built (`frames.BUILDING` in `context`), every card gets the
    part of a member who neither wrote nor voted for it, marked as a region.
    """
    if not tree.cards:
        return mark_safe(tree.parts[0])  # noqa: S308 (see below)
    author_ids = {card.author_id for card in tree.cards if card.author_id}
    stamps = reader_stamps(request, context, author_ids=author_ids)
    user = request.user
    framing = bool(context.get(frames.BUILDING))
    user_id = user.pk if user.is_authenticated and not framing else None
    out = [tree.parts[0]]
    parts = iter(tree.parts[1:])
    for card in tree.cards:
        own = user_id is not None and card.author_id == user_id
        pieces = stamps.render(card, is_own=own, voted=card.pk in voted_ids)
        for slot, piece in enumerate(pieces):
            out.append(frames.mark(card_region(card, slot), piece) if framing else piece)
            out.append(next(parts))
    # Safe: the parts are the tree's finished HTML (autoescaped cards, escaped values) and
    # the pieces autoescaped template output, joined at the slots the cards hold.
    return mark_safe("".join(out))  # noqa: S308


def render(nodes, request, context, *, sort_param="", fresh=None, voted_ids=frozenset()):
    """Return the HTML of `nodes` and their replies for this reader: cards, tree, reader parts."""
    shared_cards(nodes, fresh=fresh)
    built = tree(nodes, thread=context["thread"], sort_param=sort_param, fresh=fresh)
    return fill(built, request, context, voted_ids=voted_ids)


@functools.cache
def _replies_url_pattern():
    sample = reverse("forum:thread_replies", args=[_SAMPLE_PK, _SAMPLE_SCORE])
    return sample.replace(str(_SAMPLE_PK), "{thread}").replace(str(_SAMPLE_SCORE), "{comment}")


def _replies(count):
    return escape(ngettext("%(count)s reply", "%(count)s replies", count) % {"count": count})


def _show_more(count):
    return escape(
        ngettext("Show %(count)s more reply", "Show %(count)s more replies", count)
        % {"count": count}
    )


class _Tree:
    """Write the <li> of each node and of its replies, around its finished card."""

    def __init__(self, thread, sort_param):
        self.thread_url = escape(thread.url)
        self.thread_pk = thread.pk
        self.sort_param = escape(sort_param)
        self.hx_query = f"?{escape(sort_param[1:])}" if sort_param else ""
        self.out = []  # the HTML since the last slot
        self.parts = []  # the HTML between slots, finished
        self.cards = []

    def card(self, node):
        """Write a node's shared card, cutting the HTML at each of its reader slots."""
        rest = node.card_html
        for slot in SLOTS:
            before, rest = rest.split(slot, 1)
            self.out.append(before)
            self.parts.append("".join(self.out))
            self.out.clear()
        self.out.append(rest)
        self.cards.append(CardMeta.of(node.comment))

    def item(self, node, fresh=False):
        comment = node.comment
        pk = comment.pk
        anchor = comment.anchor
        pending = comment.status == Comment.Status.PENDING
        out = self.out
        out.append(
            f'\n<li class="comment comment--level-{node.level}'
            f"{' comment--pending' if pending else ''}"
            f"{' comment--featured' if comment.is_featured else ''}"
            f"{' comment--fresh' if fresh else ''}"
            f'" id="{anchor}">\n  '
        )
        if node.is_placeholder:
            reason = escape(comment.placeholder_text)
            out.append(f'\n    <p class="comment__placeholder">{reason}</p>\n  ')
        else:
            out.append("\n  ")
            self.card(node)
            out.append("\n  ")
        out.append("\n  ")
        if node.children:
            count = len(node.children)
            out.append(
                f'\n  <details class="replies" open>\n    <summary>{_replies(count)}</summary>'
                '\n    <ol class="comment-tree comment-tree--nested">\n      '
            )
            for child in node.children:
                self.item(child)
            out.append("\n    </ol>\n  </details>\n  ")
        elif not node.at_cap:
            out.append(
                f'\n  <ol class="comment-tree comment-tree--nested" id="replies-{pk}"></ol>\n  '
            )
        out.append("\n  ")
        more = node.more_replies
        if more:
            hx_get = _replies_url_pattern().format(thread=self.thread_pk, comment=pk)
            out.append(
                f'\n  <a class="show-more" href="{self.thread_url}?thread={pk}{self.sort_param}'
                f'#{anchor}"\n     data-hx-get="{hx_get}{self.hx_query}" data-hx-target="#{anchor}"'
                f' data-hx-swap="outerHTML">{_show_more(more)}</a>\n  '
            )
        out.append("\n</li>\n\n")


def tree(nodes, *, thread, sort_param="", fresh=None):
    """Return the list items of `nodes` and their replies, around their shared cards, as a Tree.

    Every node shown must have its card (`shared_cards`); `fresh` is the node that just
    appeared.
    """
    built = _Tree(thread, sort_param)
    for node in nodes:
        built.item(node, fresh=node is fresh)
    return Tree(parts=(*built.parts, "".join(built.out)), cards=tuple(built.cards))
