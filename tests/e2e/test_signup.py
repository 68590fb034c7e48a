"""Sign-up for real in Chromium: the form, the e-mail (file backend), the link, signed in."""

import email
import email.policy
import re

import pytest

from tests.e2e.conftest import run_axe, screenshot
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "mobile": 375}
PASSWORD = "a-long-test-password"


@pytest.fixture
def mail_dir(settings, tmp_path, live_server):
    """Send e-mail to files, as EMAIL_BACKEND=...filebased.EmailBackend does, with links to us."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(tmp_path)},
        }
    }
    settings.SITE_URL = live_server.url
    return tmp_path


def read_mails(mail_dir):
    """Return every e-mail the file backend wrote, parsed (a script can do the same)."""
    mails = []
    for path in sorted(mail_dir.glob("*.log")):
        for raw in path.read_text().split("\n" + "-" * 79 + "\n"):
            if raw.strip():
                mails.append(email.message_from_string(raw, policy=email.policy.default))
    return mails


def read_confirmation_link(mail_dir, site_url):
    mails = read_mails(mail_dir)
    assert mails, "no e-mail was written"
    text = mails[-1].get_body(preferencelist=("plain",)).get_content()
    match = re.search(re.escape(site_url) + r"/accounts/confirm-email/[^\s\"<>]+/", text)
    assert match, text
    assert mails[-1].get_body(preferencelist=("html",)) is not None
    return match.group(0)


@pytest.fixture
def sign_in(live_server):
    """Sign a browser page in through the real form (the submit button inside <main>)."""

    def go(page, user, password=PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("main input[name=login]", user.username)
        page.fill("main input[name=password]", password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        # Below 740 px the account links sit in the closed Menu: count them in the DOM.
        assert page.locator(".account-nav").get_by_text("Settings").count() == 1

    return go


def test_sign_up_confirm_by_email_and_land_signed_in(page, live_server, mail_dir, page_problems):
    page.goto(f"{live_server.url}/accounts/signup/")
    assert page.locator("h1").inner_text().strip() == "Join"  # the header's word
    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label("Username").fill("newcomer")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Join", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/accounts/confirm-email/")
    assert page.locator("header.site-header").count() == 1  # our layout

    link = read_confirmation_link(mail_dir, live_server.url)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    account_nav = page.get_by_role("navigation", name="Account")
    assert account_nav.get_by_role("link", name="newcomer").is_visible()
    assert account_nav.get_by_role("link", name="Settings").is_visible()
    assert page.get_by_text("Confirm your e-mail address to join discussions").count() == 0
    assert page_problems == []


def check_page(page, url, shot, axe_source):
    """Open the page, check it with axe and save its screenshot as accounts-<shot>."""
    page.goto(url)
    assert run_axe(page, axe_source) == [], shot
    screenshot(page, f"accounts-{shot}")


@pytest.mark.parametrize("width_name", WIDTHS)
def test_account_pages_look_right_and_pass_axe(
    page, live_server, sign_in, axe_source, width_name, page_problems
):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    for name, path in [
        ("signup", "/accounts/signup/"),
        ("login", "/accounts/login/"),
        ("password-reset", "/accounts/password/reset/"),
        ("password-reset-done", "/accounts/password/reset/done/"),
        ("verification-sent", "/accounts/confirm-email/"),
        ("bad-confirmation-link", "/accounts/confirm-email/not-a-key/"),
    ]:
        check_page(page, live_server.url + path, f"{name}-{width_name}", axe_source)

    member = UserFactory(username="reader", display_name="Ada Reader", bio="Reads a lot.")
    sign_in(page, member)
    for name, path in [
        ("settings", "/accounts/settings/"),
        ("email", "/accounts/email/"),
        ("password-change", "/accounts/password/change/"),
        ("logout", "/accounts/logout/"),
        ("delete", "/accounts/delete/"),
        ("reauthenticate", "/accounts/reauthenticate/"),
        ("profile", "/users/reader/"),
    ]:
        check_page(page, live_server.url + path, f"{name}-{width_name}", axe_source)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, name
    page.emulate_media(color_scheme="dark")
    check_page(
        page, f"{live_server.url}/accounts/settings/", f"settings-dark-{width_name}", axe_source
    )
    assert page_problems == []


def test_settings_errors_and_character_count(page, live_server, sign_in):
    member = UserFactory(username="reader")
    sign_in(page, member)
    page.goto(f"{live_server.url}/accounts/settings/")
    bio = page.get_by_label("Short bio")
    bio.fill("Hello")
    assert page.locator("#id_bio-count").inner_text() == "5 of 500 characters used"
    page.get_by_label("Website").fill("javascript:alert(1)")
    page.get_by_role("button", name="Save settings").click()
    page.wait_for_load_state()
    assert "http:// or https://" in page.locator("#id_website_error").inner_text()
    assert page.get_by_label("Short bio").input_value() == "Hello"  # kept
    screenshot(page, "accounts-settings-error-desktop")


def test_unverified_banner_resend(page, live_server, sign_in, mail_dir):
    member = UserFactory(username="newcomer", verified=False)
    # Mandatory verification refuses the sign-in form; the session is made directly.
    from django.conf import settings as django_settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = django_settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/")
    banner = page.get_by_role("region", name="Confirm your e-mail address")
    assert banner.is_visible()
    screenshot(page, "accounts-banner-mobile")
    banner.get_by_role("button", name="Resend confirmation e-mail").click()
    page.wait_for_load_state()
    assert read_confirmation_link(mail_dir, live_server.url)
