"""Browser-test helpers: content on the live server, signing in, axe-core, screenshots."""

import os
import pathlib

import pytest
from django.core.management import call_command

AXE = pathlib.Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = pathlib.Path(os.environ.get("SCREENSHOT_DIR", "/tmp/shots"))
SEED_SLUG = "north-koreas-nuclear-aspirations-a-new-cold-war-calculus"


@pytest.fixture
def loaded_content(transactional_db):
    with open(os.devnull, "w") as devnull:
        call_command("load_content", stdout=devnull)


@pytest.fixture
def axe_source():
    """Return axe-core's source, failing when it is not installed."""
    # `make test` installs it; a skip here would hide the accessibility checks CI runs.
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make node_modules/axe-core/axe.min.js`")
    return AXE.read_text()


def run_axe(page, source):
    """Return axe-core's serious and critical violations on the page, keeping the page's CSP."""
    page.evaluate(source)  # evaluate, not add_script_tag: the strict CSP would block a tag
    # Touch targets too (WCAG 2.2, 2.5.8): axe leaves that rule off unless asked; Lighthouse
    # runs it.
    violations = page.evaluate(
        "async () => (await axe.run({rules: {'target-size': {enabled: true}}})).violations"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def page_problems(page):
    """Return the list the page's console errors and uncaught exceptions are added to."""
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def paint_whole_page(page):
    """Have the browser paint the comments it skips off-screen, for a full-page picture.

    Top-level comments are `content-visibility: auto` (site.css, load cost): a full-page
    screenshot would show them blank below the first screen. Set through the CSSOM, which
    the page's CSP allows.
    """
    page.evaluate(
        "document.querySelectorAll('#comments > .comment')"
        ".forEach(c => { c.style.contentVisibility = 'visible'; })"
    )


def screenshot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    paint_whole_page(page)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def sign_in(live_server):
    """Return a function that signs a browser page in as a user, through the real login form."""

    def go(page, user, password="a-long-test-password"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", user.username)
        page.fill("input[name=password]", password)
        page.click("main form button[type=submit]")
        page.wait_for_load_state()

    return go
