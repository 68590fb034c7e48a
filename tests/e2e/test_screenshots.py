"""Screenshots of every kind of page at 375, 768 and 1280 px, signed out and signed in.

Full-page PNGs go to test-results/screenshots/ (SCREENSHOTS_DIR overrides) for people to
look at; the test itself checks what a reader would notice first: no page scrolls sideways,
and axe-core finds nothing serious or critical.
"""

import io
import os
import pathlib

import pytest
from PIL import Image

from articles.models import Article
from tests.e2e.conftest import SEED_SLUG, paint_whole_page, run_axe
from tests.factories import CommentFactory, ModeratorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHOTS = pathlib.Path(os.environ.get("SCREENSHOTS_DIR", ROOT / "test-results" / "screenshots"))
WIDTHS = (375, 768, 1280)
# The README's pictures: `README_SCREENSHOTS_DIR=static/img/readme` writes them where the
# README shows them; otherwise they go with the others.
README_SHOTS = pathlib.Path(os.environ.get("README_SCREENSHOTS_DIR", SHOTS))
README_VIEWPORTS = {1280: 800, 768: 900, 375: 760}
README_COLOURS = 64  # a palette PNG of text stays small and reads the same
WORDS = (
    "Deterrence has worked for seventy years, but only because both sides believed the other "
    "would answer. The question the article leaves open is what happens when one side stops "
    "believing that. "
)


def busy_thread(article, members, moderator):
    """Give the article about a hundred comments: long and short, nested, held, featured."""
    thread = article.thread
    made = 0
    for n in range(24):
        author = members[n % len(members)]
        body = WORDS * (1 + n % 4) if n % 3 else f"Short and to the point, number {n}."
        top = CommentFactory(
            thread=thread,
            author=moderator if n == 2 else author,
            body=body,
            is_featured=n == 1,
        )
        made += 1
        parent = top
        for depth in range(n % 6):  # chains up to six deep: past the visual cap
            parent = CommentFactory(parent=parent, author=members[(n + depth + 1) % len(members)])
            made += 1
        if n % 5 == 0:
            CommentFactory(parent=top, author=members[(n + 3) % len(members)], pending=True)
            made += 1
    while made < 100:
        CommentFactory(thread=thread, author=members[made % len(members)], body=WORDS)
        made += 1
    return top


@pytest.fixture
def site(loaded_content):
    members = [UserFactory(username=name) for name in ("kim", "ana_r", "okonkwo", "li.wei")]
    moderator = ModeratorFactory(username="desk_editor")
    article = Article.objects.get(slug=SEED_SLUG)
    comment = busy_thread(article, members, moderator)
    CommentFactory(thread=article.thread, author=members[1], pending=True, body="Held for review")
    topic = article.topics.first()
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "topic": topic.get_absolute_url() if topic else "/topics/",
        "search": "/search/?q=deterrence",
        "sign-in": "/accounts/login/",
        "sign-up": "/accounts/signup/",
        "settings": "/accounts/settings/",
        "profile": f"/users/{members[0].username}/",
        "desk": "/moderation/",
        "comment-share": f"/comments/{comment.pk}/share/",
        "404": "/no-such-page/",
        "moderator": moderator,
    }


@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "signed-in"])
def test_screenshots_of_every_page(page, live_server, site, sign_in, axe_source, signed_in):
    SHOTS.mkdir(parents=True, exist_ok=True)
    state = "in" if signed_in else "out"
    if signed_in:
        sign_in(page, site["moderator"])
    pages = {k: v for k, v in site.items() if k != "moderator"}
    if not signed_in:  # these redirect to the sign-in page
        pages = {k: v for k, v in pages.items() if k not in ("settings", "desk")}
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            page.evaluate("document.fonts.ready")
            paint_whole_page(page)
            page.screenshot(path=str(SHOTS / f"{name}-{width}-{state}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{name} at {width}px scrolls sideways by {overflow}px")
            if width != 768:
                violations = run_axe(page, axe_source)
                if violations:
                    problems.append(f"{name} at {width}px: {violations}")
    # The mobile menu, open.
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(live_server.url + "/")
    page.locator(".site-menu > summary").click()
    page.screenshot(path=str(SHOTS / f"menu-375-{state}.png"))
    assert page.locator(".site-header__inner").bounding_box()["height"] == 56
    assert run_axe(page, axe_source) == []
    assert problems == [], "\n".join(problems)


def small_png(png):
    """Return the PNG with a small palette: a few tens of kilobytes instead of hundreds."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=README_COLOURS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def test_readme_screenshots(page, live_server, site):
    """Photograph the seed article at 1280, 768 and 375 px, light mode, signed out.

    Its first screen at each width, and the start of its discussion at 1280 px (the rail).
    """
    README_SHOTS.mkdir(parents=True, exist_ok=True)
    page.emulate_media(color_scheme="light")

    def save(name):
        png = small_png(page.screenshot())
        assert len(png) < 200_000, f"{name}.png is {len(png)} bytes"
        (README_SHOTS / f"{name}.png").write_bytes(png)

    # Once before the pictures: with font-display optional, a face that takes over 100 ms on
    # a busy test machine is left out of that page view (site.css), and the picture would
    # show the fallback instead. From the browser's cache, the faces are there in time.
    page.goto(live_server.url + site["article"])
    page.evaluate("document.fonts.ready")
    for width, height in README_VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.goto(live_server.url + site["article"])
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready")
        save(f"article-{width}")
        if width == 1280:
            page.evaluate("document.getElementById('discussion').scrollIntoView()")
            paint_whole_page(page)
            save(f"discussion-{width}")
