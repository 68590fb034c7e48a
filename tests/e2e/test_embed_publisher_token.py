"""The publisher's signed token reaching the embed on another site, in a Chromium that blocks
third-party cookies (the harness of test_embed_cross_site.py): the host page on 127.0.0.1
signs a token for its reader and gives it to embed.js; the frame on localhost signs the
reader in without any popup, and they post.
"""

import http.server
import json
import threading

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import PublisherAccount
from accounts.sso.tokens import member_for_token
from forum.models import Comment, EmbedToken, Thread
from tests.accounts.sso.helpers import SECRET, hs256
from tests.e2e.test_embed_cross_site import frame_of, launch, problems_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIGNED_HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>News example</title></head>
<body><main><h1>A story</h1>
<script src="{forum}/embed.js" data-thread="story-1" data-url="{origin}/story"
 data-title="A story" {token} async></script>
</main></body></html>"""


class SigningHostPage:
    """A newsroom's page on 127.0.0.1 whose backend signs a fresh token for its reader on
    every load (strict CSP, as in test_embed_cross_site.py); `claims` says who, or None."""

    def __init__(self, forum):
        self.claims = {"sub": "reader-42", "name": "Jane Smith", "email": "jane@news.example"}
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                token = hs256(**host.claims) if host.claims is not None else ""
                body = SIGNED_HOST_PAGE.format(
                    forum=forum,
                    origin=host.origin,
                    token=f'data-sso-token="{token}"' if token else "",
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
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
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def signing_host(live_server, settings):
    """The host page, allowed, with its thread; the forum shares the publisher's secret."""
    settings.PREMODERATE_FIRST_COMMENTS = 0
    settings.SSO_TOKEN_SECRET = SECRET
    settings.SSO_TOKEN_JWKS_URL = ""
    settings.SSO_TOKEN_ISSUER = ""
    settings.SSO_TOKEN_AUDIENCE = ""
    host = SigningHostPage(live_server.url)
    settings.EMBED_ALLOWED_ORIGINS = [host.origin]
    thread = Thread.objects.create(
        key="story-1", title="A story", url=f"{host.origin}/story", visible_from=timezone.now()
    )
    yield host, thread
    host.close()


@pytest.fixture
def blocking(browser_type, tmp_path):
    context = launch(browser_type, tmp_path, block=True)
    yield context
    context.close()


def test_the_publishers_token_signs_the_reader_in_without_a_popup(
    blocking, live_server, signing_host
):
    host, thread = signing_host
    page = blocking.new_page()
    problems = problems_of(page)
    popups = []
    page.on("popup", lambda popup: popups.append(popup))
    addresses = []
    page.on("request", lambda request: addresses.append(request.url))
    page.add_init_script("window.seen = []; addEventListener('message', e => seen.push(e.data))")

    page.goto(f"{host.origin}/")
    frame = page.frame_locator("iframe")
    expect(frame.locator(".embed__name")).to_have_text("Jane Smith")
    expect(frame.locator("#embed-status")).to_have_text("You’re signed in as Jane Smith.")
    member = PublisherAccount.objects.get(subject="reader-42").user
    token = EmbedToken.objects.get(member=member)
    assert token.host == host.origin and token.revoked_at is None
    # Third-party cookies are blocked: the frame has none; the embed token is its credential.
    assert frame_of(page).evaluate("document.cookie") == ""

    frame.get_by_label("Your comment (Markdown)").fill("Signed in by **my newsroom**.")
    frame.get_by_role("button", name="Post comment").click()
    expect(frame.locator(".embed__body strong", has_text="my newsroom")).to_be_visible()
    assert Comment.objects.get(author=member).thread == thread

    # A reload signs a new token for the same reader: the frame, signed in for the session,
    # does not spend it (one embed token still).
    page.reload()
    expect(frame.locator(".embed__name")).to_have_text("Jane Smith")
    assert EmbedToken.objects.filter(member=member).count() == 1

    assert popups == []
    # The token never was in an address (the frame's included), and the host page never
    # received the embed token.
    assert not any("eyJ" in url for url in addresses)  # a JWT starts so
    received = page.evaluate("seen")
    assert {m["type"] for m in received} >= {"invitation:ready", "invitation:height"}
    assert not any("emb_" in json.dumps(message) for message in received)
    assert problems == []


def test_a_refused_token_says_why_and_signs_nobody_in(blocking, live_server, signing_host):
    host, _ = signing_host
    host.claims = None  # the host page gives no token at first
    banned = member_for_token(hs256(sub="reader-9", email="banned@news.example"))
    banned.banned_at = timezone.now()
    banned.save(update_fields=["banned_at"])
    used = hs256(sub="reader-5", name="Sam", email="sam@news.example")
    member_for_token(used)  # spent once already, elsewhere
    page = blocking.new_page()
    page.goto(f"{host.origin}/")
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("link", name="Sign in to join the discussion")).to_be_visible()

    # Later, the host page's own script hands tokens: each refused one is refused in words
    # in the frame, and nobody is signed in.
    refusals = [
        (hs256(sub="reader-5", iat=1_000_000, exp=1_000_300), "The sign-in link has expired."),
        (hs256(secret="another-secret-that-is-long-enough-to-sign!"), "signature is not valid"),
        (used, "This sign-in link was used already."),
        (hs256(sub="reader-9", email="banned@news.example"), "can no longer take part"),
    ]
    for token, words in refusals:
        page.evaluate("token => InvitationEmbed.signIn(token)", token)
        expect(frame.get_by_role("alert")).to_contain_text(words)
        expect(frame.locator(".embed__signed-in")).to_have_count(0)
    assert not EmbedToken.objects.exists()

    # A good one, handed later, signs the reader in and the message goes.
    page.evaluate(
        "token => InvitationEmbed.signIn(token)",
        hs256(sub="reader-5", name="Sam", email="sam@news.example"),
    )
    expect(frame.locator(".embed__name")).to_have_text("Sam")
    expect(frame.get_by_role("alert")).to_have_count(0)
    assert EmbedToken.objects.get().member == PublisherAccount.objects.get(subject="reader-5").user
