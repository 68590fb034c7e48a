"""Details of a discussion page a reader notices, in Chromium (issue 23, section 3).

Each test states one of them: where focus goes after Follow, right-to-left comments, the
Share panel, the composer on a phone, the preview's lists, a result inside its card, the
page's fonts and the CSP.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SHOTS
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def discussion():
    """Return an article whose thread has a comment by another member."""
    article = ArticleFactory(title="Deterrence, revisited")
    other = UserFactory(username="analyst")
    comment = CommentFactory(thread=article.thread, author=other, body="Deterrence *worked*.")
    return {"article": article, "url": article.get_absolute_url(), "comment": comment}


ARABIC = "مرحبا! هذا تعليق باللغة العربية، هل توافق؟ نعم."


@pytest.mark.parametrize("by", ["mouse", "keyboard"])
def test_follow_keeps_focus_on_its_button_and_announces_the_state(
    page, live_server, sign_in, discussion, by
):
    sign_in(page, UserFactory(username="reader"))
    page.goto(live_server.url + discussion["url"])
    button = page.locator(".follow-form button")
    expect(button).to_have_attribute("aria-pressed", "false")

    def toggle():
        if by == "mouse":
            button.click()
        else:
            button.focus()
            page.keyboard.press("Enter")

    toggle()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_be_focused()
    expect(page.locator("#announcer")).to_have_text("You follow this discussion.")

    toggle()
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button).to_be_focused()
    expect(page.locator("#announcer")).to_have_text("You no longer follow this discussion.")


def test_a_refused_comment_comes_back_without_a_csp_error(
    page, live_server, sign_in, discussion, page_problems
):
    sign_in(page, UserFactory(username="reader"))
    page.goto(live_server.url + discussion["url"])
    editor = page.locator("#id_body")
    editor.fill(" ")  # typed in: markdownx has set the editor's inline height by now
    page.click("#composer-form-thread button[type=submit]")
    expect(page.locator("#composer-form-thread .error-summary")).to_be_focused()
    page.evaluate("document.activeElement.blur()")
    page.locator("#id_body").fill("   ")  # refused again: each time the form comes back
    page.click("#composer-form-thread button[type=submit]")
    expect(page.locator("#composer-form-thread .error-summary")).to_be_focused()
    assert page_problems == []


def test_a_right_to_left_comment_runs_right_to_left(page, live_server, sign_in, discussion):
    arabic = CommentFactory(
        thread=discussion["article"].thread,
        author=UserFactory(username="samir"),
        body=ARABIC,
        is_featured=True,
    )
    sign_in(page, UserFactory(username="reader"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + discussion["url"])
    card = page.locator(f"#comment-{arabic.pk} > .comment__card")
    for element in (
        card.locator(".comment__body"),
        card.locator(".comment__author"),
        page.locator(".featured blockquote"),
        page.locator("#id_body"),
        page.locator("#composer-form-thread .markdownx-preview"),
    ):
        expect(element).to_have_attribute("dir", "auto")

    # Aligned right, and the full stop that ends the sentence is at its left end, where
    # Arabic puts it (left to right, it showed at the right end).
    body = card.locator(".comment__body p")
    expect(body).to_have_css("direction", "rtl")
    line = body.evaluate(
        """p => {
          const text = p.firstChild, range = document.createRange();
          range.selectNodeContents(text);
          const all = range.getBoundingClientRect();
          range.setStart(text, text.length - 1);
          const stop = range.getBoundingClientRect();
          const box = p.getBoundingClientRect();
          return {left: all.left, right: all.right, boxRight: box.right, stopLeft: stop.left};
        }"""
    )
    assert abs(line["right"] - line["boxRight"]) < 1, line
    assert abs(line["stopLeft"] - line["left"]) < 1, line
    SHOTS.mkdir(parents=True, exist_ok=True)
    card.screenshot(path=str(SHOTS / "comment-rtl-1280.png"))

    # The composer and its preview follow what is typed.
    page.locator("#id_body").fill(ARABIC)
    preview = page.locator("#composer-form-thread .markdownx-preview p")
    expect(preview).to_have_text(ARABIC)
    expect(preview).to_have_css("direction", "rtl")
    expect(page.locator("#id_body")).to_have_css("direction", "rtl")


def test_the_preview_draws_lists_as_the_published_comment_does(
    page, live_server, sign_in, discussion
):
    body = "Two reasons:\n\n- talks\n- deterrence\n  - and a nested one"
    published = CommentFactory(thread=discussion["article"].thread, body=body)
    sign_in(page, UserFactory(username="reader"))
    page.goto(live_server.url + discussion["url"])
    page.locator("#id_body").fill(body)
    preview = page.locator("#composer-form-thread .markdownx-preview")
    expect(preview.locator("li")).to_have_count(3)

    def markers(root):
        return root.locator("ul").evaluate_all(
            "lists => lists.map(ul => getComputedStyle(ul).listStyleType)"
        )

    comment = page.locator(f"#comment-{published.pk} .comment__body")
    assert markers(preview) == markers(comment) == ["disc", "circle"]


@pytest.mark.parametrize("width", [1280, 375])
def test_reported_and_its_focus_ring_fit_in_the_card(page, live_server, sign_in, discussion, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, UserFactory(username="reader"))
    anchor = f"#comment-{discussion['comment'].pk}"
    page.goto(live_server.url + discussion["url"])
    page.locator(f"{anchor} .comment__action", has_text=re.compile(r"^Report$")).click()
    page.locator(".report-form__choice input").first.check()
    page.click("text=Send report")
    message = page.locator(f"{anchor} .result")
    expect(message).to_have_text("Reported. Thank you.")
    expect(message).to_be_focused()
    # Measured in one script, in one frame: the page may still be scrolling to the comment,
    # and boxes read in separate calls would then come from different scroll positions.
    fits = message.evaluate(
        """(m, selectors) => {
          const style = getComputedStyle(m), box = m.getBoundingClientRect();
          const out = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
          const ring = {left: box.left - out, right: box.right + out, top: box.top - out};
          const around = selectors.map(s => {
            const b = document.querySelector(s).getBoundingClientRect();
            return {s, left: b.left, right: b.right, top: b.top};
          });
          return {ring, around};
        }""",
        [f"{anchor} > .comment__card", f"#comments > {anchor}"],
    )
    ring = fits["ring"]
    assert ring["right"] - ring["left"] > 100  # the ring is drawn
    for box in fits["around"]:
        assert box["left"] <= ring["left"] and ring["right"] <= box["right"], box["s"]
        assert box["top"] <= ring["top"], (box, ring)


@pytest.mark.parametrize("width", [1280, 375])
def test_opening_share_leaves_the_action_row_where_it_was(
    page, live_server, sign_in, discussion, width
):
    CommentFactory(thread=discussion["article"].thread, body="The next comment, under the panel.")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, UserFactory(username="reader"))
    page.goto(live_server.url + discussion["url"])
    card = page.locator(f"#comment-{discussion['comment'].pk} > .comment__card")
    actions = card.locator(".comment__actions")
    buttons = actions.locator(":scope > *:not(.comment-share), :scope > .comment-share > summary")
    expect(actions.locator(".comment__action", has_text=re.compile(r"^Report$"))).to_be_visible()

    def boxes():
        return buttons.evaluate_all(
            "els => els.map(e => { const b = e.getBoundingClientRect();"
            " return [e.textContent.trim(), b.x, b.y + scrollY, b.width, b.height]; })"
        )

    closed = boxes()
    actions.locator(".comment-share > summary").click()
    panel = actions.locator(".comment-share__panel")
    expect(panel).to_be_visible()
    assert boxes() == closed
    row_bottom = max(y + h for _, _, y, _, h in closed)
    assert panel.evaluate("p => p.getBoundingClientRect().y + scrollY") >= row_bottom
    # Nothing paints over it, and nothing cuts it off.
    panel.scroll_into_view_if_needed()
    box = panel.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 4
    assert panel.evaluate(f"p => p.contains(document.elementFromPoint({x}, {y}))")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"comment-share-open-{width}.png"))


FACES = """() => {
  const files = {};
  for (const sheet of document.styleSheets) for (const rule of sheet.cssRules) {
    if (!(rule instanceof CSSFontFaceRule)) continue;
    const s = rule.style, key = [s.getPropertyValue("font-family").replaceAll('"', ""),
      s.getPropertyValue("font-style"), s.getPropertyValue("font-weight")].join(" ");
    files[key] = s.getPropertyValue("src").match(/fonts\\/([^")]+)/)[1];
  }
  const used = [...document.fonts].filter(f => f.status === "loaded")
    .map(f => files[[f.family.replaceAll('"', ""), f.style, f.weight].join(" ")]);
  const preloaded = [...document.querySelectorAll("link[rel=preload][as=font]")]
    .map(l => l.getAttribute("href").split("/").pop());
  return {used: used.sort(), preloaded: preloaded.sort()};
}"""


def test_every_face_the_article_uses_is_preloaded(page, live_server, discussion):
    """Preloaded, a face is there for the first paint (font-display: optional, site.css)."""
    CommentFactory(thread=discussion["article"].thread, body="A **bold** word.")
    page.goto(live_server.url + discussion["url"])  # the body has *italics*
    page.evaluate("document.fonts.ready")
    faces = page.evaluate(FACES)
    assert "source-serif-4-latin-400-italic.woff2" in faces["used"]
    assert "source-sans-3-latin-600-normal.woff2" in faces["used"]
    assert faces["used"] == faces["preloaded"]


def test_on_a_phone_the_count_and_post_stay_by_the_text(page, live_server, sign_in, discussion):
    for _ in range(5):  # a page that goes on below the composer
        CommentFactory(thread=discussion["article"].thread, body="A comment. " * 30)
    page.set_viewport_size({"width": 375, "height": 812})
    sign_in(page, UserFactory(username="reader"))
    page.goto(live_server.url + discussion["url"])
    # Tapped in the middle of the screen, where a reader scrolls it to.
    page.locator("#id_body").evaluate("e => e.scrollIntoView({block: 'center'})")
    page.locator("#id_body").click()
    page.keyboard.type("First line of my comment\nSecond line with **bold**\nThird line")
    form = page.locator("#composer-form-thread")
    expect(form.locator(".markdownx-preview strong")).to_have_text("bold")
    for part in ("#id_body-count", "button[type=submit]"):
        box = form.locator(part).bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= 812, part
    post = form.locator("button[type=submit]").bounding_box()
    assert form.locator(".markdownx-preview-wrap").bounding_box()["y"] > post["y"]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_discussion_has_a_rail_beside_it_and_the_byline_is_by_the_headline(
    page, live_server, sign_in, discussion, width
):
    CommentFactory(thread=discussion["article"].thread, body="Worth reading.", is_featured=True)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, UserFactory(username="reader"))
    page.goto(live_server.url + discussion["url"])

    def box(selector):
        return page.locator(selector).first.evaluate(
            "e => { const b = e.getBoundingClientRect();"
            " return {x: b.x, y: b.y + scrollY, right: b.right, bottom: b.bottom + scrollY}; }"
        )

    rail, comments = box(".thread__rail"), box("#comments")
    title, byline = box("#article-title"), box(".article__meta .byline")
    guidelines = page.locator(".thread__guidelines")
    if width == 1280:
        # The byline starts beside the headline, not under the standfirst.
        assert byline["y"] < title["bottom"] and byline["right"] < title["x"]
        # Facts, Follow, Sort, Featured and the guidelines in brief: beside the discussion,
        # from its heading down.
        assert rail["x"] >= comments["right"]
        assert abs(rail["y"] - box("#discussion-title")["y"]) < 16
        for part in (".discussion__count", ".follow-form", ".sort-nav", ".featured"):
            inside = box(f".thread__rail {part}")
            assert rail["x"] <= inside["x"] and inside["right"] <= rail["right"], part
        expect(guidelines).to_be_visible()
        link = guidelines.get_by_role("link", name="Read the community guidelines")
        expect(link).to_have_attribute("href", "/guidelines/")
    else:
        # One column: the count, Follow and Sort above the composer, as before.
        assert byline["y"] > title["bottom"]
        assert rail["x"] == comments["x"] and rail["bottom"] <= box("#composer")["y"]
        expect(guidelines).to_be_hidden()
