"""Automatic moderation in Chromium: an abusive comment held with its score on the desk, a
spam link held, and a thread a moderator puts in slow mode (issue 29)."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from forum.comments import scoring
from forum.models import Comment
from forum.roles import moderators_group
from tests.e2e.conftest import SEED_SLUG, run_axe
from tests.factories import CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def post(page, text):
    page.fill("#id_body", text)
    page.click("#composer-form-thread button[type=submit]")


def fresh(page):
    """Return the comment the page just posted (htmx puts it at the end, with its result)."""
    return page.locator("#comments > .comment--fresh").last


def test_scores_on_the_desk_spam_held_and_slow_mode(
    browser, live_server, loaded_content, sign_in, axe_source
):
    scoring.model()  # loaded once per process: not inside the first post's 5 s wait
    thread = Article.objects.get(slug=SEED_SLUG).thread
    url = f"{live_server.url}/articles/{SEED_SLUG}/#discussion"
    regular = UserFactory(username="regular")
    CommentFactory.create_batch(5, thread=thread, author=regular)
    newish = UserFactory(username="newish")
    CommentFactory.create_batch(3, thread=thread, author=newish)
    moderator = UserFactory(username="moddy")
    moderator.groups.add(moderators_group())

    # A regular member's abusive comment is held; they are told it awaits review.
    member_page = browser.new_context().new_page()
    sign_in(member_page, regular)
    member_page.goto(url)
    post(member_page, "You are a fucking moron, shut your stupid mouth.")
    expect(fresh(member_page)).to_contain_text("held for review")
    abusive = Comment.objects.get(author=regular, body__startswith="You are a")
    assert abusive.hold_reason == "likely_abusive"

    # A member whose links are still held posts spam with a link: held.
    spam_page = browser.new_context().new_page()
    sign_in(spam_page, newish)
    spam_page.goto(url)
    post(spam_page, "Earn $5000 a week from home, click here: http://easy-cash.example/start")
    expect(fresh(spam_page)).to_contain_text("checks links")
    spam = Comment.objects.get(author=newish, body__startswith="Earn")
    assert spam.hold_reason == "link_from_new_member"

    # The desk shows why each is held: what the contempt pattern names, then the score
    # against its threshold.
    desk = browser.new_context().new_page()
    sign_in(desk, moderator)
    desk.goto(f"{live_server.url}/moderation/")
    score = f"{abusive.toxicity_score:.2f}"
    expect(desk.locator(f"#mod-item-{abusive.pk}")).to_contain_text(
        f"Held: Likely abusive: you are a fucking moron, {score} ≥ 0.60"
    )
    expect(desk.locator(f"#mod-item-{spam.pk}")).to_contain_text("Link from a new member")
    expect(desk.locator(f"#mod-item-{abusive.pk}")).to_contain_text("Trust: Member")
    assert run_axe(desk, axe_source) == []

    # The pages where moderators set what a score does and a member's trust level.
    for path in ("/moderation/scoring/", f"/moderation/members/{regular.username}/"):
        desk.goto(f"{live_server.url}{path}")
        assert run_axe(desk, axe_source) == [], path

    # The moderator starts slow mode by hand; the member sees the calm line.
    desk.goto(f"{live_server.url}/moderation/threads/{thread.pk}/")
    desk.fill("#slow-minutes", "15")
    desk.get_by_role("button", name="Start slow mode").click()
    expect(desk.locator("main")).to_contain_text("started by a moderator")
    assert run_axe(desk, axe_source) == []
    member_page.reload()  # the same address: goto() would only scroll
    expect(member_page.locator(".composer__calm")).to_have_text(
        "This discussion is busy. You can post one comment every 2 minutes."
    )
    # Their last comment was under 2 minutes ago: they wait, their text kept.
    post(member_page, "And one more thought on verification.")
    expect(member_page.locator("#composer-form-thread")).to_contain_text("You can post again in")
    expect(member_page.locator("#id_body")).to_have_value("And one more thought on verification.")

    # The moderator ends it; the log has both, with their figures.
    desk.get_by_role("button", name="End slow mode").click()
    desk.goto(f"{live_server.url}/moderation/log/")
    expect(desk.locator("main")).to_contain_text("started by hand for 15 min")
    expect(desk.locator("main")).to_contain_text("ended by hand")
