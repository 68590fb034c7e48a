"""A member's own profile in Chromium: their held comments, marked; code keeps its lines."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import run_axe, screenshot
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = "Try this:\n\n    def answer():\n        return 42\n"


@pytest.mark.parametrize("width", [375, 1280])
def test_own_profile_shows_held_comments_and_code(page, live_server, sign_in, axe_source, width):
    thread = ArticleFactory(title="Deterrence").thread
    member = UserFactory(username="coder")
    CommentFactory(thread=thread, author=member, body=CODE)
    CommentFactory(thread=thread, author=member, body="Still with the moderators.", pending=True)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, member)
    page.goto(f"{live_server.url}/users/coder/")
    held = page.locator(".profile-comments__item--pending")
    expect(held).to_contain_text("Awaiting moderation")
    expect(held).to_contain_text("Still with the moderators.")
    assert page.locator(".profile-comments pre").inner_text().splitlines() == [
        "def answer():",
        "    return 42",
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"profile-own-{width}")
    assert run_axe(page, axe_source) == []

    # Another reader sees the published comment only.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/users/coder/")
    expect(page.locator(".profile-comments")).to_contain_text("def answer")
    expect(page.locator(".profile-comments")).not_to_contain_text("Still with the moderators")
