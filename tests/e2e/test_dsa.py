"""The whole DSA path in Chromium: an anonymous reader's notice, a moderator's removal citing
a rule, the author's statement of reasons and appeal, another moderator's reversal, and the
transparency report counting each step.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from forum.models import Comment
from forum.roles import moderators_group
from tests.e2e.conftest import run_axe, screenshot
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser, base_url, user, password="a-long-test-password"):
    """Return a page of a new browser context, signed in as `user` through the login form."""
    page = browser.new_context().new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".account-nav")).to_contain_text("Sign out")
    return page


def path_in(message):
    """Return the path of the first link of an e-mail (its SITE_URL is not the live server's)."""
    return urlsplit(re.search(r"https?://\S+", message.body).group(0)).path


def test_notice_decision_statement_appeal_reversal_and_report(
    browser, live_server, mailoutbox, axe_source
):
    base = live_server.url
    article = ArticleFactory(title="Border disputes")
    author = UserFactory(username="writer")
    comment = CommentFactory(thread=article.thread, author=author, body="A heated comment.")
    reply = CommentFactory(thread=article.thread, parent=comment, body="A calm reply.")
    first, second = UserFactory(username="mod_one"), UserFactory(username="mod_two")
    for moderator in (first, second):
        moderator.groups.add(moderators_group())

    # An anonymous reader reports the comment as illegal content; a missing field keeps the rest.
    reader = browser.new_context().new_page()
    reader.goto(f"{base}{article.get_absolute_url()}")
    reader.locator(f"a[href='/comments/{comment.pk}/notice/']").click()
    expect(reader.locator("h1")).to_have_text("Report illegal content")
    expect(reader.locator("input[name=location]")).to_have_value(
        re.compile(rf"/comments/{comment.pk}/$")
    )
    reader.check("input[name=category][value=hate]")
    reader.fill("textarea[name=explanation]", "It incites hatred against a religious group.")
    reader.select_option("select[name=country]", "DE")
    reader.fill("input[name=name]", "Nora Notifier")
    reader.fill("input[name=email]", "nora@example.net")
    reader.get_by_role("button", name="Send notice").click()
    expect(reader.locator(".error-summary, [role=alert]").first).to_contain_text("good faith")
    expect(reader.locator("textarea[name=explanation]")).to_have_value(
        "It incites hatred against a religious group."
    )
    reader.check("input[name=good_faith]")
    screenshot(reader, "dsa-notice-form-1280")
    assert run_axe(reader, axe_source) == []
    reader.get_by_role("button", name="Send notice").click()
    expect(reader.locator("h1")).to_contain_text("Notice N-")
    acknowledgement = mailoutbox[-1]
    assert acknowledgement.to == ["nora@example.net"] and "N-" in acknowledgement.subject

    # The first moderator removes it from the notices queue, citing rule 2.
    desk = signed_in(browser, base, first)
    desk.goto(f"{base}/moderation/notices/")
    expect(desk.locator(".dsa-queue")).to_contain_text("Hate speech")
    desk.get_by_role("link", name="Decide").first.click()
    desk.check("input[name=action][value=remove]")
    desk.check("input[name=ground][value=guidelines]")
    desk.select_option("select[name=rule]", "2")
    desk.fill("textarea[name=facts]", "The comment attacks people for their religion.")
    screenshot(desk, "dsa-desk-decide-1280")
    assert run_axe(desk, axe_source) == []
    desk.get_by_role("button", name="Decide and send the statement").click()
    expect(desk.locator("body")).to_contain_text("statement of reasons S-")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    statement_mail = next(m for m in mailoutbox if m.to == [author.email])
    told_notifier = [m for m in mailoutbox if m.to == ["nora@example.net"]]
    assert len(told_notifier) == 2  # the acknowledgement, then the decision

    # The author reads the statement of reasons: every item of Art. 17(3), and appeals.
    writer = signed_in(browser, base, author)
    writer.goto(f"{base}{path_in(statement_mail)}")
    statement = writer.locator("main")
    for words in (
        "Removal of the comment",
        "with no end date",
        "attacks people for their religion",
        "A notice from a third party",
        "No automated means",
        "Rule 2: No harassment or hate",
        "Appeal to us",
        "out-of-court dispute settlement",
        "A court",
    ):
        expect(statement).to_contain_text(words)
    expect(statement).not_to_contain_text("Nora")
    screenshot(writer, "dsa-statement-1280")
    assert run_axe(writer, axe_source) == []
    writer.set_viewport_size({"width": 375, "height": 800})
    screenshot(writer, "dsa-statement-375")
    writer.fill("textarea[name=text]", "I quoted the article; I attacked no one.")
    writer.get_by_role("button", name="Send appeal").click()
    expect(statement).to_contain_text("Appeal received")

    # The first moderator may not decide it; the second reverses it.
    desk.goto(f"{base}/moderation/appeals/")
    desk.locator(".desk-list a").first.click()
    expect(desk.locator("main")).to_contain_text("another moderator must decide")
    other = signed_in(browser, base, second)
    other.goto(f"{base}/moderation/appeals/")
    other.locator(".desk-list a").first.click()
    other.check("input[name=outcome][value=reversed]")
    other.fill("textarea[name=reason]", "A quotation, not an attack.")
    screenshot(other, "dsa-appeal-1280")
    other.get_by_role("button", name="Decide the appeal").click()
    expect(other.locator("body")).to_contain_text("appellant has been told")

    # The comment and its reply are back; the author and the notifier are told.
    comment.refresh_from_db()
    reply.refresh_from_db()
    assert comment.is_published and reply.is_published
    reader.goto(f"{base}{article.get_absolute_url()}")
    expect(reader.locator(f"#comment-{comment.pk}")).to_contain_text("A heated comment.")
    expect(reader.locator(f"#comment-{reply.pk}")).to_contain_text("A calm reply.")
    outcomes = [m for m in mailoutbox if "outcome" in m.subject]
    assert sorted(m.to[0] for m in outcomes) == sorted([author.email, "nora@example.net"])

    # The transparency report counts each step.
    reader.goto(f"{base}/transparency/")
    report = reader.locator("main")
    expect(report).to_contain_text("Notices received: 1")
    expect(report).to_contain_text("Decisions: 1")
    expect(reader.locator("dl.dsa-facts")).to_contain_text(re.compile(r"Received\s*1"))
    expect(reader.locator("dl.dsa-facts")).to_contain_text(re.compile(r"Decision reversed\s*1"))
    screenshot(reader, "dsa-transparency-1280")
    assert run_axe(reader, axe_source) == []
    reader.set_viewport_size({"width": 375, "height": 800})
    screenshot(reader, "dsa-transparency-375")
