"""A moderator works the desk in Chromium: approves a held comment, rejects a reported one."""

import re

import pytest
from playwright.sync_api import expect

from forum.comments import transitions
from forum.models import Comment
from forum.roles import moderators_group
from tests.e2e.conftest import screenshot
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url, user, password="a-long-test-password"):
    """Sign in through the real login form (its own button, not the header's search)."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".account-nav")).to_contain_text("Sign out")


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 2
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0
    settings.REPORTS_TO_HIDE = 3
    # The comment reported below would be held by the toxicity score (tests/e2e/test_triage.py).
    settings.TOXICITY_SCORING = False


def test_moderator_approves_and_rejects_from_the_desk(page, browser, live_server, mailoutbox):
    article = ArticleFactory(title="Sanctions and their limits")
    thread = article.thread
    article_url = f"{live_server.url}{article.get_absolute_url()}"

    # A new member's first comment is held; a trusted member's comment is published.
    newcomer = UserFactory(username="newcomer")
    held = transitions.comment_create(
        author=newcomer, thread=thread, body="My first comment: sanctions **rarely** work."
    )
    assert (held.status, held.hold_reason) == ("pending", "new_member")
    writer = UserFactory(username="writer")
    writer.always_premoderate = False
    writer.save()
    Comment.objects.bulk_create(
        Comment(thread=thread, author=writer, body=f"old {n}", body_html=f"<p>old {n}</p>")
        for n in range(2)
    )
    offending = transitions.comment_create(
        author=writer, thread=thread, body="Everyone who disagrees is a fool and a traitor."
    )
    assert offending.status == "published"

    moderator = UserFactory(username="moddy")
    moderator.groups.add(moderators_group())

    # The moderator opens the desk: the held comment waits, with why it is there.
    sign_in(page, live_server.url, moderator)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/moderation/")
    item = page.locator(f"#mod-item-{held.pk}")
    expect(item).to_contain_text("New member")
    expect(item).to_contain_text("sanctions rarely work")
    expect(page.locator("#count-pending")).to_have_text("1")
    screenshot(page, "moderation-desk-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "moderation-desk-375")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Approve in place (htmx): the item updates and the counts drop without a reload, in
    # the tab, the heading and the title; the item keeps its bulk-selection checkbox.
    expect(page.locator("h1")).to_contain_text("1 comment")
    item.get_by_role("button", name="Approve").click()
    expect(page.locator(f"#mod-item-{held.pk}")).to_contain_text("Approved")
    expect(page.locator("#count-pending")).to_have_text("0")
    expect(page.locator("h1")).to_contain_text("0 comments")
    expect(page).to_have_title(re.compile(r"^Pending \(0\)"))
    expect(page.locator(f"#mod-item-{held.pk} input[name=comments]")).to_be_visible()
    held.refresh_from_db()
    assert held.status == "published"

    # Two members report the comment through the service, a third through the report form.
    for name in ("reporter1", "reporter2"):
        transitions.comment_report(
            comment=offending, reporter=UserFactory(username=name), reason="harassment"
        )
    third = UserFactory(username="reporter3")
    reporter_context = browser.new_context()
    reporter_page = reporter_context.new_page()
    sign_in(reporter_page, live_server.url, third)
    reporter_page.goto(article_url)
    reporter_page.locator(f"#comment-{offending.pk} a:text-is('Report')").click()
    reporter_page.get_by_label("Harassment or hate").check()
    reporter_page.get_by_role("button", name="Send report").click()
    expect(reporter_page.locator("#discussion .result")).to_contain_text("Reported. Thank you.")
    offending.refresh_from_db()
    assert (offending.status, offending.hold_reason) == ("pending", "reports")

    # Readers no longer see it.
    reader_context = browser.new_context()
    reader_page = reader_context.new_page()
    reader_page.goto(article_url)
    expect(reader_page.locator("body")).not_to_contain_text("fool and a traitor")

    # The moderator rejects it from the desk, with a reason and a note.
    page.goto(f"{live_server.url}/moderation/")
    item = page.locator(f"#mod-item-{offending.pk}")
    expect(item).to_contain_text("Reported 3 times")
    expect(item).to_contain_text("Reported by 3 members")
    screenshot(page, "moderation-desk-reported-1280")
    item.locator("select[name=reason]").select_option("harassment")
    item.locator("input[name=note]").fill("Please argue with ideas, not people.")
    item.get_by_role("button", name="Reject").click()
    expect(page.locator(f"#mod-item-{offending.pk}")).to_contain_text("Rejected")
    offending.refresh_from_db()
    assert offending.status == "rejected"

    # The author is told by the statement of reasons' e-mail, and on the article page the
    # comment is gone. The e-mail went out on commit, before the answer that showed
    # "Rejected": no wait is needed.
    mails = [m for m in mailoutbox if m.to == [writer.email]]
    assert len(mails) == 1
    assert "statement of reasons" in mails[0].subject
    assert "Rule 2: No harassment or hate" in mails[0].body
    assert "Please argue with ideas, not people." in mails[0].body
    assert "/guidelines/" in mails[0].body
    author_context = browser.new_context()
    author_page = author_context.new_page()
    sign_in(author_page, live_server.url, writer)
    author_page.goto(article_url)
    expect(author_page.locator("body")).not_to_contain_text("fool and a traitor")
    expect(author_page.locator("body")).to_contain_text("sanctions rarely work")

    page.goto(f"{live_server.url}/moderation/queue/rejected/")
    screenshot(page, "moderation-rejected-1280")
    page.emulate_media(color_scheme="dark")
    screenshot(page, "moderation-rejected-dark-1280")
    page.emulate_media(color_scheme="light")
    for name, path in [
        ("member", f"/moderation/members/{writer.username}/"),
        ("comment", f"/moderation/comments/{offending.pk}/"),
        ("thread", f"/moderation/threads/{thread.pk}/"),
        ("log", "/moderation/log/"),
        ("words", "/moderation/words/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_be_visible()
        screenshot(page, f"moderation-{name}-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/moderation/members/{writer.username}/")
    screenshot(page, "moderation-member-375")
    page.goto(f"{live_server.url}/moderation/log/")
    screenshot(page, "moderation-log-375")
    # The log reads as stacked entries: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    table_scroll = page.locator(".table-scroll")
    assert table_scroll.evaluate("e => e.scrollWidth <= e.clientWidth")
    for context in (reporter_context, reader_context, author_context):
        context.close()


def test_queue_counts_are_neutral_at_zero(page, live_server):
    """Nothing waiting is no alarm: a queue's count is coloured only when it has something."""
    article = ArticleFactory(title="Counting reports")
    comment = CommentFactory(thread=article.thread, body="A claim.")
    moderator = UserFactory(username="counter")
    moderator.groups.add(moderators_group())
    sign_in(page, live_server.url, moderator)

    def colours(queue):
        return page.locator(f"#count-{queue}").evaluate(
            "c => [getComputedStyle(c).color, getComputedStyle(c).backgroundColor]"
        )

    page.goto(f"{live_server.url}/moderation/queue/rejected/")
    neutral = colours("featured")
    assert colours("reported") == neutral
    assert colours("pending") == neutral

    transitions.comment_report(comment=comment, reporter=UserFactory(), reason="spam")
    page.reload()
    expect(page.locator("#count-reported")).to_have_text("1")
    assert colours("reported") != neutral
