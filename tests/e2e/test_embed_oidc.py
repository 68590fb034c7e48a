"""Signing in with the newsroom's own OpenID Connect provider inside the embed on another site,
in a Chromium that blocks third-party cookies, then posting: no mocked provider.

The provider (django-oauth-toolkit, tests/oidc_provider/) and the forum, configured with it
by environment as a newsroom would, each run in their own process (tests/accounts/sso/
oidc_stack.py); the host page on 127.0.0.1 frames the forum on localhost. The reader presses
"Sign in" in the frame: the popup on the forum, "Continue with The Daily Example", the
provider's login form, back to the forum, "Continue to" the host; the popup hands the frame
its embed token and closes; the reader posts in the frame.
"""

import http.server
import threading

import pytest
from playwright.sync_api import expect

from tests.accounts.sso.oidc_stack import Stack, client_for
from tests.e2e.test_embed_cross_site import frame_of, launch, problems_of

pytestmark = pytest.mark.browser

PROVIDER_PORT = 9202
FORUM = "http://localhost:9203"
HOST_PORT = 9204
HOST = f"http://127.0.0.1:{HOST_PORT}"
PASSWORD = "newsroom-password-42"

HOST_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>News example</title></head>
<body><main><h1>A story</h1>
<script src="{FORUM}/embed.js" data-thread="story-oidc" data-url="{HOST}/story"
 data-title="A story" async></script>
</main></body></html>""".encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'none'; script-src {FORUM}; frame-src {FORUM}; style-src 'none'",
        )
        self.send_header("Content-Length", str(len(HOST_PAGE)))
        self.end_headers()
        self.wfile.write(HOST_PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    """The provider with its reader, the forum allowing the host page, and the host page."""
    stack = Stack(
        tmp_path_factory.mktemp("embed-oidc"),
        provider_port=PROVIDER_PORT,
        forum=FORUM,
        # DEBUG: WhiteNoise serves the static files from the sources (no collectstatic).
        forum_settings={
            "EMBED_ALLOWED_ORIGINS": HOST,
            "PREMODERATE_FIRST_COMMENTS": "0",
            "DEBUG": "1",
        },
    )
    stack.migrate()
    stack.provider_seed(
        client=client_for(FORUM),
        readers=[
            {
                "username": "ada",
                "first_name": "Ada",
                "last_name": "Reader",
                "email": "ada@news.example",
                "password": PASSWORD,
            }
        ],
    )
    stack.start()
    host = http.server.ThreadingHTTPServer(("127.0.0.1", HOST_PORT), Handler)
    threading.Thread(target=host.serve_forever, daemon=True).start()
    yield stack
    host.shutdown()
    host.server_close()
    stack.stop()


def test_sign_in_with_the_newsrooms_provider_in_the_popup_and_post(
    browser_type, tmp_path, newsroom
):
    context = launch(browser_type, tmp_path, block=True)
    try:
        page = context.new_page()
        problems = problems_of(page)
        page.goto(f"{HOST}/")
        frame = page.frame_locator("iframe")
        with page.expect_popup() as opened:
            frame.get_by_role("link", name="Sign in to join the discussion").click()
        popup = opened.value
        popup.wait_for_load_state()
        assert popup.url.startswith(f"{FORUM}/accounts/login/")

        popup.get_by_role("link", name="Continue with The Daily Example").click()
        popup.get_by_role("button", name="Continue").click()  # allauth's confirmation (POST)
        # The provider's own sign-in form, on its own site.
        popup.wait_for_url(f"http://127.0.0.1:{PROVIDER_PORT}/login/**")
        popup.fill("input[name=username]", "ada")
        popup.fill("input[name=password]", PASSWORD)
        popup.locator("form [type=submit]").click()
        # Back on the forum, signed in: the popup asks to continue to the host page's site.
        continue_ = popup.get_by_role("button", name=f"Continue to {HOST}")
        expect(continue_).to_be_visible()
        with popup.expect_event("close"):
            continue_.click()

        expect(frame.locator(".embed__name")).to_have_text("Ada Reader")
        assert frame_of(page).evaluate("document.cookie") == ""  # third-party cookies blocked
        frame.get_by_label("Your comment (Markdown)").fill("Signed in with **my newsroom**.")
        frame.get_by_role("button", name="Post comment").click()
        expect(frame.locator(".embed__body strong", has_text="my newsroom")).to_be_visible()

        # The comment is Ada's, whose account is linked to the provider's (issuer, subject).
        [(username, body)] = newsroom.rows(
            "SELECT u.username, c.body FROM forum_comment c JOIN accounts_user u "
            "ON u.id = c.author_id JOIN socialaccount_socialaccount s ON s.user_id = u.id "
            "WHERE s.provider = 'newsroom'"
        )
        assert (username, body) == ("ada", "Signed in with **my newsroom**.")
        assert problems == []
    finally:
        context.close()
