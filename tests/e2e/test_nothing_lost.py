"""Nothing a member writes is lost, in Chromium: comments in a row, replies, a long paste.

From one page load a member posts comment after comment and reply after reply, with
JavaScript (in place) and without (whole pages); every one is stored and shown. A paste far
over the limit is never sent with JavaScript, and without it comes back whole.
"""

import pytest
from playwright.sync_api import expect

from forum.models import Comment
from tests.e2e.conftest import SEED_SLUG, SHOTS
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IN_A_ROW = 10


@pytest.fixture(autouse=True)
def _publish_directly(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0
    settings.COMMENT_RATE_PER_MINUTE = 100


@pytest.fixture
def signed_in(browser, live_server, sign_in):
    """Return a function giving (context, page): the member on the seed article's discussion."""

    def open_page(member, *, javascript):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        sign_in(page, member)
        page.goto(f"{live_server.url}/articles/{SEED_SLUG}/#discussion")
        return context, page

    return open_page


def test_ten_comments_and_ten_replies_in_a_row_from_one_page_load(
    live_server, loaded_content, signed_in
):
    member = UserFactory(username="prolific")
    context, page = signed_in(member, javascript=True)
    for n in range(IN_A_ROW):
        page.fill("#id_body", f"Comment number {n} of the row.")
        page.click("#composer-form-thread button[type=submit]")
        expect(
            page.locator("#comments", has_text=f"Comment number {n} of the row.")
        ).to_be_visible()
        expect(page.locator("#id_body")).to_have_value("")
    first = Comment.objects.get(body="Comment number 0 of the row.")
    for n in range(IN_A_ROW):
        page.click(f"#comment-{first.pk} .comment__action:text('Reply')")
        page.fill(f"#id_body_{first.pk}", f"Reply number {n} of the row.")
        page.click(f"#composer-form-{first.pk} button[type=submit]")
        expect(
            page.locator(f"#replies-{first.pk}", has_text=f"Reply number {n} of the row.")
        ).to_be_visible()
        expect(page.locator(f"#reply-slot-{first.pk} form")).to_have_count(0)
    stored = Comment.objects.filter(author=member)
    assert stored.filter(parent=None).count() == IN_A_ROW
    assert stored.filter(parent=first).count() == IN_A_ROW
    assert len(set(stored.values_list("idempotency_key", flat=True))) == 2 * IN_A_ROW
    # And a reload shows every one of them.
    page.reload()
    for n in range(IN_A_ROW):
        expect(page.locator("#comments", has_text=f"Comment number {n} of the row.")).to_have_count(
            1
        )
    context.close()


def test_three_comments_and_replies_in_a_row_without_javascript(
    live_server, loaded_content, signed_in
):
    member = UserFactory(username="plain")
    context, page = signed_in(member, javascript=False)
    for n in range(3):
        page.fill("#id_body", f"Plain comment {n}.")
        page.click("#composer-form-thread button[type=submit]")
        expect(page.get_by_text(f"Plain comment {n}.", exact=True)).to_be_visible()
    first = Comment.objects.get(body="Plain comment 0.")
    for n in range(3):
        page.goto(f"{live_server.url}/comments/{first.pk}/reply/")
        page.fill(f"#id_body_{first.pk}", f"Plain reply {n}.")
        page.click(f"#composer-form-{first.pk} button[type=submit]")
        expect(page.get_by_text(f"Plain reply {n}.", exact=True)).to_be_visible()
    assert Comment.objects.filter(author=member, parent=None).count() == 3
    assert Comment.objects.filter(author=member, parent=first).count() == 3
    context.close()


PASTE = "Every word of this paste matters. " * 2942  # 100,028 characters


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_huge_paste_is_never_lost(loaded_content, signed_in, javascript):
    member = UserFactory(username="paster")
    context, page = signed_in(member, javascript=javascript)
    page.fill("#id_body", PASTE)
    page.click("#composer-form-thread button[type=submit]")
    if javascript:
        # Not sent at all: the message stands next to the count, the text stays.
        message = page.locator("#id_body-limit")
        expect(message).to_contain_text("Not sent: your text is 90,028 characters over")
        expect(page.locator("#id_body")).to_be_focused()
        count = page.locator("#id_body-count")
        assert message.evaluate("(m, c) => m.nextElementSibling === c", count.element_handle())
        page.set_viewport_size({"width": 375, "height": 812})
        expect(count).to_contain_text("90,028 characters too many")
        message.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "composer-over-limit-375.png"))
    else:
        expect(page.locator("#id_body-error")).to_contain_text("the limit is 10,000")
    assert page.locator("#id_body").input_value() == PASTE
    assert not Comment.objects.exists()

    # Shortened, it posts; the message is gone.
    page.fill("#id_body", PASTE[:200])
    if javascript:
        expect(page.locator("#id_body-limit")).to_have_count(0)
    page.click("#composer-form-thread button[type=submit]")
    expect(page.locator(".comment", has_text="Every word of this paste matters.")).to_be_visible()
    assert Comment.objects.count() == 1
    context.close()


def test_a_long_bio_is_not_saved_and_not_cut(live_server, loaded_content, signed_in):
    member = UserFactory(username="biographer")
    context, page = signed_in(member, javascript=True)
    page.goto(f"{live_server.url}/accounts/settings/")
    bio = "A life in short words. " * 40  # 920 characters, over 500
    page.fill("#id_bio", bio)
    expect(page.locator("#id_bio-count")).to_contain_text("420 characters too many")
    page.locator("#id_bio").press("Tab")
    page.locator("form:has(#id_bio) button[type=submit]").first.click()
    expect(page.locator("#id_bio-limit")).to_contain_text("Not sent")
    assert page.locator("#id_bio").input_value() == bio
    member.refresh_from_db()
    assert member.bio == ""
    context.close()
