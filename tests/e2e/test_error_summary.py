"""A refused comment, in Chromium: the error summary takes the focus, the text stays.

With JavaScript the form comes back by htmx in place; without it the whole page is sent
back. Either way the summary (GOV.UK's pattern) is focused, its link leads to the field,
and the field is marked invalid and described by its message.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SEED_SLUG, run_axe
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOO_LONG = "Deterrence. " * 900  # 10,800 characters: over the 10,000 limit


def focused_class(page):
    return page.evaluate("document.activeElement.className")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_refused_comment_focuses_the_summary_and_keeps_the_text(
    browser, live_server, loaded_content, axe_source, javascript, sign_in
):
    member = UserFactory(username="hasty")
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    sign_in(page, member)
    page.goto(f"{live_server.url}/articles/{SEED_SLUG}/")

    # Empty: the browser does not stop it (novalidate); the server says what to do.
    page.click("#composer-form-thread button[type=submit]")
    summary = page.locator("#composer-form-thread .error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("h2")).to_have_text("There is a problem")
    expect(summary.locator("a")).to_have_attribute("href", "#id_body")
    editor = page.locator("#id_body")
    expect(editor).to_have_attribute("aria-invalid", "true")
    expect(editor).to_have_attribute("aria-describedby", "id_body-error id_body-count")
    expect(page.locator("#id_body-error")).to_contain_text("Your comment is empty")
    if not javascript:
        assert page.title().startswith("Error: ")

    # Too long: refused (by the browser with JavaScript, else by the server), and every
    # character is still there to shorten.
    editor.fill(TOO_LONG)
    page.click("#composer-form-thread button[type=submit]")
    if javascript:
        expect(page.locator("#id_body-limit")).to_contain_text("Not sent: your text is 800")
        expect(page.locator("#id_body")).to_be_focused()
    else:
        summary = page.locator("#composer-form-thread .error-summary")
        expect(summary).to_be_focused()
        expect(summary).to_contain_text("the limit is 10,000")
    kept = page.locator("#id_body").input_value()
    assert kept == TOO_LONG, f"{len(kept)} of {len(TOO_LONG)} characters kept"

    if javascript:
        # The field has the focus; the message stays in view beside the count and the button.
        expect(page.locator("#id_body")).to_be_focused()
        expect(page.locator("#id_body-limit")).to_be_in_viewport()
    else:
        # The summary's link leads to the field, its label in view (as GOV.UK's script does).
        summary.locator("a").click()
        expect(page.locator("#id_body")).to_be_focused()
    if javascript:
        assert run_axe(page, axe_source) == []

    # Shortened and posted: the summary and the marks are gone.
    page.locator("#id_body").fill("Deterrence, in short.")
    page.click("#composer-form-thread button[type=submit]")
    expect(page.locator(".comment", has_text="Deterrence, in short.")).to_be_visible()
    expect(page.locator("#composer-form-thread .error-summary")).to_have_count(0)
    expect(page.locator("#id_body-error")).to_have_count(0)
    expect(page.locator("#id_body")).not_to_have_attribute("aria-invalid", "true")
    context.close()
