"""The scripts speak the page's language: Django's JavaScript catalogue in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import SEED_SLUG
from tests.factories import CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = f"/articles/{SEED_SLUG}/"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "permissions": ["clipboard-read", "clipboard-write"]}


def in_german(page, live_server):
    page.context.add_cookies([{"name": "django_language", "value": "de", "url": live_server.url}])


def test_a_german_reader_gets_the_scripts_words_in_german(
    page, live_server, loaded_content, page_problems
):
    article = Article.objects.get(slug=SEED_SLUG)
    comment = CommentFactory(thread=article.thread, author=UserFactory(username="kim"))
    in_german(page, live_server)
    page.goto(live_server.url + ARTICLE)

    assert page.locator("html").get_attribute("lang") == "de"
    # site.js: relative times in the page's language ("gerade eben", "vor 1 Minute").
    time = page.locator(f"#comment-{comment.pk} time[data-relative]")
    expect(time).to_have_text(re.compile(r"^(gerade eben|vor \d+ (Sekunden?|Minuten?))$"))
    assert page.evaluate("window.gettext('Show')") == "Anzeigen"  # live.js's bar
    bar = page.locator(".share-bar").first
    bar.locator("[data-share-copy]").click()
    expect(bar.locator("[data-share-status]")).to_have_text("Link kopiert")
    assert page_problems == []


def test_an_english_reader_loads_no_catalogue_and_reads_english(
    page, live_server, loaded_content, page_problems
):
    page.goto(live_server.url + ARTICLE)

    assert page.locator("script[src^='/jsi18n/']").count() == 0
    bar = page.locator(".share-bar").first
    bar.locator("[data-share-copy]").click()
    expect(bar.locator("[data-share-status]")).to_have_text("Link copied")
    assert page_problems == []


def test_the_composer_counts_in_german_with_german_digits(
    page, live_server, loaded_content, sign_in
):
    member = UserFactory(username="leserin")
    sign_in(page, member)
    in_german(page, live_server)
    page.goto(live_server.url + ARTICLE + "#discussion")

    count = page.locator("#id_body-count")
    expect(count).to_have_text("Sie können bis zu 10.000 Zeichen eingeben")
    page.locator("#id_body").fill("x" * 9_998)
    expect(count).to_have_text("Sie haben noch 2 Zeichen übrig")
    page.locator("#id_body").fill("x" * 10_001)
    expect(count).to_have_text("1 Zeichen zu viel")
