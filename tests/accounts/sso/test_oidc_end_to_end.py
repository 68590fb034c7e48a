"""OpenID Connect end to end: the forum against a real provider, each in its own process.

The provider is django-oauth-toolkit (tests/oidc_provider/) with an RSA key made here; the
forum runs with OIDC_* set as a newsroom would set them. A requests session plays the
reader's browser: discovery, the authorization code flow with PKCE, the callback, the
account linked by (issuer, subject). Nothing is mocked.
"""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.accounts.sso.oidc_stack import Stack, client_for, issuer_of

PROVIDER_PORT = 9140
FORUM_PORT = 9141
ISSUER = issuer_of(PROVIDER_PORT)
FORUM = f"http://127.0.0.1:{FORUM_PORT}"
CLIENT = client_for(FORUM)
PASSWORD = "newsroom-password-42"
JANE = {"username": "jane", "first_name": "Jane", "last_name": "Smith"}
BOB = {"username": "bob", "first_name": "Bob", "last_name": "unverified"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("oidc"), provider_port=PROVIDER_PORT, forum=FORUM)
    stack.migrate()
    stack.provider_seed(
        client=CLIENT,
        readers=[
            {**JANE, "email": "jane@news.example", "password": PASSWORD},
            {**BOB, "email": "bob@news.example", "password": PASSWORD},
        ],
    )
    # A member here already shows Jane's name and has her username.
    stack.forum_shell(
        "from accounts.models import User; "
        "User.objects.create_user('jane', 'other-jane@example.org', display_name='Jane Smith')"
    )
    stack.start()
    yield stack
    stack.stop()


def _csrf(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def sign_in(session, username):
    """Sign in at the forum with the newsroom's account; return (final response, authorize URL)."""
    login_page = session.get(f"{FORUM}/accounts/login/")
    assert "Continue with The Daily Example" in login_page.text
    start = f"{FORUM}/accounts/oidc/newsroom/login/"
    confirm = session.get(start)
    to_provider = session.post(
        start, data={"csrfmiddlewaretoken": _csrf(confirm.text)}, allow_redirects=False
    )
    authorize_url = to_provider.headers["Location"]
    page = session.get(authorize_url)
    if page.url.startswith(f"http://127.0.0.1:{PROVIDER_PORT}/login/"):
        page = session.post(
            page.url,
            data={
                "csrfmiddlewaretoken": _csrf(page.text),
                "username": username,
                "password": PASSWORD,
            },
        )
    return page, authorize_url


def forum_member(username_like):
    return (
        "SELECT u.id, u.username, u.display_name, u.email FROM accounts_user u "
        f"WHERE u.username LIKE '{username_like}%' AND u.email LIKE '%news.example'"
    )


def test_discovery_pkce_callback_and_the_linked_account(stack):
    session = requests.Session()
    page, authorize_url = sign_in(session, "jane")
    # The authorization request carried a PKCE challenge (the provider requires one).
    query = parse_qs(urlsplit(authorize_url).query)
    assert authorize_url.startswith(f"{ISSUER}/authorize/")
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert set(query["scope"][0].split()) == {"openid", "profile", "email"}
    # Back on the forum, signed in.
    assert page.status_code == 200 and page.url == f"{FORUM}/"
    settings_page = session.get(f"{FORUM}/accounts/settings/")
    assert settings_page.url == f"{FORUM}/accounts/settings/"
    # The member: a username and display name nobody had, the provider's verified address.
    [(user_id, username, display_name, email)] = stack.rows(forum_member("jane"))
    assert username != "jane" and username.startswith("jane")
    assert (display_name, email) == ("Jane Smith 2", "jane@news.example")
    assert stack.rows(
        'SELECT verified, "primary" FROM account_emailaddress WHERE user_id = ?', user_id
    ) == [(1, 1)]
    # Linked by (issuer, subject): one account of the newsroom's provider, the subject its sub.
    [(uid, extra)] = stack.rows(
        "SELECT uid, extra_data FROM socialaccount_socialaccount "
        "WHERE provider = 'newsroom' AND user_id = ?",
        user_id,
    )
    id_token = json.loads(extra)["id_token"]
    assert (id_token["iss"], id_token["sub"]) == (ISSUER, uid)


def test_a_changed_address_at_the_provider_follows_on_the_next_sign_in(stack):
    session = requests.Session()
    sign_in(session, "jane")
    stack.provider_seed(
        readers=[{**JANE, "email": "jane.smith@news.example", "password": PASSWORD}]
    )
    session.post(
        f"{FORUM}/accounts/logout/",
        data={"csrfmiddlewaretoken": session.cookies["csrftoken"]},
    )
    page, _ = sign_in(session, "jane")
    assert page.url == f"{FORUM}/"
    [(user_id, *_rest, email)] = stack.rows(forum_member("jane"))
    assert email == "jane.smith@news.example"
    assert stack.rows(
        "SELECT email, verified FROM account_emailaddress WHERE user_id = ?", user_id
    ) == [("jane.smith@news.example", 1)]
    assert len(stack.rows("SELECT id FROM socialaccount_socialaccount")) == 1


def test_an_address_the_provider_did_not_verify_must_be_confirmed_here(stack):
    session = requests.Session()
    page, _ = sign_in(session, "bob")
    assert page.url == f"{FORUM}/accounts/confirm-email/"
    [(user_id, *_rest)] = stack.rows(forum_member("bob"))
    assert stack.rows("SELECT verified FROM account_emailaddress WHERE user_id = ?", user_id) == [
        (0,)
    ]
    # Not signed in until the address is confirmed.
    assert session.get(f"{FORUM}/accounts/settings/").url.startswith(f"{FORUM}/accounts/login/")


def test_a_banned_member_signing_in_by_the_provider_stays_banned(stack):
    stack.forum_shell(
        "from django.utils import timezone; from accounts.models import User; "
        "User.objects.filter(email='jane.smith@news.example')"
        ".update(banned_at=timezone.now(), ban_reason='Spam')"
    )
    session = requests.Session()
    page, _ = sign_in(session, "jane")
    assert page.status_code == 403 and "Your account is banned" in page.text
    assert session.get(f"{FORUM}/accounts/settings/").url.startswith(f"{FORUM}/accounts/login/")
    [(user_id, *_rest)] = stack.rows(forum_member("jane"))
    assert stack.rows("SELECT ban_reason FROM accounts_user WHERE id = ?", user_id) == [("Spam",)]
