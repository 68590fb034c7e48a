"""Issue 28 in Chromium: a member switches to German, is refused and e-mailed in German; then
switches to Arabic and gets the page mirrored."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from forum.comments.decisions import comment_approve
from forum.comments.transitions import comment_create
from forum.models import Comment, WordRule
from forum.refusals import Code, Refusal
from tests.e2e.conftest import SEED_SLUG, run_axe
from tests.factories import ModeratorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_language(page, code):
    page.select_option("#language-menu", code)
    page.click(".language-menu button[type=submit]")
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_a_member_in_german_then_arabic(
    browser, live_server, loaded_content, sign_in, mailoutbox, axe_source
):
    WordRule.objects.create(phrase="quatschwort", kind=WordRule.Kind.BANNED)
    member = UserFactory(username="leserin")
    context = browser.new_context(locale="en-GB")  # the browser itself asks for English
    page = context.new_page()
    sign_in(page, member)
    page.goto(f"{live_server.url}/articles/{SEED_SLUG}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # The footer's menu: kept on the member's account, whatever the browser asks for.
    switch_language(page, "de")
    member.refresh_from_db()
    assert member.language == "de"
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "de")

    # A banned word: refused in German, the text kept in the form.
    with translation.override("de"):
        refusal = str(Refusal(Code.BANNED_WORD, {"word": "quatschwort"}))
    with translation.override("en"):
        english = str(Refusal(Code.BANNED_WORD, {"word": "quatschwort"}))
    assert refusal != english, "the refusal has no German translation"
    page.locator("#id_body").fill("Das ist doch quatschwort.")
    page.click("#composer-form-thread button[type=submit]")
    expect(page.locator("#id_body-error")).to_contain_text(refusal[:40])
    assert page.locator("#id_body").input_value() == "Das ist doch quatschwort."

    # Posted; a reply to it is e-mailed to the member in German.
    page.locator("#id_body").fill("Abschreckung funktioniert nur mit Glaubwürdigkeit.")
    page.click("#composer-form-thread button[type=submit]")
    expect(page.locator(".comment", has_text="Glaubwürdigkeit")).to_be_visible()
    mine = Comment.objects.get(author=member, body__contains="Glaubwürdigkeit")
    if mine.status == Comment.Status.PENDING:  # a new member's first comments are held
        comment_approve(comment=mine, moderator=ModeratorFactory(username="moderatorin"))
    replier = UserFactory(username="antwortender")
    moderator = ModeratorFactory()
    reply = comment_create(author=replier, thread=mine.thread, body="Stimmt.", parent=mine)
    if reply.status == Comment.Status.PENDING:
        comment_approve(comment=reply, moderator=moderator)
    mails = [mail for mail in mailoutbox if mail.to == [member.email]]
    assert mails, "no reply notification"
    assert "] Neue Antwort in „" in mails[-1].subject, mails[-1].subject
    assert "Stimmt." in mails[-1].body

    # Arabic: the page is mirrored.
    switch_language(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    heading = page.locator("h1").first.bounding_box()
    main = page.locator("main").bounding_box()
    # The title starts at the right: nearer the main column's right edge than its left.
    assert main["x"] + main["width"] - (heading["x"] + heading["width"]) < heading["x"] - main["x"]
    assert run_axe(page, axe_source) == []
    context.close()
