"""Issue 12: constant password work, sign-in limits, banned members, headers and charsets.

Costs are counted, never timed: every password hash goes through the test hasher's encode()
(make_password and check_password alike), and the limits are counted in attempts.
"""

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.adapters import SIGN_IN_PAUSED
from accounts.models import User
from tests.factories import UserFactory

PASSWORD = "a-long-test-password"
OFFICE = "192.0.2.10"
HOME = "198.51.100.7"
ATTACKER = "203.0.113.66"


@pytest.fixture
def hashes(monkeypatch):
    """Count password hashes from now on (the test settings use only the MD5 hasher)."""
    assert django_settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]
    count = {"n": 0}
    encode = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        count["n"] += 1
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)
    return count


def sign_in(login, password=PASSWORD, address=HOME, client=None):
    """Post the sign-in form from `address`; return (client, response)."""
    client = client or Client()
    response = client.post(
        reverse("account_login"), {"login": login, "password": password}, REMOTE_ADDR=address
    )
    return client, response


def signed_in(client):
    return SESSION_KEY in client.session


def paused(response):
    return response.status_code == 200 and str(SIGN_IN_PAUSED) in response.content.decode()


def rate_amount(action):
    """Return the number of attempts an ACCOUNT_RATE_LIMITS entry allows (its first rate)."""
    return int(django_settings.ACCOUNT_RATE_LIMITS[action].split("/")[0])


# Constant password work -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("taken", [True, False], ids=["taken address", "new address"])
def test_sign_up_costs_one_hash_whether_or_not_the_address_is_taken(client, hashes, taken):
    UserFactory(username="owner", email="taken@example.org")
    hashes["n"] = 0
    email = "taken@example.org" if taken else "fresh@example.org"
    response = client.post(
        reverse("account_signup"),
        {"email": email, "username": "newcomer", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert hashes["n"] == 1
    assert User.objects.filter(username="newcomer").exists() is not taken
    assert len(mail.outbox) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("password", [PASSWORD, "wrong-password"], ids=["right", "wrong"])
@pytest.mark.parametrize(
    "login",
    ["reader@example.org", "nobody@example.org", "reader", "nobody", "READER@example.org"],
)
def test_sign_in_costs_one_hash_whatever_the_login(member, hashes, login, password):
    hashes["n"] = 0
    client, response = sign_in(login, password)
    assert hashes["n"] == 1
    assert signed_in(client) is (password == PASSWORD and "reader" in login.lower())


@pytest.mark.django_db
def test_the_admin_signs_in_with_the_one_backend(hashes):
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# Sign-in limits ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_attacker_guessing_one_account_from_one_address_is_paused(member, hashes):
    for _ in range(rate_amount("login_failed")):
        _, response = sign_in(member.username, "guess", address=ATTACKER)
        assert "not correct" in response.content.decode()
    hashes["n"] = 0
    attacker, response = sign_in(member.username, PASSWORD, address=ATTACKER)
    assert paused(response) and not signed_in(attacker)
    assert hashes["n"] == 0  # refused before any password work
    # Same answer for an account that does not exist: the pause reveals nothing.
    for _ in range(rate_amount("login_failed")):
        sign_in("nobody", "guess", address=ATTACKER)
    assert paused(sign_in("nobody", "guess", address=ATTACKER)[1])
    # The owner, elsewhere and never seen before, is not affected.
    owner, response = sign_in(member.email, address=HOME)
    assert signed_in(owner)


@pytest.mark.django_db
def test_an_attacker_trying_many_accounts_from_one_address_is_paused(settings, db):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed_address": "3/10m"}
    UserFactory(username="victim")
    for n in range(3):
        sign_in(f"someone{n}", "guess", address=ATTACKER)
    assert paused(sign_in("victim", PASSWORD, address=ATTACKER)[1])
    assert signed_in(sign_in("victim", PASSWORD, address=HOME)[0])


@pytest.mark.django_db
def test_many_addresses_guessing_one_account_pause_it_except_where_the_owner_signed_in(
    member, settings
):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "4/h/key",
    }
    assert signed_in(sign_in(member.username, address=HOME)[0])
    for n in range(4):
        sign_in(member.email, "guess", address=f"203.0.113.{n}")
    # A new address is paused, even with the right password...
    assert paused(sign_in(member.email, address="203.0.113.99")[1])
    # ...but the owner gets in from an address they signed in from before.
    assert signed_in(sign_in(member.email, address=HOME)[0])


@pytest.mark.django_db
def test_the_owner_behind_a_busy_shared_address_still_signs_in(member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed_address": "3/10m"}
    assert signed_in(sign_in(member.username, address=OFFICE)[0])
    for n in range(3):
        sign_in(f"someone{n}", "guess", address=OFFICE)
    assert paused(sign_in("newcomer-at-the-office", "guess", address=OFFICE)[1])
    assert signed_in(sign_in(member.username, address=OFFICE)[0])


@pytest.mark.django_db
def test_a_shared_office_whose_members_each_mistype_once_is_not_blocked(db):
    """With the real limits: 40 colleagues behind one address fail once, then sign in."""
    colleagues = UserFactory.create_batch(40)
    for colleague in colleagues:
        assert not signed_in(sign_in(colleague.username, "typo", address=OFFICE)[0])
    for colleague in colleagues:
        _, response = sign_in(colleague.email, address=OFFICE)
        assert response.status_code == 302, colleague.username


@pytest.mark.django_db
def test_successful_sign_ins_use_up_no_allowance(member):
    for _ in range(rate_amount("login_failed") + 2):
        client, response = sign_in(member.username, address=ATTACKER)
        assert signed_in(client)


@pytest.mark.django_db
def test_a_paused_owner_signs_in_with_a_code_by_email(member):
    for _ in range(rate_amount("login_failed")):
        sign_in(member.username, "guess", address=HOME)
    client, response = sign_in(member.username, address=HOME)
    assert paused(response)
    assert "Send me a sign-in code" in response.content.decode()

    response = client.post(
        reverse("account_request_login_code"), {"email": member.email}, REMOTE_ADDR=HOME
    )
    assert response.status_code == 302
    code = re.search(r"^([A-Z0-9-]{6,})$", mail.outbox[-1].body, re.MULTILINE).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code}, REMOTE_ADDR=HOME)
    assert response.status_code == 302
    assert signed_in(client)


# Banned members ---------------------------------------------------------------------------


@pytest.fixture
def banned_member(db):
    return UserFactory(
        username="banned",
        banned_at=timezone.now() - timedelta(days=2),
        ban_reason="Repeated harassment of other members.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("login_with", ["username", "email"])
def test_a_banned_member_is_refused_with_the_reason_and_how_to_appeal(
    banned_member, settings, login_with
):
    settings.APPEALS_EMAIL = "appeals@example.org"
    client, response = sign_in(getattr(banned_member, login_with))
    assert response.status_code == 403
    assert not signed_in(client)
    page = response.content.decode()
    assert "Your account is banned" in page
    assert "Repeated harassment of other members." in page
    assert 'href="mailto:appeals@example.org"' in page
    assert reverse("articles:guidelines") in page
    assert SESSION_KEY not in client.session
    assert client.get(reverse("accounts:settings")).status_code == 302


@pytest.mark.django_db
def test_a_banned_member_page_without_an_appeals_address_names_the_editors(banned_member):
    _, response = sign_in(banned_member.username)
    assert response.status_code == 403
    assert "Contact the editors" in response.content.decode()
    assert "mailto:" not in response.content.decode()


@pytest.mark.django_db
def test_a_wrong_password_for_a_banned_account_reveals_no_ban(banned_member):
    _, response = sign_in(banned_member.username, "guess")
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert "Your account is banned" not in response.content.decode()


# Headers and charsets ---------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_denies_unused_browser_features_and_other_origins(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    policy = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert policy[feature] == "()"
    assert policy["clipboard-write"] == "(self)"
    assert "web-share" not in policy  # its default is "self"; Chromium logs the name as unknown
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "private" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_pages_for_members_are_private(client, member, article):
    client.force_login(member)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_views_own_cache_control_is_kept(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:export"))
    assert response["Cache-Control"] == "no-store"
    assert "Permissions-Policy" in response


@pytest.mark.django_db
def test_plain_text_refusals_say_their_charset(client, member, article):
    member.suspended_until = timezone.now() + timedelta(days=1)
    member.suspension_reason = "It’s a cooling-off period."
    member.save()
    client.force_login(member)
    response = client.post(
        reverse("forum:comment_post", args=[article.thread.pk]), {"body": "Hello"}
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode("utf-8").endswith("It’s a cooling-off period.")

    client.logout()
    response = client.post(reverse("forum:markdown_preview"), {"content": "x"})
    assert response.status_code == 403
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert client.get("/robots.txt")["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.django_db
def test_the_sign_in_code_page_uses_our_layout(client):
    response = client.get(reverse("account_request_login_code"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="site-header' in page and '<html lang="en' in page
