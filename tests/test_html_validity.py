"""Every page type is valid HTML: the Nu Html Checker (vnu.jar) reports no error.

The pages are rendered once with Django's test client (signed in where the page needs it)
and checked in ONE run of vnu.jar: the JVM takes seconds to start. vnu.jar comes from the
`vnu-jar` npm package, installed into tools/ by `make test` and `.ci/run`.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from articles.models import Article
from forum.models import Comment
from tests.factories import ArticleFactory, CommentFactory, ModeratorFactory, UserFactory
from tests.helpers import clear_caches

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / "tools/node_modules/vnu-jar/build/dist/vnu.jar")
).resolve()
# Marked so that pytest-django sets the test database up; the pages are built once, below.
pytestmark = pytest.mark.django_db
IN_CI = os.environ.get("CI", "").lower() == "true"
SEED_SLUG = "north-koreas-nuclear-aspirations-a-new-cold-war-calculus"
BUSY_COMMENTS = 180  # 60-odd top-level: over a page (COMMENTS_PER_PAGE = 50); replies to depth 6

# Warnings the checker may give, each with why it stays. A new kind of warning fails
# test_warnings_are_explained until it is fixed or explained here.
EXPLAINED_WARNINGS = {
    # Each comment card (templates/forum/_comment_card.html) is an <article> named by
    # aria-labelledby (its author and time): screen readers announce "article, Ann, 2 hours
    # ago". The checker's heuristic only counts h2-h6 elements, not an accessible name.
    r"^Article lacks heading\.": "comment cards are labelled with aria-labelledby",
}


def build_site():
    """Create the content every page type needs; return the users who see the pages."""
    with open(os.devnull, "w") as devnull:
        call_command("load_content", stdout=devnull)
    member = UserFactory(username="reader")
    moderator = ModeratorFactory(username="mod")
    quiet = ArticleFactory(slug="a-quiet-article", title="A quiet article")
    CommentFactory(thread=quiet.thread, author=member, body="One **thoughtful** reply.")
    busy = Article.objects.get(slug=SEED_SLUG)
    authors = [UserFactory() for _ in range(5)]
    parents = []
    for n in range(BUSY_COMMENTS):
        parent = parents[-1] if n % 3 and parents and parents[-1].depth < 6 else None
        comment = CommentFactory(
            thread=busy.thread,
            author=authors[n % len(authors)],
            parent=parent,
            body=f"Comment {n}: a [link](https://example.org/{n}), *emphasis* and `code`.",
            is_featured=n == 0,
        )
        parents.append(comment)
    CommentFactory(thread=busy.thread, author=member, body="Waiting for a moderator.", pending=True)
    removed = parents[4]
    Comment.objects.filter(pk=removed.pk).update(status=Comment.Status.REMOVED)
    return {
        "member": member,
        "moderator": moderator,
        "shared": parents[1],
        "thread": busy.thread,
    }


# {page name: (url, who is signed in, expected status[, data POSTed: a refused form])}
PAGES = {
    "home": ("/", None, 200),
    "article-quiet": ("/articles/a-quiet-article/", None, 200),
    "article-busy": (f"/articles/{SEED_SLUG}/", None, 200),
    "article-busy-page-2": (f"/articles/{SEED_SLUG}/?page=2", None, 200),
    "article-busy-member": (f"/articles/{SEED_SLUG}/", "member", 200),
    "article-busy-moderator": (f"/articles/{SEED_SLUG}/", "moderator", 200),
    "article-busy-ar": (f"/articles/{SEED_SLUG}/", None, 200),  # in Arabic: see LANGUAGE_OF
    "topic": ("/topics/north-korea/", None, 200),
    "topics": ("/topics/", None, 200),
    "search": ("/search/?q=summit", None, 200),
    "search-comments": ("/search/?q=comment&type=comments", None, 200),
    "guidelines": ("/pages/community-guidelines/", None, 200),
    "sign-in": ("/accounts/login/", None, 200),
    "sign-up": ("/accounts/signup/", None, 200),
    "settings": ("/accounts/settings/", "member", 200),
    "profile": ("/users/reader/", None, 200),
    "moderation-desk": ("/moderation/", "moderator", 200),
    "comment-share": ("/comments/{shared}/share/", None, 200),
    "404": ("/no-such-page/", None, 404),
    # Forms sent back with the error summary on top.
    "composer-refused": ("/threads/{thread}/comments/", "member", 400, {"body": ""}),
    "sign-in-refused": ("/accounts/login/", None, 200, {"login": "reader", "password": "x"}),
    "sign-up-refused": ("/accounts/signup/", None, 200, {"email": "no", "username": "x"}),
    "report-refused": ("/comments/{shared}/report/", "member", 400, {"reason": ""}),
}
# Pages read in another language than English (the language cookie), and the <html> tag
# each must then have: right to left in Arabic (issue 28).
LANGUAGE_OF = {"article-busy-ar": ("ar", '<html lang="ar" dir="rtl">')}


def render_pages(folder):
    """Render every page type into folder; return {page name: file path}."""
    clear_caches()
    files = {}
    with transaction.atomic():
        site = build_site()
        for name, (url, who, status, *data) in PAGES.items():
            url = url.format(shared=site["shared"].pk, thread=site["thread"].pk)
            client = Client()
            if who:
                client.force_login(site[who])
            if name in LANGUAGE_OF:
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = LANGUAGE_OF[name][0]
            response = client.post(url, data[0]) if data else client.get(url)
            assert response.status_code == status, f"{name}: {url} answered {response.status_code}"
            if name in LANGUAGE_OF:
                html_tag = LANGUAGE_OF[name][1]
                assert html_tag in response.content.decode(), f"{name}: no {html_tag}"
            path = Path(folder) / f"{name}.html"
            path.write_bytes(response.content)
            files[name] = path
        transaction.set_rollback(True)
    clear_caches()
    return files


def run_vnu(paths):
    """Return vnu.jar's messages for the files, one JSON run for all of them."""
    java = shutil.which("java")
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(done.stdout)["messages"]


@pytest.fixture(scope="module")
def nu_report(django_db_setup, django_db_blocker):
    """Return {page name: [messages]} from one checker run over every page type."""
    if not VNU_JAR.exists() or not shutil.which("java"):
        message = (
            f"NU HTML CHECKER MISSING: {VNU_JAR} or java (run `make tools/node_modules/.installed`)"
        )
        if IN_CI:
            pytest.fail(message)  # CI must run the checker, never skip it
        pytest.skip(message)
    with tempfile.TemporaryDirectory() as folder, django_db_blocker.unblock():
        files = render_pages(folder)
        report = {name: [] for name in files}
        for message in run_vnu(files.values()):
            # The checker names files "file:/tmp/…/home.html": the page is the file's stem.
            page = Path(message.get("url", "")).stem
            report.setdefault(page if page in files else "(checker)", []).append(message)
        return report


def describe(messages):
    return "\n".join(
        f"  line {m.get('lastLine')}: {m['message']}\n    {m.get('extract', '').strip()[:160]}"
        for m in messages
    )


def is_error(message):
    return message["type"] in ("error", "non-document-error")


@pytest.mark.parametrize("page", PAGES)
def test_page_has_no_html_errors(nu_report, page):
    errors = [m for m in nu_report[page] if is_error(m)]
    assert not errors, f"{page}: {len(errors)} Nu checker errors\n{describe(errors)}"


def test_checker_saw_every_page(nu_report):
    assert "(checker)" not in nu_report, describe(nu_report["(checker)"])


def explained(message):
    return any(re.search(pattern, message["message"]) for pattern in EXPLAINED_WARNINGS)


def test_warnings_are_explained(nu_report):
    unexplained = {
        page: [m for m in messages if m.get("subType") == "warning" and not explained(m)]
        for page, messages in nu_report.items()
    }
    unexplained = {page: found for page, found in unexplained.items() if found}
    assert not unexplained, "\n".join(
        f"{page}:\n{describe(found)}" for page, found in unexplained.items()
    )
