"""Automatic triage end to end in Chromium over ASGI (issue 29): an abusive comment held with
its score on the desk, a new member's spam link held, a burst of comments that puts the
thread in slow mode by itself (the desk is alerted live), the composer's busy line and the
wait that keeps the text, and posting again once a moderator ends slow mode.

Slow mode's thresholds are lowered and its clock is a fake one, moved by the test.
"""

import time

import pytest
from playwright.sync_api import expect

from forum.comments import scoring, slowmode, transitions
from forum.models import Comment
from tests.asgi_server import asgi_server
from tests.conftest import StoppedClock
from tests.e2e.conftest import run_axe, screenshot
from tests.factories import ArticleFactory, CommentFactory, ModeratorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ABUSE = "You are a fucking moron, shut your stupid mouth."
SPAM = "Earn $5000 a week from home, click here: http://easy-cash.example/start"
AGAIN = "And one more thought on verification."


@pytest.fixture
def clock(monkeypatch, settings):
    settings.SLOW_MODE_START_RATE = 2  # comments a minute over the window: 6 in 3 minutes
    settings.SLOW_MODE_START_RATIO = 3
    settings.SLOW_MODE_WINDOW_MINUTES = 3
    settings.SLOW_MODE_MINUTES = 10
    settings.SLOW_MODE_INTERVAL_SECONDS = 120
    settings.COMMENT_RATE_PER_MINUTE = 100
    # Set five minutes back: the test moves it on about that far, so the desk says when slow
    # mode started as it would (a few seconds ago), not as a time to come.
    fake = StoppedClock(float(int(time.time())) - 300)
    monkeypatch.setattr(slowmode, "clock", fake)
    return fake


@pytest.fixture
def site(clock):
    with asgi_server() as url:
        yield url


def sign_in(page, base_url, user):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", "a-long-test-password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".account-nav")).to_contain_text("Sign out")


def post(page, text):
    page.fill("#id_body", text)
    page.click("#composer-form-thread button[type=submit]")


def fresh(page):
    """Return the comment the page just posted (htmx puts it at the end, with its result)."""
    return page.locator("#comments > .comment--fresh").last


def regular(thread, username):
    member = UserFactory(username=username)
    CommentFactory.create_batch(5, thread=thread, author=member)
    return member


def test_held_by_score_spam_held_and_a_burst_into_slow_mode_and_out(
    site, browser, clock, axe_source
):
    scoring.model()  # loaded once per process: not inside the first post's wait
    article = ArticleFactory(title="Talks at the border")
    thread = article.thread
    url = site + article.get_absolute_url()
    member = regular(thread, "regular")
    newish = UserFactory(username="newish")
    CommentFactory.create_batch(3, thread=thread, author=newish)
    contexts = [browser.new_context() for _ in range(3)]
    desk, member_page, spam_page = (context.new_page() for context in contexts)
    try:
        sign_in(desk, site, ModeratorFactory(username="moddy"))
        desk.goto(site + "/moderation/")
        expect(desk.locator("[data-live-desk][data-live-open]")).to_have_count(1)

        # A member's abusive comment is held; the desk shows it, live, with its score.
        sign_in(member_page, site, member)
        member_page.goto(url)
        post(member_page, ABUSE)
        expect(fresh(member_page)).to_contain_text("held for review")
        abusive = Comment.objects.get(author=member, body=ABUSE)
        assert abusive.hold_reason == Comment.HoldReason.LIKELY_ABUSIVE
        expect(desk.locator(f"#mod-item-{abusive.pk}")).to_contain_text(
            f"Held: Likely abusive: you are a fucking moron, {abusive.toxicity_score:.2f} ≥ 0.60"
        )

        # A new member's spam link is held too.
        sign_in(spam_page, site, newish)
        spam_page.goto(url)
        post(spam_page, SPAM)
        expect(fresh(spam_page)).to_contain_text("checks links")
        spam = Comment.objects.get(author=newish, body=SPAM)
        expect(desk.locator(f"#mod-item-{spam.pk}")).to_contain_text("Link from a new member")
        expect(desk.locator("#count-pending")).to_have_text("2")

        # Later, a burst: five members 10 s apart, then this member: 6 comments in 3 minutes.
        clock.advance(4 * 60)
        for n in range(5):
            transitions.comment_create(
                author=regular(thread, f"burst{n}"), thread=thread, body=f"Busy day, take {n}."
            )
            clock.advance(10)
        assert slowmode.current(thread.pk) is None
        member_page.reload()  # the same address: goto() would only scroll
        expect(member_page.locator(".composer__calm")).to_have_count(0)
        post(member_page, "Verification is the whole question here.")
        expect(fresh(member_page)).to_contain_text("Verification is the whole question")

        # The thread went into slow mode by itself: the desk is alerted without a reload.
        alert = desk.locator(f"#desk-alert-{thread.pk}")
        expect(alert).to_contain_text(
            "Slow mode started on “Talks at the border”: 2 comments a minute."
        )
        assert run_axe(desk, axe_source) == []
        screenshot(desk, "desk-slow-mode-alert")

        # The member sees the busy line; posting again at once is refused, the text kept.
        member_page.reload()
        expect(member_page.locator(".composer__calm")).to_have_text(
            "This discussion is busy. You can post one comment every 2 minutes."
        )
        post(member_page, AGAIN)
        form = member_page.locator("#composer-form-thread")
        expect(form).to_contain_text("You can post again in 120 seconds")
        expect(member_page.locator("#id_body")).to_have_value(AGAIN)
        assert not Comment.objects.filter(body=AGAIN).exists()

        # A moderator ends slow mode from the alert's thread page; the alert goes.
        alert.get_by_role("link", name="Talks at the border").click()
        desk.get_by_role("button", name="End slow mode").click()
        desk.goto(site + "/moderation/")
        expect(desk.locator(f"#desk-alert-{thread.pk}")).to_have_count(0)

        # The same text, sent again, is posted now.
        member_page.click("#composer-form-thread button[type=submit]")
        expect(fresh(member_page)).to_contain_text(AGAIN)
        assert Comment.objects.get(body=AGAIN).status == Comment.Status.PUBLISHED
    finally:
        for context in contexts:
            context.close()
