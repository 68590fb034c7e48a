"""A verified member takes part in the seed article's discussion, in Chromium."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from forum.comments import transitions
from forum.models import Comment
from tests.e2e.conftest import SEED_SLUG, screenshot
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _publish_directly(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0


def test_member_previews_posts_replies_and_votes(page, live_server, loaded_content, sign_in):
    article = Article.objects.get(slug=SEED_SLUG)
    other = UserFactory(username="analyst", display_name="The Analyst")
    earlier = transitions.comment_create(
        author=other, thread=article.thread, body="Deterrence has *worked* so far."
    )
    member = UserFactory(username="reader")

    sign_in(page, member)
    page.goto(f"{live_server.url}/articles/{SEED_SLUG}/#discussion")

    editor = page.locator("#id_body")
    editor.fill("I **doubt** sanctions alone can change this.\n\n- talks\n- deterrence")
    preview = page.locator("#composer-form-thread .markdownx-preview")
    expect(preview.locator("strong")).to_have_text("doubt")
    expect(preview.locator("li")).to_have_count(2)
    page.click("#composer-form-thread button[type=submit]")
    expect(page.locator("#comments > .comment strong", has_text="doubt")).to_be_visible()

    mine = Comment.objects.get(author=member, parent=None)
    card = page.locator(f"#comment-{mine.pk}")
    expect(card.locator("strong")).to_have_text("doubt")
    expect(page.locator("#id_body")).to_have_value("")  # the composer was emptied
    expect(page.locator(".discussion__count")).to_contain_text("2 comments")  # in place

    # Reply in place under the other member's comment.
    page.click(f"#comment-{earlier.pk} .comment__action:text('Reply')")
    reply_box = page.locator(f"#id_body_{earlier.pk}")
    expect(reply_box).to_be_visible()
    reply_box.fill("So far, yes, but for how long?")
    page.click(f"#composer-form-{earlier.pk} button[type=submit]")
    expect(page.locator(f"#replies-{earlier.pk}")).to_contain_text("for how long")
    reply = Comment.objects.get(author=member, parent=earlier)
    expect(page.locator(f"#replies-{earlier.pk} #comment-{reply.pk}")).to_contain_text(
        "for how long"
    )
    expect(page.locator(f"#reply-slot-{earlier.pk} form")).to_have_count(0)

    # Vote for the other member's comment; the count updates in place.
    vote = page.locator(f"#comment-{earlier.pk} > .comment__card .vote-button")
    expect(vote).to_contain_text("0")
    vote.click()
    expect(page.locator(f"#comment-{earlier.pk} > .comment__card .vote-button")).to_contain_text(
        "1"
    )
    earlier.refresh_from_db()
    assert earlier.score == 1

    # A reload shows everything where it belongs.
    page.reload()
    expect(page.locator(f"#comment-{earlier.pk} #comment-{reply.pk}")).to_be_visible()
    expect(page.locator(".discussion__count")).to_contain_text("3 comments")
    expect(page.locator(f"#comment-{earlier.pk} > .comment__card .vote-button")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.locator("#discussion").scroll_into_view_if_needed()
    screenshot(page, "thread-desktop")
    page.set_viewport_size({"width": 375, "height": 900})
    screenshot(page, "thread-mobile")


def test_comment_form_works_without_javascript(browser, live_server, loaded_content, sign_in):
    member = UserFactory(username="nojs")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, member)
    page.goto(f"{live_server.url}/articles/{SEED_SLUG}/")
    page.fill("#id_body", "Posted without JavaScript.")
    page.click("#composer-form-thread button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator(".comment", has_text="Posted without JavaScript.")).to_be_visible()
    comment = Comment.objects.get(author=member)
    assert page.url.endswith(f"#comment-{comment.pk}")
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("Posted without JavaScript.")
    context.close()
