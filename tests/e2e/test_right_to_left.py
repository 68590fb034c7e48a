"""The article page mirrored in Arabic and left to right in English, checked by geometry
(issue 28): the page's direction, which side replies are indented from, where the main
column's text starts, and no sideways scrolling on a phone."""

import pytest

from tests.e2e.conftest import run_axe
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLISH = "Deterrence has worked for seventy years, but only because both sides believed it."


@pytest.fixture
def discussion():
    """Return the URL of an article with a comment, a reply and a reply to the reply."""
    article = ArticleFactory(title="Deterrence, revisited")
    top = CommentFactory(thread=article.thread, author=UserFactory(username="kim"), body=ENGLISH)
    reply = CommentFactory(parent=top, author=UserFactory(username="layla"), body=ENGLISH)
    CommentFactory(parent=reply, author=UserFactory(username="okonkwo"), body=ENGLISH)
    return {"url": article.get_absolute_url(), "top": top, "reply": reply}


def open_in(page, live_server, url, language, width=1280):
    """Open the page in `language`, chosen as the footer's menu does (its cookie)."""
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + url)
    page.evaluate(
        "document.querySelectorAll('#comments > .comment')"
        ".forEach(c => { c.style.contentVisibility = 'visible'; })"
    )


def box(page, selector):
    return page.locator(selector).evaluate(
        "e => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right}; }"
    )


def text_box(page, selector):
    """Return the left and right ends of an element's first line of text, and its box's."""
    return page.locator(selector).evaluate(
        """e => {
          const range = document.createRange();
          range.selectNodeContents(e);
          const line = range.getClientRects()[0], b = e.getBoundingClientRect();
          return {left: line.left, right: line.right, boxLeft: b.left, boxRight: b.right};
        }"""
    )


def test_arabic_mirrors_the_article_page(page, live_server, discussion, axe_source):
    open_in(page, live_server, discussion["url"], "ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"

    # A reply is indented from the right: its card ends left of its parent's, and the thread
    # line runs down the right side.
    parent = box(page, f"#{discussion['top'].anchor} > .comment__card")
    reply = box(page, f"#{discussion['reply'].anchor} > .comment__card")
    assert reply["right"] < parent["right"] - 10
    assert reply["left"] == pytest.approx(parent["left"], abs=1)
    nested = page.locator(f"#{discussion['top'].anchor} .comment-tree--nested").first
    assert nested.evaluate("e => getComputedStyle(e).borderRightWidth") == "2px"
    assert nested.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"

    # The avatar sits right of the comment's text.
    card = f"#{discussion['reply'].anchor} > .comment__card"
    assert box(page, f"{card} .avatar")["left"] > box(page, f"{card} .comment__body")["right"]

    # The main column's text starts on the right: the discussion's heading ends at its box's
    # right edge, well clear of its left one; the rail is left of the comments.
    heading = text_box(page, ".discussion > h2")
    assert heading["right"] == pytest.approx(heading["boxRight"], abs=1)
    assert heading["left"] > heading["boxLeft"] + 50
    assert box(page, ".thread__rail")["right"] <= box(page, "#comments")["left"]
    # axe-core finds nothing serious in the mirrored page (touch targets included).
    assert run_axe(page, axe_source) == []


def test_english_keeps_its_left_to_right_geometry(page, live_server, discussion):
    open_in(page, live_server, discussion["url"], "en")
    assert page.evaluate("document.documentElement.dir") == "ltr"

    parent = box(page, f"#{discussion['top'].anchor} > .comment__card")
    reply = box(page, f"#{discussion['reply'].anchor} > .comment__card")
    assert reply["left"] > parent["left"] + 10
    assert reply["right"] == pytest.approx(parent["right"], abs=1)
    nested = page.locator(f"#{discussion['top'].anchor} .comment-tree--nested").first
    assert nested.evaluate("e => getComputedStyle(e).borderLeftWidth") == "2px"

    card = f"#{discussion['reply'].anchor} > .comment__card"
    assert box(page, f"{card} .avatar")["right"] < box(page, f"{card} .comment__body")["left"]

    heading = text_box(page, ".discussion > h2")
    assert heading["left"] == pytest.approx(heading["boxLeft"], abs=1)
    assert heading["right"] < heading["boxRight"] - 50
    assert box(page, ".thread__rail")["left"] >= box(page, "#comments")["right"]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_no_sideways_scrolling_on_a_phone(page, live_server, discussion, language):
    open_in(page, live_server, discussion["url"], language, width=375)
    # Right to left, what sticks out runs off the left edge: scrollWidth counts it there too.
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") == 0
