"""The comment tree is joined in Python around the shared cards (forum.discussion.cards), and
cut at the cards' reader slots so that a cached tree takes each reader's part."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils.safestring import mark_safe

from forum.discussion.cards import SLOTS, tree
from forum.discussion.reading import NESTING_LEVELS, Node
from forum.models import Comment

pytestmark = pytest.mark.django_db


def comment(pk, **fields):
    return Comment(pk=pk, status=fields.pop("status", Comment.Status.PUBLISHED), **fields)


def node(pk, level=1, **fields):
    slots = "".join(SLOTS)
    card = mark_safe(f'<article class="comment__card">card {pk}{slots}</article>')  # noqa: S308
    return Node(comment=comment(pk), level=level, card_html=card, **fields)


THREAD = SimpleNamespace(pk=7, url='/articles/a-"quoted"&slug/')


def tree_html(nodes, **kwargs):
    """Return the tree's HTML with every reader slot left empty."""
    return "".join(tree(nodes, **kwargs).parts)


def test_nested_replies_and_show_more_links_with_the_thread_url_escaped():
    root = node(1, more_replies=2)
    root.children = [node(2, level=2)]
    html = tree_html([root], thread=THREAD, sort_param="&sort=top")
    assert '<li class="comment comment--level-1" id="comment-1">' in html
    assert "<summary>1 reply</summary>" in html
    assert '<ol class="comment-tree comment-tree--nested" id="replies-2"></ol>' in html
    assert 'href="/articles/a-&quot;quoted&quot;&amp;slug/?thread=1&amp;sort=top#comment-1"' in html
    replies = reverse("forum:thread_replies", args=[7, 1])
    assert f'data-hx-get="{replies}?sort=top"' in html
    assert "Show 2 more replies</a>" in html
    assert "card 1" in html and "card 2" in html


def test_placeholders_featured_pending_fresh_and_the_last_level():
    gone = Node(comment=comment(3, status=Comment.Status.REMOVED), level=1, is_placeholder=True)
    held = Node(comment=comment(4, status=Comment.Status.PENDING), level=1, is_placeholder=True)
    deep = node(5, level=NESTING_LEVELS)
    deep.comment.is_featured = True
    html = tree_html([gone, held, deep], thread=THREAD, fresh=deep)
    assert "This comment was removed." in html
    assert "hidden while moderators review it" in html
    assert 'class="comment comment--level-1 comment--pending" id="comment-4"' in html
    level = f"comment--level-{NESTING_LEVELS}"
    assert f'class="comment {level} comment--featured comment--fresh" id="comment-5"' in html
    assert 'id="replies-5"' not in html  # replies at the last level follow it as siblings


def test_the_tree_is_cut_at_each_cards_three_slots_in_document_order():
    root = node(1)
    root.children = [node(2, level=2), node(3, level=2)]
    gone = Node(comment=comment(4, status=Comment.Status.REMOVED), level=1, is_placeholder=True)
    gone.children = [node(5, level=2)]
    built = tree([root, gone], thread=THREAD)
    assert [card.pk for card in built.cards] == [1, 2, 3, 5]  # a placeholder has no card
    assert len(built.parts) == 3 * len(built.cards) + 1
    assert built.parts[0].endswith("card 1") and built.parts[3].endswith("card 2")
    assert "<!--reader:" not in "".join(built.parts)
