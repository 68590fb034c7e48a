"""Sharing in Chromium: copy link to the clipboard, comment share, no-JS field, Mastodon."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from articles.models import Article
from tests.e2e.conftest import SEED_SLUG, run_axe, screenshot
from tests.factories import CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = f"/articles/{SEED_SLUG}/"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "permissions": ["clipboard-read", "clipboard-write"]}


def share_to_mastodon(context, url, server):
    """Open the Mastodon form of the first share bar at `url`, send `server`; return both tabs."""
    page = context.new_page()
    page.goto(url)
    bar = page.locator(".share-bar").first
    bar.locator("summary", has_text="More").click()
    bar.get_by_label("Your Mastodon server").fill(server)
    with context.expect_page() as opened:
        bar.locator(".share__mastodon-form button[type=submit]").click()
    return page, opened.value


def test_copy_link_puts_the_canonical_url_on_the_clipboard(
    page, live_server, loaded_content, page_problems
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + ARTICLE + "?utm_source=newsletter")
    bar = page.locator(".share-bar").first
    # With JavaScript the button replaces the field, which leaves the Tab order with it.
    assert bar.locator("[data-share-field]").is_hidden()
    bar.get_by_role("button", name="Copy link").click()
    status = bar.locator("[data-share-status]")
    status.filter(has_text="Link copied").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == settings.SITE_URL + ARTICLE
    # The native share button shows only where the browser has a share sheet.
    has_share = page.evaluate("typeof navigator.share === 'function'")
    assert bar.locator("[data-share-native]").is_visible() == has_share
    screenshot(page, "share-article-1280")
    page.locator(".article__header").screenshot(path="/tmp/shots/share-header-1280.png")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + ARTICLE)
    screenshot(page, "share-article-375")
    page.locator(".article__header").screenshot(path="/tmp/shots/share-header-375.png")
    page.locator(".share-bar").first.locator("summary", has_text="More").click()
    page.locator(".share-bar").first.screenshot(path="/tmp/shots/share-mastodon-open-375.png")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert page_problems == []


def test_comment_share_copies_the_permalink(page, live_server, loaded_content, axe_source):
    article = Article.objects.get(slug=SEED_SLUG)
    comment = CommentFactory(
        thread=article.thread,
        author=UserFactory(username="kim"),
        body="Deterrence **works**, mostly. " * 3,
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + ARTICLE)
    card = page.locator(f"#comment-{comment.pk}")
    card.locator("summary", has_text="Share").click()
    panel = card.locator(".comment-share__panel")
    panel.get_by_role("button", name="Copy link").click()
    panel.locator("[data-share-status]").filter(has_text="Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == (
        f"{settings.SITE_URL}/comments/{comment.pk}/"
    )
    x_link = panel.locator("a.share__link--x").get_attribute("href")
    text = parse_qs(urlsplit(x_link).query)["text"][0]
    assert text.startswith("“Deterrence works, mostly.")
    assert run_axe(page, axe_source) == []
    card.scroll_into_view_if_needed()
    screenshot(page, "share-comment-1280")
    card.screenshot(path="/tmp/shots/share-comment-card-1280.png")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "share-comment-375")
    card.screenshot(path="/tmp/shots/share-comment-card-375.png")
    page.emulate_media(color_scheme="dark")
    card.screenshot(path="/tmp/shots/share-comment-card-375-dark.png")


def test_without_javascript_the_link_is_in_a_read_only_field(browser, live_server, loaded_content):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + ARTICLE)
    bar = page.locator(".share-bar").first
    field = bar.locator("[data-share-field]")
    assert field.is_visible()
    assert field.input_value() == settings.SITE_URL + ARTICLE
    assert field.get_attribute("readonly") is not None
    assert not bar.get_by_role("button", name="Copy link").is_visible()
    assert not bar.locator("[data-share-native]").is_visible()
    screenshot(page, "share-article-nojs-1280")
    page.locator(".article__header").screenshot(path="/tmp/shots/share-header-nojs-1280.png")
    context.close()


@pytest.mark.parametrize(
    "javascript, remembered", [(True, "https://Mastodon.Example/"), (False, None)]
)
def test_mastodon_asks_for_the_server_and_goes_there(
    browser, live_server, loaded_content, javascript, remembered
):
    context = browser.new_context(java_script_enabled=javascript)
    arrived = []

    def fake_mastodon(route):
        arrived.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>compose</p>")

    context.route("https://mastodon.example/**", fake_mastodon)
    page, new_tab = share_to_mastodon(
        context, live_server.url + ARTICLE, "https://Mastodon.Example/"
    )
    new_tab.wait_for_url("https://mastodon.example/**")
    assert arrived, "the CSP or the form stopped the reader on our side"
    parts = urlsplit(arrived[0])
    assert parts.path == "/share"
    assert parse_qs(parts.query)["text"][0].endswith(settings.SITE_URL + ARTICLE)
    # Only the page's script remembers the server for next time.
    assert page.evaluate("localStorage.getItem('share.mastodon-instance')") == remembered
    context.close()


def test_bad_mastodon_server_explains_and_keeps_the_text(browser, live_server, loaded_content):
    context = browser.new_context()
    _, tab = share_to_mastodon(context, live_server.url + ARTICLE, "evil.example/phish")
    tab.wait_for_load_state()
    assert "doesn’t look like a server name" in tab.content()
    assert tab.get_by_label("Your Mastodon server").input_value() == "evil.example/phish"
    screenshot(tab, "share-mastodon-error-375")
    context.close()


def test_search_page_is_accessible(page, live_server, loaded_content, axe_source):
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + "/search/?q=nuclear")
        assert page.locator(".search-result mark").count() > 0
        assert run_axe(page, axe_source) == []
        screenshot(page, f"search-{width}")
    page.goto(live_server.url + "/search/")
    screenshot(page, "search-empty-375")
