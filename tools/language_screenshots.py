"""Screenshots of the article and its discussion in English and Arabic, at 375 and 1280 px.

    .venv/bin/python tools/language_screenshots.py      (or: make screenshots-languages)

It builds a throwaway SQLite database with the seed content and a small discussion (replies
three deep, a featured comment, comments in Arabic and in English, a held one readers don't
see), serves the site as `make run` does (uvicorn, DEBUG) on a free port, and writes
docs/screenshots/article-{en,ar}-{375,1280}.png with Debian's Chromium, side by side for the
right-to-left layout (issue 28). The database and the server go when it ends.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from bench.server import free_port, get  # noqa: E402
from tests.e2e.conftest import SEED_SLUG, paint_whole_page  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
LANGUAGES = ("en", "ar")
WIDTHS = (375, 1280)
COLOURS = 64  # a palette PNG of text stays small and reads the same (as the README's pictures)
ARABIC = (
    "أتفق مع الكاتب في أن الردع نجح لسبعين عاماً، لكن السؤال الذي يبقى مفتوحاً هو ما يحدث "
    "عندما يتوقف أحد الطرفين عن تصديق أن الآخر سيرد."
)
ENGLISH = (
    "Deterrence has worked for seventy years, but only because both sides believed the other "
    "would answer. The question the article leaves open is what happens when one side stops "
    "believing that."
)


def environment(database, port):
    """Return the environment of `make run`'s settings on the throwaway database."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forum.settings",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        # WhiteNoise's files through ASGI, as under `make run`: a known warning, said each time.
        "PYTHONWARNINGS": "ignore:StreamingHttpResponse must consume",
    }


def seed():
    """Load the seed content and give its article a small discussion; return its path."""
    import django
    from django.core.management import call_command

    # The models load only once Django is set up on the throwaway database's settings.
    django.setup()
    from articles.models import Article
    from tests.factories import CommentFactory, ModeratorFactory, UserFactory

    with open(os.devnull, "w") as devnull:
        call_command("migrate", "--noinput", verbosity=0, stdout=devnull)
        call_command("load_content", stdout=devnull)
    article = Article.objects.get(slug=SEED_SLUG)
    thread = article.thread
    kim, ana, okonkwo, layla = (
        UserFactory(username=name) for name in ("kim", "ana_r", "okonkwo", "layla")
    )
    editor = ModeratorFactory(username="desk_editor")
    first = CommentFactory(thread=thread, author=kim, body=ENGLISH, is_featured=True)
    reply = CommentFactory(parent=first, author=layla, body=ARABIC)
    deeper = CommentFactory(parent=reply, author=okonkwo, body="Both can be true at once.")
    CommentFactory(parent=deeper, author=ana, body="Then the article should say so.")
    CommentFactory(parent=first, author=editor, body="Please keep to the article's argument.")
    second = CommentFactory(thread=thread, author=layla, body=ARABIC + "\n\n" + ARABIC)
    CommentFactory(parent=second, author=kim, body="Short and to the point.")
    CommentFactory(thread=thread, author=ana, body=ENGLISH, pending=True)
    return article.get_absolute_url()


def serve(env, port):
    """Start uvicorn as `make run` does and return the process once it answers."""
    server = subprocess.Popen(  # noqa: S603 (our own command line)
        [
            str(Path(sys.executable).parent / "uvicorn"),
            "forum.asgi:application",
            "--host=127.0.0.1",
            f"--port={port}",
            "--lifespan=off",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            get(f"http://127.0.0.1:{port}/", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError("the server did not answer within 60 s")


def shoot(base, path):
    """Write the four screenshots; return their paths."""
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        for language in LANGUAGES:
            # The cookie the footer's language menu sets, and the browser's own language.
            context = browser.new_context(locale=language)
            context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            page = context.new_page()
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(base + path)
                page.wait_for_load_state("load")
                page.evaluate("document.fonts.ready")
                paint_whole_page(page)
                target = OUT / f"article-{language}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                Image.open(target).quantize(COLOURS).save(target, optimize=True)
                written.append(target)
            context.close()
        browser.close()
    return written


def main():
    with tempfile.TemporaryDirectory(prefix="language-screenshots-") as folder:
        port = free_port(8790)
        env = environment(Path(folder) / "db.sqlite3", port)
        os.environ.update(env)
        path = seed()
        server = serve(env, port)
        try:
            for target in shoot(f"http://127.0.0.1:{port}", path):
                print(target.relative_to(ROOT))
        finally:
            server.terminate()
            server.wait(timeout=15)


if __name__ == "__main__":
    main()
