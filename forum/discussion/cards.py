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
import re
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext, trans_real

from forum import refusals
from forum.discussion.reading import walk
from forum.models import Comment
from forum.platform import frames

CARD_TEMPLATE = "forum/_comment_card.html"
READER_TEMPLATE = "forum/_comment_reader.html"
CARD_TIMEOUT = 24 * 3600
SLOTS = ("<!--reader:head-->", "<!--reader:before-share-->", "<!--reader:after-share-->")
SLOT_SEPARATOR = "<!--slot-->"
FOCUS_MARK = '<article class="comment__card"'


# Reversed once per process: `{% url %}` for every action of 200 comments costs more than
# the rest of the reader's part.
_COMMENT_ACTIONS = {
    "vote": "forum:comment_vote",
    "reply": "forum:comment_reply",
    "report": "forum:comment_report",
    "notice": "notices:notice_comment",
    "edit": "forum:comment_edit",
    "delete": "forum:comment_delete",
    "moderate": "moderation:comment",
}
_SAMPLE_PK = 987654321


@functools.cache
def _url_patterns():
    return {
        name: reverse(view, args=[_SAMPLE_PK]).replace(str(_SAMPLE_PK), "{}")
        for name, view in _COMMENT_ACTIONS.items()
    }


def comment_urls(pk):
    """Return the URLs of a comment's actions, as {% url %} would give them."""
    return {name: pattern.format(pk) for name, pattern in _url_patterns().items()}


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


_SAMPLE_SCORE = 123456789
_LINE_BREAK = re.compile(r"\s*\n\s*")  # in our own markup: no <pre> or <textarea> in it


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


class ReaderStamps:
    """Render the reader's part of a card once per kind of comment, then fill in each one.

    The reader's part varies with a few flags (published, own, voted, still editable, one
    vote or several) and otherwise only by the comment's id and score: render each kind
    once with sample values and put the real ones in by replacing text, a few microseconds
    per comment instead of a template render. After an action (a result to show) each card
    is rendered in full.
    """

    def __init__(self, template, context, *, login_url):
        self.template = template
        self.context = context
        self.login_url = login_url
        self.stamps = {}
        self.samples = {}  # plural form -> sample score
        language = translation.get_language() or settings.LANGUAGE_CODE
        self.plural = trans_real.translation(language).plural
        self.now = timezone.now()  # one edit window for the whole page

    def _render(self, card, *, is_own, voted, editable):
        urls = comment_urls(card.pk) | {"login": self.login_url}
        node = SimpleNamespace(is_own=is_own, voted=voted, editable=editable)
        with self.context.push(node=node, comment=card, urls=urls):
            return self.template.render(self.context)

    def _sample_score(self, score):
        """Return a sample score that takes the plural form `score` takes in the page's
        language ("1 up-vote", "5 up-votes"; Arabic has six forms), or None when no other
        number does (English's 1, Arabic's 0, 1 and 2): such a score is rendered as it is."""
        if score <= 2:  # 0, 1 and 2 have forms of their own in some language, or its fallback
            return None
        form = self.plural(score)
        if form not in self.samples:
            candidates = range(_SAMPLE_SCORE, _SAMPLE_SCORE + 100)
            self.samples[form] = next((n for n in candidates if self.plural(n) == form), None)
        return self.samples[form]

    def render(self, card, *, is_own, voted):
        """Return the reader's part of `card`: one piece per slot."""
        editable = card.editable_by(self.context["user"], self.now)
        if self.context["has_results"]:
            rendered = self._render(card, is_own=is_own, voted=voted, editable=editable)
            return rendered.split(SLOT_SEPARATOR)
        sample_score = self._sample_score(card.score)
        kind = (card.is_published, is_own, voted, editable, sample_score or card.score)
        pieces = self.stamps.get(kind)
        if pieces is None:
            sample = card._replace(pk=_SAMPLE_PK, score=sample_score or card.score)
            stamp = self._render(sample, is_own=is_own, voted=voted, editable=editable)
            # Repeated on every card: its indentation alone would add tens of KB to a page.
            stamp = _LINE_BREAK.sub("\n", stamp)
            # A format string per slot: {0} the comment's id, {1} its score.
            stamp = stamp.replace("{", "{{").replace("}", "}}")
            stamp = stamp.replace(str(_SAMPLE_PK), "{0}")
            if sample_score:
                stamp = stamp.replace(str(sample_score), "{1}")
            pieces = self.stamps[kind] = stamp.split(SLOT_SEPARATOR)
        return [piece.format(card.pk, card.score) for piece in pieces]


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


def reader_stamps(request, context):
    """Return the ReaderStamps of this request's reader for the cards of one page.

    `context` holds what the reader's part needs besides the card: `thread`, `is_moderator`,
    and `result`/`result_level` for an htmx answer.
    """
    messages = get_messages(request)
    user = request.user
    reader = Context(
        {
            "user": user,
            "request": request,
            "csrf_token": get_token(request) if user.is_authenticated else "",
            "SITE_URL": settings.SITE_URL,
            "messages": messages,
            "has_results": bool(messages) or bool(context.get("result")),
            # Asked once per page, not once per comment.
            "signed_in": user.is_authenticated,
            "can_act": not refusals.participation(user),
            "thread_open": context["thread"].is_open,
            "thread_url_quoted": quote(context["thread"].url, safe=""),
            **context,
        },
        autoescape=True,
    )
    return ReaderStamps(
        get_template(READER_TEMPLATE).template, reader, login_url=reverse("account_login")
    )


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
    stamps = reader_stamps(request, context)
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
