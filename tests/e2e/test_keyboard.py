"""Every journey by keyboard alone (WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7, 4.1.3), in Chromium.

No clicks: Tab, Shift+Tab, Enter, Space, Escape, arrows and typing. After each step the
tests check where focus is and what the page's live region announced.
"""

import pytest
from playwright.sync_api import expect

from forum.comments import transitions
from forum.models import Comment
from forum.roles import moderators_group
from tests.e2e.conftest import run_axe, screenshot
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "mobile": 375}
MAX_STOPS = 400  # more Tab stops than any of these pages has
# The in-place "Reply" link: htmx attributes in either form (data-hx-* is the valid one).
REPLY_LINK = ".comment__action:is([hx-get], [data-hx-get])"


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.PREMODERATE_FIRST_COMMENTS = 1  # a new member's first comment is held
    settings.LINKS_TRUSTED_AFTER_COMMENTS = 0
    settings.REPORTS_TO_HIDE = 3


def focused(page, selector):
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def tab_to(page, selector, *, backwards=False):
    """Press Tab (or Shift+Tab) until the focused element matches `selector`."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_STOPS):
        page.keyboard.press(key)
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} is not reachable with {key}")


def announced(page):
    return page.locator("#announcer")


def sign_in_by_keyboard(page, base_url, user):
    page.goto(f"{base_url}/accounts/login/")
    tab_to(page, "input[name=login]")
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    expect(page.locator("input[name=password]")).to_be_focused()
    page.keyboard.type("a-long-test-password")
    page.keyboard.press("Enter")
    expect(page.locator(".account-nav")).to_contain_text("Sign out")


@pytest.fixture
def discussion(db):
    article = ArticleFactory(title="Sanctions and their limits")
    analyst = UserFactory(username="analyst")
    earlier = transitions.comment_create(
        author=analyst, thread=article.thread, body="Deterrence has *worked* so far."
    )
    Comment.objects.filter(pk=earlier.pk).update(status="published")
    article.thread.comment_count = 1
    article.thread.save()
    earlier.refresh_from_db()
    return article, earlier


@pytest.mark.parametrize("width", WIDTHS)
def test_reader_reaches_the_discussion_sorts_and_shares(page, live_server, discussion, width):
    article, earlier = discussion
    page.set_viewport_size({"width": WIDTHS[width], "height": 800})
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # Header order: "Join" is the last control of the header from 740 px; below, the account
    # links are in the Menu disclosure, the last control of the one-row header.
    page.keyboard.press("Shift+Tab")
    last = ".account-nav a.button" if width == "desktop" else ".site-menu > summary"
    assert focused(page, last)

    tab_to(page, ".sort-nav a[href*='sort=newest']")
    page.keyboard.press("Enter")
    page.wait_for_url("**sort=newest#discussion")
    expect(page.locator(".sort-nav a[aria-current=true]")).to_have_text("Newest")
    page.keyboard.press("Tab")  # Chromium starts from the #discussion anchor
    assert page.evaluate("document.activeElement.closest('#discussion') !== null")

    # A comment's Share disclosure: every stop in it is visible; Escape closes it.
    summary = page.locator(f"#comment-{earlier.pk} .comment-share > summary")
    tab_to(page, f"#comment-{earlier.pk} .comment-share > summary")
    page.keyboard.press("Enter")
    expect(page.locator(f"#comment-{earlier.pk} [data-share-copy]")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(f"#comment-{earlier.pk} [data-share-copy]")).to_be_focused()
    page.keyboard.press("Escape")
    expect(summary).to_be_focused()
    expect(page.locator(f"#comment-{earlier.pk} .comment-share")).not_to_have_attribute("open", "")


@pytest.mark.parametrize("width", WIDTHS)
def test_member_comments_replies_votes_and_reports(page, live_server, discussion, width):
    article, earlier = discussion
    member = UserFactory(username="reader")
    page.set_viewport_size({"width": WIDTHS[width], "height": 800})
    sign_in_by_keyboard(page, live_server.url, member)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    # The composer: typing, then Tab leaves it (no tab character), and reaches "Post comment".
    tab_to(page, "#id_body")
    page.keyboard.type("I **doubt** sanctions alone can change this.")
    expect(page.locator("#composer-form-thread .markdownx-preview strong")).to_have_text("doubt")
    page.keyboard.press("Tab")
    assert not focused(page, "#id_body")
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#id_body")).to_be_focused()
    assert "\t" not in page.locator("#id_body").input_value()
    page.keyboard.press("Escape")  # Escape leaves the editor for the form's button
    expect(page.locator("#composer-form-thread button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")

    # The new (held) comment has focus, says why it is held, and that was announced.
    mine = page.locator("#comments > .comment--fresh")
    expect(mine.locator(".comment__card")).to_be_focused()
    expect(mine).to_contain_text("held for review because")
    expect(announced(page)).to_contain_text("Your comment is held for review because")
    assert page.locator("#id_body").input_value() == ""
    comment = Comment.objects.get(author=member, parent=None)
    assert comment.status == "pending"

    # Reply in place: open, Escape closes and returns to "Reply", open again, post.
    reply_link = page.locator(f"#comment-{earlier.pk} .comment__action:text('Reply')")
    tab_to(page, f"#comment-{earlier.pk} {REPLY_LINK}", backwards=True)
    page.keyboard.press("Enter")
    editor = page.locator(f"#id_body_{earlier.pk}")
    expect(editor).to_be_focused()
    expect(reply_link).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(reply_link).to_be_focused()
    expect(reply_link).to_have_attribute("aria-expanded", "false")
    expect(page.locator(f"#reply-slot-{earlier.pk} form")).to_have_count(0)
    page.keyboard.press("Enter")
    expect(editor).to_be_focused()
    page.keyboard.type("So far, yes; but for how long?")
    page.keyboard.press("Tab")
    tab_to(page, f"#composer-form-{earlier.pk} [data-cancel-reply]")  # Cancel is reachable
    page.keyboard.press("Shift+Tab")
    expect(page.locator(f"#composer-form-{earlier.pk} button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    reply = page.locator(f"#replies-{earlier.pk} > .comment")
    expect(reply.locator(".comment__card")).to_be_focused()
    expect(announced(page)).to_contain_text("Your reply is held for review")
    expect(page.locator(f"#reply-slot-{earlier.pk} form")).to_have_count(0)

    # Vote: the replaced button keeps focus; the result is announced.
    tab_to(page, f"#comment-{earlier.pk} .vote-button", backwards=True)
    page.keyboard.press("Space")
    vote = page.locator(f"#comment-{earlier.pk} > .comment__card .vote-button")
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(vote).to_be_focused()
    expect(announced(page)).to_have_text("Up-vote recorded.")
    screenshot(page, f"keyboard-thread-{width}")

    # Report, on its own page; back in the discussion the result has focus, by the comment.
    tab_to(page, f"#comment-{earlier.pk} .comment__action[href$='/report/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/report/")
    tab_to(page, "input[name=reason]")
    page.keyboard.press("Space")  # choose the first reason
    tab_to(page, ".report-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#comment-{earlier.pk}")
    result = page.locator(f"#comment-{earlier.pk} > .comment__card > .result")
    expect(result).to_have_text("Reported. Thank you.")
    expect(result).to_be_focused()
    expect(announced(page)).to_have_text("Reported. Thank you.")
    expect(page.locator(".messages")).to_have_count(0)  # not at the top, out of view
    assert result.bounding_box()["y"] >= 0
    screenshot(page, f"keyboard-reported-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_moderator_approves_and_rejects_by_keyboard(page, live_server, width):
    article = ArticleFactory(title="Sanctions and their limits")
    held = [
        transitions.comment_create(
            author=UserFactory(username=f"newcomer{n}"), thread=article.thread, body=f"Held {n}."
        )
        for n in range(3)
    ]
    assert {c.status for c in held} == {"pending"}
    moderator = UserFactory(username="moddy")
    moderator.groups.add(moderators_group())
    page.set_viewport_size({"width": WIDTHS[width], "height": 800})
    sign_in_by_keyboard(page, live_server.url, moderator)
    page.goto(f"{live_server.url}/moderation/")

    # On each card the author comes before the actions, in order.
    first = f"#mod-item-{held[0].pk}"
    tab_to(page, f"{first} .mod-item__links a:last-child")
    page.keyboard.press("Tab")
    assert focused(page, f"{first} .mod-author a")
    page.keyboard.press("Tab")
    expect(page.locator(f"{first} button:text('Approve')")).to_be_focused()
    page.keyboard.press("Enter")
    # Approved: focus moves on to the next held comment; the result is announced.
    expect(page.locator(f"#mod-item-{held[1].pk}")).to_be_focused()
    expect(announced(page)).to_have_text("Approved: the comment is now published.")
    expect(page.locator(first)).to_contain_text("Approved")

    # Reject the next one: a reason chosen with the arrow keys, a note, then Reject.
    second = f"#mod-item-{held[1].pk}"
    tab_to(page, f"{second} select[name=reason]")
    page.keyboard.press("ArrowDown")
    assert page.locator(f"{second} select[name=reason]").input_value() != ""
    page.keyboard.press("Tab")
    expect(page.locator(f"{second} input[name=note]")).to_be_focused()
    page.keyboard.type("Please argue with ideas, not people.")
    page.keyboard.press("Tab")
    expect(page.locator(f"{second} button:text('Reject')")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#mod-item-{held[2].pk}")).to_be_focused()
    expect(announced(page)).to_contain_text("Rejected: the comment is hidden")
    assert Comment.objects.get(pk=held[1].pk).status == "rejected"

    # The last one: approving it keeps focus on it (there is no next).
    last = f"#mod-item-{held[2].pk}"
    tab_to(page, f"{last} form[action$='/approve/'] button")
    page.keyboard.press("Enter")
    expect(page.locator(last)).to_contain_text("Approved")
    expect(page.locator(last)).to_be_focused()
    screenshot(page, f"keyboard-desk-{width}")


# Visible stops, visible focus ---------------------------------------------------------------

STOPS_JS = """() => {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const visibleOutline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2
    && !s.outlineColor.endsWith(", 0)") && s.outlineColor !== "transparent";
  return {
    name: el.tagName + " "
      + (el.id || el.getAttribute("name") || el.textContent.trim().slice(0, 30)),
    isBody: el === document.body,
    width: r.width, height: r.height,
    indicator: visibleOutline || s.boxShadow !== "none",
    focusVisible: el.matches(":focus-visible"),
  };
}"""


def walk_tab_stops(page):
    """Return what each Tab stop of the page looks like, from the top until focus wraps."""
    page.evaluate("document.querySelector('.skip-link').focus()")  # the first stop
    stops, seen = [], set()
    for _ in range(MAX_STOPS):
        stop = page.evaluate(STOPS_JS)
        key = page.evaluate(
            "() => { const e = document.activeElement; if (!e.dataset.stop) "
            "e.dataset.stop = String(Math.random()); return e.dataset.stop; }"
        )
        if stop["isBody"] or key in seen:
            return stops
        seen.add(key)
        stops.append(stop)
        page.keyboard.press("Tab")
    raise AssertionError("focus never wrapped around")


def assert_visible_stops(stops):
    tiny = [s["name"] for s in stops if s["width"] < 8 or s["height"] < 8]
    assert tiny == [], f"focus lands on (nearly) invisible elements: {tiny}"
    unmarked = [s["name"] for s in stops if not (s["focusVisible"] and s["indicator"])]
    assert unmarked == [], f"no visible focus indicator on: {unmarked}"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_stop_is_visible_with_a_focus_indicator(page, live_server, discussion, width):
    article, earlier = discussion
    member = UserFactory(username="reader")
    transitions.comment_create(author=member, thread=article.thread, body="My own view.")
    moderator = UserFactory(username="moddy")
    moderator.groups.add(moderators_group())
    page.set_viewport_size({"width": WIDTHS[width], "height": 800})

    page.goto(f"{live_server.url}{article.get_absolute_url()}")  # a reader
    assert_visible_stops(walk_tab_stops(page))

    sign_in_by_keyboard(page, live_server.url, moderator)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")  # every comment control
    page.locator(f"#comment-{earlier.pk} .comment-share > summary").press("Enter")
    expect(page.locator(f"#comment-{earlier.pk} [data-share-copy]")).to_be_visible()
    stops = walk_tab_stops(page)
    assert any("Share" in s["name"] for s in stops)
    assert_visible_stops(stops)

    page.goto(f"{live_server.url}/moderation/")
    expect(page.locator(".mod-item")).to_have_count(1)
    assert_visible_stops(walk_tab_stops(page))


def test_axe_with_a_reply_form_and_disclosures_open(page, live_server, discussion, axe_source):
    article, earlier = discussion
    sign_in_by_keyboard(page, live_server.url, UserFactory(username="reader"))
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.locator(f"#comment-{earlier.pk} {REPLY_LINK}").press("Enter")
    expect(page.locator(f"#id_body_{earlier.pk}")).to_be_focused()
    assert run_axe(page, axe_source) == []

    page.locator(f"#comment-{earlier.pk} .comment-share > summary").press("Enter")
    mastodon = page.locator(f"#comment-{earlier.pk} .share__more > summary")
    expect(mastodon).to_be_visible()
    mastodon.press("Enter")
    expect(page.locator(f"#comment-{earlier.pk} [data-mastodon-instance]")).to_be_visible()
    assert run_axe(page, axe_source) == []
    # Escape closes the innermost disclosure first, then the next one out.
    page.locator(f"#comment-{earlier.pk} [data-mastodon-instance]").press("Escape")
    expect(mastodon).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(f"#comment-{earlier.pk} .comment-share > summary")).to_be_focused()
