"""Reading pages in Chromium: accessibility (axe-core), no CSP violations, screenshots."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import SEED_SLUG, run_axe, screenshot
from tests.factories import CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "home": "/",
    "article": f"/articles/{SEED_SLUG}/",
    "topic": "/topics/north-korea/",
    "guidelines": "/pages/community-guidelines/",
    "404": "/no-such-page/",
    "article-ar": f"/articles/{SEED_SLUG}/",  # in Arabic, right to left: LANGUAGE_OF
}
# Pages read in another language (the menu's cookie): {page: (language, direction)}.
LANGUAGE_OF = {"article-ar": ("ar", "rtl")}
WIDTHS = {"desktop": 1280, "mobile": 375}


@pytest.mark.parametrize("width_name", WIDTHS)
@pytest.mark.parametrize("page_name", PAGES)
def test_pages_have_no_serious_accessibility_violations(
    page, live_server, loaded_content, axe_source, page_name, width_name
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    if page_name in LANGUAGE_OF:
        cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": LANGUAGE_OF[page_name][0]}
        page.context.add_cookies([{**cookie, "url": live_server.url}])
    response = page.goto(live_server.url + PAGES[page_name])
    assert response.status == (404 if page_name == "404" else 200)
    language, direction = LANGUAGE_OF.get(page_name, ("en", "ltr"))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == direction
    assert run_axe(page, axe_source) == []
    screenshot(page, f"{page_name}-{width_name}")


def test_article_page_has_no_csp_violations(page, live_server, loaded_content):
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server.url}/articles/{SEED_SLUG}/")
    page.wait_for_load_state("networkidle")
    csp = [p for p in problems if "Content Security Policy" in p or "Refused to" in p]
    assert csp == []
    assert problems == []
    # The page's own scripts did run under the policy.
    assert page.evaluate("typeof window.htmx") == "object"


def test_no_horizontal_scroll_at_320px(page, live_server, loaded_content):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/articles/{SEED_SLUG}/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_reader_page_loads_no_editor_and_shows_times_relative(page, live_server, loaded_content):
    article = Article.objects.get(slug=SEED_SLUG)
    comment = CommentFactory(thread=article.thread, author=UserFactory(username="kim"))
    page.goto(f"{live_server.url}/articles/{SEED_SLUG}/")
    # A reader can't write: the editor's scripts are for members (issue 15, load cost).
    scripts = page.evaluate("[...document.scripts].map((script) => script.src)")
    assert not [src for src in scripts if "markdownx" in src or "discussion" in src]
    # site.js shows comment times relative once the page is idle, the absolute one as title.
    time = page.locator(f"#comment-{comment.pk} time[data-relative]")
    expect(time).to_have_text(re.compile(r"just now|ago"))
    assert re.search(r"\d{4}, \d{2}:\d{2}", time.get_attribute("title"))


def test_a_permalink_lands_on_its_comment_below_unrendered_ones(page, live_server, loaded_content):
    # Top-level comments are content-visibility: auto (laid out only near the viewport):
    # a link to one far down the page must still show it, not an estimate's worth away.
    article = Article.objects.get(slug=SEED_SLUG)
    author = UserFactory(username="kim")
    comments = [
        CommentFactory(thread=article.thread, author=author, body="A long comment. " * 60)
        for _ in range(30)
    ]
    target = comments[-1]
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/articles/{SEED_SLUG}/#comment-{target.pk}")
    card = page.locator(f"#comment-{target.pk}")
    expect(card).to_be_in_viewport()
    # Two frames later the comments around it are laid out at their real heights.
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    expect(card).to_be_in_viewport()
