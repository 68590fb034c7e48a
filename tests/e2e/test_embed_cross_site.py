"""Signing in and writing inside the embed on another site, in a Chromium that blocks
third-party cookies: the host page on 127.0.0.1 frames the forum on localhost.

Chromium 156 (Debian) is started with `--test-third-party-cookie-phaseout`, the switch that
blocks third-party cookies as Chrome's "Block third-party cookies" setting does, in a profile
whose own setting allows them: the switch, not a default, is what blocks them, and
`test_the_switch_is_what_blocks_the_cookies` shows the same profile without it sending them.
"""

import http.server
import json
import threading

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from forum.models import Comment, EmbedToken, Follow, Report, Thread, Vote
from tests.conftest import CHROMIUM
from tests.e2e.conftest import run_axe
from tests.factories import CommentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCK_THIRD_PARTY_COOKIES = "--test-third-party-cookie-phaseout"
# Playwright turns storage partitioning off (--disable-features=…ThirdPartyStoragePartitioning);
# browsers ship it on, and with third-party cookies blocked an unpartitioned frame gets no
# storage at all. The last --disable-features wins: Playwright's list without that one.
PARTITIONED_STORAGE = (
    "--disable-features=AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,"
    "HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,LensOverlay,MediaRouter,PaintHolding,"
    "OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch"
)
# The profile's own setting allows third-party cookies (Chromium's "cookie controls" 0).
ALLOWING_PROFILE = {"profile": {"cookie_controls_mode": 0, "block_third_party_cookies": False}}

HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>News example</title></head>
<body><main><h1>A story</h1><p><a href="#top">A link of the host page</a></p>
<script src="{forum}/embed.js" data-thread="{key}" data-url="{origin}/story"
 data-title="A story" async></script>
</main></body></html>"""


class HostPage:
    """A newsroom's page on 127.0.0.1 (another site than localhost), with a strict CSP."""

    def __init__(self, forum, key):
        page = {}

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = page["body"]
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                # What docs/integration.md tells a host with a strict CSP to allow: our
                # origin in script-src and frame-src. No inline script or style anywhere.
                self.send_header(
                    "Content-Security-Policy",
                    f"default-src 'none'; script-src {forum}; frame-src {forum}; "
                    "style-src 'none'; img-src 'none'; base-uri 'none'; form-action 'none'",
                )
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        page["body"] = HOST_PAGE.format(forum=forum, key=key, origin=self.origin).encode()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def launch(browser_type, tmp_path, *, block):
    """Return a persistent context of a profile allowing third-party cookies, blocked or not."""
    profile = tmp_path / "profile"
    (profile / "Default").mkdir(parents=True)
    (profile / "Default" / "Preferences").write_text(json.dumps(ALLOWING_PROFILE))
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        PARTITIONED_STORAGE,
        *([BLOCK_THIRD_PARTY_COOKIES] if block else []),
    ]
    return browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, args=args
    )


@pytest.fixture
def story(live_server, settings):
    """A host page's thread with one comment by another member; the host is allowed."""
    settings.PREMODERATE_FIRST_COMMENTS = 0
    host = HostPage(live_server.url, "story-1")
    thread = Thread.objects.create(
        key="story-1", title="A story", url=f"{host.origin}/story", visible_from=timezone.now()
    )
    settings.EMBED_ALLOWED_ORIGINS = [host.origin]
    author = UserFactory(username="writer")
    comment = CommentFactory(thread=thread, author=author, body="The first word on it.")
    yield host, thread, comment
    host.close()


@pytest.fixture
def blocking(browser_type, tmp_path):
    context = launch(browser_type, tmp_path, block=True)
    yield context
    context.close()


def problems_of(page):
    """Return the list the page's console errors and uncaught exceptions are added to."""
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def frame_of(page):
    return page.locator("iframe").element_handle().content_frame()


def cookie_probe(context, page, forum, host):
    """Set a SameSite=None cookie on the forum first-party; return what the frame sees of it."""
    first_party = context.new_page()
    first_party.goto(f"{forum}/embed/?key=story-1")
    first_party.evaluate("document.cookie = 'probe=1; SameSite=None; Secure; path=/'")
    seen_first_party = first_party.evaluate("document.cookie")
    first_party.close()
    with page.expect_request(lambda r: r.url.startswith(f"{forum}/embed/")) as request:
        page.goto(f"{host.origin}/")
    sent = request.value.all_headers().get("cookie", "")
    frame = page.frame_locator("iframe")
    expect(frame.locator(".embed__body").first).to_be_visible()
    return seen_first_party, sent, frame_of(page).evaluate("document.cookie")


def test_the_switch_is_what_blocks_the_cookies(browser_type, tmp_path, live_server, story):
    host, *_ = story
    context = launch(browser_type, tmp_path, block=False)
    try:
        page = context.new_page()
        assert cookie_probe(context, page, live_server.url, host) == (
            "probe=1",
            "probe=1",
            "probe=1",
        )
    finally:
        context.close()


def test_sign_in_by_popup_post_reply_vote_reload_sign_out(blocking, live_server, story):
    host, thread, comment = story
    member = UserFactory(username="reader")
    page = blocking.new_page()
    problems = problems_of(page)
    # Third-party cookies really are blocked: the forum's cookie is neither sent to the frame
    # nor readable in it, while the forum's own page reads it.
    # Every message the host page receives, on every load of it.
    page.add_init_script("window.seen = []; addEventListener('message', e => seen.push(e.data))")
    assert cookie_probe(blocking, page, live_server.url, host) == ("probe=1", "", "")
    received = []
    frame = page.frame_locator("iframe")

    with page.expect_popup() as opened:
        frame.get_by_role("link", name="Sign in to join the discussion").click()
    popup = opened.value
    popup.wait_for_load_state()
    assert popup.url.startswith(f"{live_server.url}/accounts/login/")
    popup.fill("input[name=login]", member.username)
    popup.fill("input[name=password]", "a-long-test-password")
    popup.click("main form button[type=submit]")
    expect(
        popup.get_by_role("heading", name=f"Join the discussion on {host.origin}")
    ).to_be_visible()
    with popup.expect_event("close"):
        popup.get_by_role("button", name=f"Continue to {host.origin}").click()
    expect(frame.locator(".embed__signed-in")).to_be_visible()
    expect(frame.locator(".embed__name")).to_have_text(member.username)
    token = EmbedToken.objects.get(member=member)
    assert token.host == host.origin and token.revoked_at is None
    # Still no cookie in the frame: the token is its only credential.
    assert "sessionid" not in frame_of(page).evaluate("document.cookie")

    frame.get_by_label("Your comment (Markdown)").fill("Posted from the **host page**.")
    frame.get_by_role("button", name="Post comment").click()
    expect(frame.locator(".embed__body strong", has_text="host page")).to_be_visible()
    expect(frame.locator("#embed-status")).to_have_text("Your comment is published.")
    posted = Comment.objects.get(author=member, parent=None)

    item = frame.locator(f"#comment-{comment.pk}")
    item.get_by_role("button", name="Reply").first.click()
    frame.get_by_label("Your reply to writer (Markdown)").fill("A reply, in the frame.")
    frame.get_by_role("button", name="Post reply").click()
    expect(frame.locator(".embed__body", has_text="A reply, in the frame.")).to_be_visible()
    assert Comment.objects.get(parent=comment).author == member

    vote = frame.locator(f"#comment-{comment.pk} > .embed__actions [data-action=vote]")
    vote.click()
    expect(vote).to_have_attribute("aria-pressed", "true")
    expect(vote).to_contain_text("1")
    assert Vote.objects.filter(comment=comment, voter=member).exists()

    # The comment's link is the host page at the comment; opened there, the frame shows it.
    link = frame.locator(f"#comment-{posted.pk} [data-permalink]")
    assert link.get_attribute("href") == f"{host.origin}/story#comment-{posted.pk}"

    received += page.evaluate("seen")
    page.reload()
    expect(frame.locator(".embed__name")).to_have_text(member.username)  # for the session
    expect(vote).to_have_attribute("aria-pressed", "true")

    frame.get_by_role("button", name="Sign out").click()
    expect(frame.get_by_role("link", name="Sign in to join the discussion")).to_be_visible()
    token.refresh_from_db()
    assert token.revoked_at is not None
    received += page.evaluate("seen")
    page.reload()
    expect(frame.get_by_role("link", name="Sign in to join the discussion")).to_be_visible()
    expect(frame.locator(".embed__signed-in")).to_have_count(0)

    # The host page never received the token; nothing broke its CSP or ours.
    received += page.evaluate("seen")
    assert {m["type"] for m in received} >= {"invitation:height"}
    assert not any("emb_" in json.dumps(message) for message in received)
    assert problems == []


def test_an_origin_not_allowed_gets_nothing(blocking, live_server, story, settings):
    host, *_ = story
    member = UserFactory(username="reader")
    page = blocking.new_page()
    # Another site opens the sign-in window itself, for an allowed host: the member signs
    # in and continues, and the token is posted to our origin only, never to that site.
    other = HostPage(live_server.url, "story-1")
    try:
        page.goto(f"{other.origin}/")
        page.evaluate("window.seen = []; addEventListener('message', e => seen.push(e.data))")
        with page.expect_popup() as opened:
            page.evaluate(
                "url => window.open(url, 'x', 'popup')",
                f"{live_server.url}/embed/sign-in/?host={host.origin}",
            )
        popup = opened.value
        popup.fill("input[name=login]", member.username)
        popup.fill("input[name=password]", "a-long-test-password")
        popup.click("main form button[type=submit]")
        with popup.expect_event("close"):
            popup.get_by_role("button", name=f"Continue to {host.origin}").click()
        page.wait_for_timeout(300)  # a message, if one were sent, arrives in a task
        assert page.evaluate("seen") == []
        # That site may not frame the discussion, and gets no sign-in window of its own.
        frames = [f for f in page.frames if f != page.main_frame]
        assert all(f.evaluate("() => !document.getElementById('embed')") for f in frames)
        refused = blocking.new_page()
        response = refused.goto(f"{live_server.url}/embed/sign-in/?host={other.origin}")
        assert response.status == 400
        assert not EmbedToken.objects.filter(host=other.origin).exists()
    finally:
        other.close()


def tab_to(page, selector, limit=60):
    """Press Tab until the frame's focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if frame_of(page).evaluate(
            "s => document.hasFocus() && !!document.activeElement"
            " && document.activeElement.matches(s)",
            selector,
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_same_journey_by_keyboard(blocking, live_server, story):
    host, thread, comment = story
    member = UserFactory(username="reader")
    page = blocking.new_page()
    page.goto(f"{host.origin}/")
    frame = page.frame_locator("iframe")
    expect(frame.locator(".embed__body").first).to_be_visible()

    tab_to(page, "[data-embed-sign-in]")
    with page.expect_popup() as opened:
        page.keyboard.press("Enter")
    popup = opened.value
    popup.wait_for_load_state()
    popup.locator("input[name=login]").focus()
    popup.keyboard.type(member.username)
    popup.keyboard.press("Tab")
    popup.keyboard.type("a-long-test-password")
    popup.keyboard.press("Enter")
    expect(popup.get_by_role("button", name=f"Continue to {host.origin}")).to_be_visible()
    popup.get_by_role("button", name=f"Continue to {host.origin}").focus()
    with popup.expect_event("close"):
        popup.keyboard.press("Enter")
    page.bring_to_front()  # the window the reader comes back to when the popup closes
    expect(frame.locator(".embed__signed-in")).to_be_visible()

    # Signed in, the composer has the focus: type, then Tab to the button.
    expect(frame.get_by_label("Your comment (Markdown)")).to_be_focused()
    page.keyboard.type("Typed with the keyboard.")
    tab_to(page, "[data-form=post] [data-submit]")
    page.keyboard.press("Enter")
    expect(frame.locator(".embed__body", has_text="Typed with the keyboard.")).to_be_visible()
    posted = Comment.objects.get(author=member)
    expect(frame.locator(f"#comment-{posted.pk}")).to_be_focused()

    tab_to(page, f"#comment-{comment.pk} > .embed__actions [data-action=reply]")
    page.keyboard.press("Enter")
    expect(frame.get_by_label("Your reply to writer (Markdown)")).to_be_focused()
    page.keyboard.type("A reply by keyboard.")
    tab_to(page, f"#comment-{comment.pk} [data-form=reply] [data-submit]")
    page.keyboard.press("Enter")
    expect(frame.locator(".embed__body", has_text="A reply by keyboard.")).to_be_visible()

    vote = f"#comment-{comment.pk} > .embed__actions [data-action=vote]"
    tab_to(page, vote)
    page.keyboard.press("Enter")
    expect(frame.locator(vote)).to_have_attribute("aria-pressed", "true")

    page.reload()
    expect(frame.locator(".embed__signed-in")).to_be_visible()
    tab_to(page, "[data-action=sign-out]")
    page.keyboard.press("Enter")
    expect(frame.get_by_role("link", name="Sign in to join the discussion")).to_be_focused()
    assert EmbedToken.objects.get(member=member).revoked_at is not None


def sign_in_by_popup(page, member, host):
    frame = page.frame_locator("iframe")
    with page.expect_popup() as opened:
        frame.get_by_role("link", name="Sign in to join the discussion").click()
    popup = opened.value
    popup.fill("input[name=login]", member.username)
    popup.fill("input[name=password]", "a-long-test-password")
    popup.click("main form button[type=submit]")
    with popup.expect_event("close"):
        popup.get_by_role("button", name=f"Continue to {host.origin}").click()
    expect(frame.locator(".embed__signed-in")).to_be_visible()
    return frame


def test_report_follow_edit_and_a_refusal_that_keeps_the_text(
    blocking, live_server, story, settings, axe_source
):
    host, thread, comment = story
    member = UserFactory(username="reader")
    mine = CommentFactory(thread=thread, author=member, body="My own words.")
    page = blocking.new_page()
    problems = problems_of(page)
    # Opened at a comment: the host page links to it, the frame shows it.
    page.goto(f"{host.origin}/#comment-{mine.pk}")
    frame = page.frame_locator("iframe")
    expect(frame.locator(f"#comment-{mine.pk}.embed__comment--target")).to_be_visible()
    frame = sign_in_by_popup(page, member, host)

    frame.get_by_role("button", name="Follow this discussion").click()
    expect(frame.get_by_role("button", name="Following this discussion")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert Follow.objects.filter(thread=thread, member=member).exists()

    item = frame.locator(f"#comment-{comment.pk}")
    item.get_by_role("button", name="Report").click()
    # Signed in, with a form open: every control named, contrasted and big enough.
    assert run_axe(frame_of(page), axe_source) == []
    frame.get_by_label("Why are you reporting this comment?").select_option("spam")
    frame.get_by_role("button", name="Send report").click()
    expect(item.get_by_role("button", name="Reported")).to_be_disabled()
    assert Report.objects.filter(comment=comment, reporter=member, reason="spam").exists()

    frame.locator(f"#comment-{mine.pk}").get_by_role("button", name="Edit").click()
    box = frame.get_by_label("Edit your comment (Markdown)")
    expect(box).to_have_value("My own words.")
    box.fill("My own words, corrected.")
    frame.get_by_role("button", name="Save changes").click()
    expect(frame.locator(".embed__body", has_text="My own words, corrected.")).to_be_visible()
    expect(frame.locator("#embed-status")).to_have_text("Your changes are saved.")

    # The thread closes meanwhile: the post is refused, said clearly, and the text stays.
    Thread.objects.filter(pk=thread.pk).update(closes_at=timezone.now())
    frame.get_by_label("Your comment (Markdown)").fill("Words I don't want to lose.")
    frame.get_by_role("button", name="Post comment").click()
    expect(frame.locator("[data-form=post] .embed__error")).to_contain_text("closed")
    expect(frame.get_by_label("Your comment (Markdown)")).to_have_value(
        "Words I don't want to lose."
    )
    # Open again, and the host page reloaded: the draft is still there.
    Thread.objects.filter(pk=thread.pk).update(closes_at=None)
    page.reload()
    expect(frame.get_by_label("Your comment (Markdown)")).to_have_value(
        "Words I don't want to lose."
    )
    assert not Comment.objects.filter(body__startswith="Words I").exists()
    # The one console line: the browser noting the refused post's 403. No CSP violation.
    assert problems == [
        "Failed to load resource: the server responded with a status of 403 (Forbidden)"
    ]


def test_a_popup_that_lost_its_opener_says_what_to_do(blocking, live_server, story):
    host, *_ = story
    member = UserFactory(username="reader")
    page = blocking.new_page()  # opened by no one: as when another site's policy cut it off
    page.goto(f"{live_server.url}/embed/sign-in/?host={host.origin}")
    page.fill("input[name=login]", member.username)
    page.fill("input[name=password]", "a-long-test-password")
    page.click("main form button[type=submit]")
    # The token, with no frame to go to, leaves the page and is revoked at once.
    with page.expect_response(lambda r: r.url.endswith("/api/v1/embed/token/")) as revoked:
        page.get_by_role("button", name=f"Continue to {host.origin}").click()
    assert revoked.value.status == 204
    expect(page.get_by_text("This window lost track of the discussion")).to_be_visible()
    assert page.locator("[data-token]").count() == 0
    assert EmbedToken.objects.get(member=member).revoked_at is not None
