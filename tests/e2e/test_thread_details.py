"""Details of a discussion page a reader notices, in Chromium (issue 23, section 3).

Each test states one of them: where focus goes after Follow, right-to-left comments, the
Share panel, the composer on a phone, the preview's lists, a result inside its card, the
page's fonts and the CSP.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def discussion():
    """Return an article whose thread has a comment by another member."""
    article = ArticleFactory(title="Deterrence, revisited")
    other = UserFactory(username="analyst")
    comment = CommentFactory(thread=article.thread, author=other, body="Deterrence *worked*.")
    return {"article": article, "url": article.get_absolute_url(), "comment": comment}


def focused(page, selector):
    return page.evaluate("s => document.activeElement.matches(s)", selector)


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
