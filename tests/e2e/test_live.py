"""Live updates in Chromium over ASGI: a reader sees "1 new comment · Show", a desk fills."""

import pytest
from playwright.sync_api import expect

from forum.comments import decisions, transitions
from forum.discussion import services
from forum.models import Comment
from tests.asgi_server import asgi_server
from tests.e2e.conftest import run_axe, screenshot
from tests.factories import ArticleFactory, CommentFactory, ModeratorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0
    with asgi_server() as url:
        yield url


def sign_in(page, base_url, user):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", "a-long-test-password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".account-nav")).to_contain_text("Sign out")


def following(page, selector="[data-live-events]"):
    """Wait until the page's event stream is open."""
    expect(page.locator(f"{selector}[data-live-open]")).to_have_count(1)


def test_a_reader_sees_a_new_comment_and_shows_it(site, browser, axe_source):
    article = ArticleFactory(title="Live discussion")
    first = CommentFactory(thread=article.thread, body="The first word.")
    url = site + article.get_absolute_url()
    author, reader = browser.new_context(), browser.new_context()
    writing, reading = author.new_page(), reader.new_page()
    problems = []
    reading.on("pageerror", lambda error: problems.append(str(error)))
    try:
        writer = UserFactory(username="writer")
        sign_in(writing, site, writer)
        writing.goto(url)
        reading.goto(url)
        following(writing)
        following(reading)

        writing.locator("#composer-form-thread textarea[name=body]").fill("A live reply to all.")
        writing.click("#composer-form-thread button[type=submit]")

        bar = reading.locator(".live-bar")
        expect(bar).to_contain_text("1 new comment")
        expect(reading.locator("#comments")).not_to_contain_text("A live reply to all.")
        assert run_axe(reading, axe_source) == []
        screenshot(reading, "live-new-comment-bar")
        bar.get_by_role("button", name="Show").click()
        new = reading.locator("#comments > li").last
        expect(new).to_contain_text("A live reply to all.")
        expect(bar).to_have_count(0)
        expect(reading.locator(f"#comment-{first.pk}")).to_contain_text("The first word.")
        assert reading.locator("#comments > li").count() == 2

        # An edit replaces the card's text.
        posted = Comment.objects.get(body="A live reply to all.")
        transitions.comment_edit(comment=posted, editor=writer, body="An edited live reply.")
        expect(reading.locator(f"#comment-{posted.pk}")).to_contain_text("An edited live reply.")

        # A vote elsewhere changes the count in place; a removal fades to the placeholder.
        services.vote_toggle(comment=first, voter=UserFactory())
        expect(reading.locator(f"#comment-{first.pk} .vote-static")).to_contain_text("1")
        decisions.comment_reject(comment=first, moderator=ModeratorFactory(), reason="spam")
        expect(reading.locator(f"#comment-{first.pk} .comment__placeholder")).to_be_visible()
        assert problems == []
    finally:
        author.close()
        reader.close()


def test_a_held_comment_fills_the_desk_and_never_reaches_readers(site, browser, settings):
    article = ArticleFactory(title="Held comments")
    moderators = browser.new_context()
    readers = browser.new_context()
    desk, reading = moderators.new_page(), readers.new_page()
    try:
        sign_in(desk, site, ModeratorFactory(username="deskmod"))
        desk.goto(site + "/moderation/")
        expect(desk.locator("#count-pending")).to_have_text("0")
        reading.goto(site + article.get_absolute_url())
        following(desk, "[data-live-desk]")
        following(reading)

        settings.PREMODERATE_FIRST_COMMENTS = 5
        held = transitions.comment_create(
            author=UserFactory(username="newcomer"), thread=article.thread, body="Please hold me."
        )
        assert held.status == "pending"
        item = desk.locator(f"#mod-item-{held.pk}")
        expect(item).to_contain_text("Please hold me.")
        expect(desk.locator("#count-pending")).to_have_text("1")

        # Another moderator decides it: this desk says so instead of offering the buttons.
        other = ModeratorFactory(username="othermod")
        decisions.comment_approve(comment=held, moderator=other)
        expect(item.locator(".mod-item__decided")).to_contain_text("approved by othermod")
        expect(item.get_by_role("button", name="Approve")).to_have_count(0)
        expect(desk.locator("#count-pending")).to_have_text("0")

        # The reader heard nothing while it was held; once approved it is offered.
        expect(reading.locator(".live-bar")).to_contain_text("1 new comment")
    finally:
        moderators.close()
        readers.close()


def test_showing_new_comments_keeps_the_comment_in_view_where_it_was(site, browser):
    article = ArticleFactory(title="A long discussion")
    comments = [
        CommentFactory(thread=article.thread, body=f"Comment number {n}. " + "Words. " * 60)
        for n in range(8)
    ]
    context = browser.new_context(viewport={"width": 800, "height": 700})
    reading = context.new_page()
    try:
        reading.goto(site + article.get_absolute_url() + "?sort=newest")
        following(reading)
        watched = reading.locator(f"#comment-{comments[3].pk} > .comment__card")
        watched.evaluate("card => card.scrollIntoView({block: 'center'})")
        top = watched.evaluate("card => card.getBoundingClientRect().top")

        transitions.comment_create(author=UserFactory(), thread=article.thread, body="Brand new.")
        bar = reading.locator(".live-bar")
        expect(bar).to_contain_text("1 new comment")
        bar.get_by_role("button", name="Show").click()
        # Newest first: it goes above everything the reader is looking at.
        expect(reading.locator("#comments > li").first).to_contain_text("Brand new.")
        after = watched.evaluate("card => card.getBoundingClientRect().top")
        assert abs(after - top) <= 2, (top, after)
    finally:
        context.close()
