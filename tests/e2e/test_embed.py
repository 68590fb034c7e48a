"""The embed on another site's page, in Chromium: a plain host page served from 127.0.0.2."""

import http.server
import threading

import pytest
from playwright.sync_api import expect

from forum.models import Thread
from tests.e2e.conftest import SEED_SLUG, run_axe
from tests.factories import CommentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>News example</title>{head}</head>
<body><main><h1>A story</h1>
<p><a href="{forum}/articles/{slug}/" data-comments-count>Comments</a></p>
<script src="{forum}/count.js" async></script>
<script src="{forum}/embed.js" data-thread="{key}" data-url="{origin}/story"
 data-title="A story" async></script>
</main></body></html>"""


class HostPage:
    """A plain page on another origin, as a newsroom's CMS would serve it, on a free port."""

    def __init__(self, head="", **values):
        # Bound at once on a port the system picks; the handler reads the page when asked.
        page = {}

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = page["body"]
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Handler)
        self.origin = f"http://127.0.0.2:{self.server.server_address[1]}"
        page["body"] = HOST_PAGE.format(origin=self.origin, head=head, **values).encode()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def seed_thread(loaded_content):
    from articles.models import Article

    thread = Article.objects.get(slug=SEED_SLUG).thread
    root = CommentFactory(thread=thread, body="The **first** word on it.")
    for n in range(8):
        CommentFactory(parent=root, body=f"Reply number {n}.\n\nWith a second paragraph.")
    return thread


def refused_frame(message):
    """Return whether a console message is Chromium refusing a frame for its frame-ancestors."""
    return "frame-ancestors" in message.text


def frame_heights(page):
    """Return (the iframe's height on the host page, the height of the frame's content)."""
    outer = page.locator("iframe").evaluate("el => el.getBoundingClientRect().height")
    inner = page.frames[1].evaluate(
        "() => document.getElementById('embed').getBoundingClientRect().height"
    )
    return outer, inner


def test_embed_reads_the_thread_and_sizes_itself(page, live_server, seed_thread, settings):
    values = {"forum": live_server.url, "slug": SEED_SLUG, "key": seed_thread.key}
    with HostPage(**values) as host:
        settings.EMBED_ALLOWED_ORIGINS = [host.origin]
        page.goto(f"{host.origin}/")
        frame = page.frame_locator("iframe")
        expect(frame.locator(".embed__body strong", has_text="first")).to_be_visible()
        # The host page declares no colour scheme: browsers draw it light, and so the thread.
        assert "scheme=light" in page.locator("iframe").get_attribute("src")
        expect(frame.locator(".embed__title")).to_have_text("9 comments")
        # The badge on the host page, from /api/v1/counts/.
        expect(page.locator("a[data-comments-count]")).to_have_text("9 comments")
        # Reading needs no cookie and sets none: it works with third-party cookies blocked.
        assert page.context.cookies([live_server.url]) == []

        page.wait_for_function(
            "() => Math.abs(document.querySelector('iframe').getBoundingClientRect().height"
            " - 240) > 1"
        )
        outer, inner = frame_heights(page)
        assert abs(outer - inner) <= 2, (outer, inner)

        # All the replies of the comment: the frame grows with its content.
        frame.get_by_role("link", name="Show 5 more replies").click()
        expect(frame.locator(".embed__body", has_text="Reply number 7")).to_be_visible()
        page.wait_for_function(
            f"() => document.querySelector('iframe').getBoundingClientRect().height > {outer + 50}"
        )
        grown, content = frame_heights(page)
        assert abs(grown - content) <= 2 and grown > outer + 50, (outer, grown, content)


def test_a_site_not_allowed_gets_nothing(page, live_server, seed_thread, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://news.example.org"]
    values = {"forum": live_server.url, "slug": SEED_SLUG, "key": "not-allowed-story"}
    with HostPage(**values) as host:
        # The browser's reports prove the forum has answered both scripts' requests.
        with (
            page.expect_console_message(refused_frame),
            page.expect_console_message(lambda message: "blocked by CORS policy" in message.text),
        ):
            page.goto(f"{host.origin}/")
        expect(page.locator("iframe")).to_have_count(1)
        assert not Thread.objects.filter(key="not-allowed-story").exists()
        # The badge script could not read the count (no CORS for that origin).
        expect(page.locator("a[data-comments-count]")).to_have_text("Comments")
        # Even an existing thread is not shown: frame-ancestors blocks the frame. The browser
        # reports the refusal, then loads its error page in the frame: wait for both.
        with page.expect_console_message(refused_frame):
            page.evaluate(
                "key => new Promise(loaded => { const f = document.querySelector('iframe');"
                " f.addEventListener('load', loaded, {once: true});"
                " f.src = f.src.replace('not-allowed-story', encodeURIComponent(key)); })",
                seed_thread.key,
            )
        frames = [f for f in page.frames if f != page.main_frame]
        assert all(f.evaluate("() => document.getElementById('embed') === null") for f in frames), [
            f.url for f in frames
        ]


def test_embed_page_is_accessible_and_keeps_the_csp(
    page, live_server, seed_thread, axe_source, page_problems
):
    page.goto(f"{live_server.url}/embed/?key={seed_thread.key}")
    expect(page.locator(".embed__body").first).to_be_visible()
    assert run_axe(page, axe_source) == []
    # A dark host page asks for the dark scheme (embed.js reads the host's color-scheme).
    page.goto(f"{live_server.url}/embed/?key={seed_thread.key}&scheme=dark")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 18, 18)"
    assert run_axe(page, axe_source) == []
    assert page_problems == []


def test_api_docs_render_without_csp_violations(page, live_server, page_problems):
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("The Invitation API")
    expect(page.locator(".opblock").first).to_be_visible()
    assert page_problems == []


def test_a_top_level_link_opens_a_window_and_the_embed_reloads_on_return(
    page, live_server, seed_thread, settings
):
    # Signing in opens a popup that hands the frame a token (tests/e2e/test_embed_cross_site.py);
    # the full discussion opens a window, and the frame shows the thread afresh on return.
    values = {"forum": live_server.url, "slug": SEED_SLUG, "key": seed_thread.key}
    with HostPage(**values) as host:
        settings.EMBED_ALLOWED_ORIGINS = [host.origin]
        page.goto(f"{host.origin}/")
        frame = page.frame_locator("iframe")
        link = frame.get_by_role("link", name="Open the full discussion", exact=False)
        expect(link).to_be_visible()
        page.frames[1].evaluate("() => { window.beforeLeaving = true; }")
        with page.expect_popup() as popup_info:
            link.click()
        popup = popup_info.value  # SITE_URL's page: not served in this test
        popup.close()
        page.bring_to_front()
        page.evaluate("() => window.dispatchEvent(new Event('focus'))")
        # The frame's document is a new one: the mark set before leaving is gone.
        embedded = page.frames[1]
        embedded.wait_for_function("() => window.beforeLeaving === undefined")
        expect(frame.locator(".embed__body strong", has_text="first")).to_be_visible()


def test_embed_follows_the_host_pages_scheme(page, live_server, seed_thread, settings):
    values = {"forum": live_server.url, "slug": SEED_SLUG, "key": seed_thread.key}
    # A host page drawn light or dark as the reader's system is.
    head = '<meta name="color-scheme" content="light dark">'
    page.emulate_media(color_scheme="dark")
    with HostPage(head=head, **values) as host:
        settings.EMBED_ALLOWED_ORIGINS = [host.origin]
        page.goto(f"{host.origin}/")
        body = page.frame_locator("iframe").locator("body")
        expect(body).to_have_css("background-color", "rgb(18, 18, 18)")
        assert "scheme=dark" in page.locator("iframe").get_attribute("src")
        page.emulate_media(color_scheme="light")
        expect(body).to_have_css("background-color", "rgb(255, 255, 255)")
        assert "scheme=light" in page.locator("iframe").get_attribute("src")
