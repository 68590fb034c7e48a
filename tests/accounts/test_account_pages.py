"""Accounts: every allauth page in our layout, the verification banner, the header links."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.core import mail
from django.urls import resolve, reverse

from accounts.models import User
from tests.accounts.helpers import NEW_PASSWORD
from tests.helpers import PASSWORD, sign_up

ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-bad-key/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-key/",
]
SIGNED_IN_PAGES = [
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
]


def assert_our_layout(response):
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert '<html lang="en" dir="ltr">' in html
    assert 'class="skip-link" href="#main"' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert html.count("<main ") == 1
    assert html.count("<h1") == 1, "exactly one h1"
    assert "<title>" in html and django_settings.SITE_NAME in html.split("</title>")[0]
    assert "style=" not in html  # the strict CSP allows no inline styles
    assert re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", html) is None
    # Every visible input has a label.
    for input_id in re.findall(r'<input(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html):
        assert f'for="{input_id}"' in html, f"input #{input_id} has no label"
    return html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_allauth_pages_for_visitors_use_our_layout(client, path):
    assert_our_layout(client.get(path, follow=True))


@pytest.mark.django_db
@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_allauth_pages_for_members_use_our_layout(client, member, path):
    client.force_login(member)
    assert_our_layout(client.get(path, follow=True))


@pytest.mark.django_db
def test_password_and_email_changes_ask_for_the_password_again(client, member, settings):
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0  # the sign-in is no longer recent
    client.force_login(member)
    # Changing the password needs the current one in the form itself.
    html = client.get(reverse("account_change_password")).content.decode()
    assert 'name="oldpassword"' in html
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert User.objects.get(pk=member.pk).check_password(PASSWORD)
    # Adding an e-mail address sends the member to reauthenticate first.
    response = client.post(
        reverse("account_email"), {"email": "second@example.org", "action_add": ""}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="second@example.org").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "words"),
    [("/accounts/login/", "Sign in"), ("/accounts/signup/", "Join")],
)
def test_entrance_pages_use_the_headers_words(client, path, words):
    html = client.get(path).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    button = re.search(r'<button type="submit"[^>]*>([^<]*)</button>\s*</div>\s*</form>', html)
    assert title.startswith(f"{words} · ")
    assert h1.strip() == words
    assert button and button.group(1).strip() == words
    assert "Sign Up" not in html and "Sign In" not in html


@pytest.mark.django_db
def test_the_sign_in_page_invites_to_join_in_the_headers_words(client):
    html = client.get("/accounts/login/").content.decode()
    assert re.search(r"please\s*<a href=\"/accounts/signup/\">\s*join</a> first", html)
    assert "sign up</a>" not in html


def test_signed_in_pages_use_the_headers_words(client, member):
    client.force_login(member)
    html = client.get("/accounts/logout/").content.decode()
    assert "<title>Sign out · " in html and "Sign Out" not in html


def test_login_page_with_errors_keeps_our_layout(client, member):
    response = client.post(reverse("account_login"), {"login": member.username, "password": "x"})
    html = assert_our_layout(response)
    assert "<title>Error: Sign in · " in html
    summary = re.search(r'<div class="error-summary" tabindex="-1" autofocus>.*?</ul>', html, re.S)
    assert summary and "There is a problem" in summary.group(0)
    # An error of the whole form leads to its first field.
    assert re.search(r'<li><a href="#id_login">[^<]*not correct[^<]*</a></li>', summary.group(0))
    assert f'value="{member.username}"' in html  # what was typed stays


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, links",
    [
        (
            "/accounts/login/",
            [
                ("id_login", "Enter your username or e-mail address"),
                ("id_password", "Enter your password"),
            ],
        ),
        (
            "/accounts/signup/",
            [
                ("id_email", "Enter your e-mail address"),
                ("id_username", "Choose a username"),
                ("id_password1", "Choose a password"),
                ("id_password2", "Type the password again"),
            ],
        ),
    ],
)
def test_an_empty_entrance_form_says_what_to_enter(client, url, links):
    html = client.post(url, {}).content.decode()
    summary = re.search(r'<div class="error-summary".*?</ul>', html, re.S).group(0)
    assert re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary) == links
    assert "This field is required" not in html


@pytest.mark.django_db
def test_signup_errors_appear_beside_the_fields(client):
    response = sign_up(client, email="not-an-email", password="short")
    html = assert_our_layout(response)
    assert 'id="id_email_error"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert '<li><a href="#id_email">' in html  # the summary leads to the field
    assert "<title>Error: Join · " in html
    assert 'value="newcomer"' in html


@pytest.mark.django_db
def test_header_links_to_settings_when_signed_in(client, member):
    client.force_login(member)
    html = client.get("/").content.decode()
    assert f'href="{reverse("accounts:settings")}"' in html
    assert f'href="{reverse("accounts:profile", args=[member.username])}"' in html


# The banner for unconfirmed addresses -----------------------------------------------------


@pytest.mark.django_db
def test_unverified_member_sees_banner_with_resend_button(client, unverified_member):
    client.force_login(unverified_member)
    html = client.get("/").content.decode()
    assert "Confirm your e-mail address to join discussions" in html
    assert f'action="{reverse("account_email")}"' in html
    assert 'name="action_send"' in html
    response = client.post(
        reverse("account_email"), {"email": unverified_member.email, "action_send": ""}
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == [unverified_member.email]
    assert "/accounts/confirm-email/" in mail.outbox[-1].body


@pytest.mark.django_db
def test_banner_hidden_for_verified_members_and_visitors(client, member):
    assert "Confirm your e-mail address" not in client.get("/").content.decode()
    client.force_login(member)
    assert "Confirm your e-mail address" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_banner_costs_visitors_no_query(client, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    template = Template('{% include "accounts/_verify_banner.html" %}')
    with django_assert_num_queries(0):
        assert template.render(Context({"user": request.user, "request": request})).strip() == ""


# Settings ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_settings_requires_sign_in(client):
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_account_urls_do_not_clash_with_allauth():
    for name, path in [
        ("accounts:settings", "/accounts/settings/"),
        ("accounts:export", "/accounts/export/"),
        ("accounts:delete", "/accounts/delete/"),
        ("accounts:profile", "/users/someone/"),
    ]:
        assert resolve(path).view_name == name
