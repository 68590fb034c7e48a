"""/sso/token/: a publisher's token signs the reader in and sends them on."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from accounts.models import User
from tests.accounts.helpers import signed_in_user_id
from tests.accounts.sso.helpers import hs256
from tests.factories import UserFactory

URL = "/sso/token/"


def test_the_address_is_the_one_documented():
    assert reverse("accounts:sso_token") == URL
    assert reverse("accounts:sso_deleted") == "/sso/deleted/"


def test_a_form_post_signs_the_reader_in_and_goes_to_next(client, sso_secret):
    response = client.post(URL, {"token": hs256(), "next": "/articles/some-article/"})
    assert response.status_code == 302 and response["Location"] == "/articles/some-article/"
    member = User.objects.get(email="jane@news.example")
    assert signed_in_user_id(client) == str(member.pk)
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_link_with_the_token_signs_the_reader_in(client, sso_secret):
    response = client.get(URL, {"token": hs256(), "next": "/"})
    assert response.status_code == 302
    assert signed_in_user_id(client) is not None


def test_next_may_be_an_allowed_embed_origin_and_nothing_else(client, sso_secret, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://news.example"]
    allowed = "https://news.example/2026/story.html#comments"
    assert client.get(URL, {"token": hs256(), "next": allowed})["Location"] == allowed
    for elsewhere in [
        "https://evil.example/",
        "https://news.example.evil.example/",
        "//evil.example/",
        "javascript:alert(1)",
        "https:\\\\evil.example",
    ]:
        client.logout()
        assert client.get(URL, {"token": hs256(), "next": elsewhere})["Location"] == "/"


@pytest.mark.parametrize("token", ["", "rubbish", "expired"])
def test_a_refused_token_says_why_and_signs_nobody_in(client, sso_secret, token):
    if token == "expired":
        token = hs256(iat=1_700_000_000, exp=1_700_000_100)
    response = client.post(URL, {"token": token})
    assert response.status_code == 400
    assert b"You have not been signed in" in response.content
    assert signed_in_user_id(client) is None and User.objects.count() == 0


def test_a_replayed_token_signs_nobody_in(client, sso_secret):
    token = hs256()
    client.post(URL, {"token": token})
    client.logout()
    response = client.post(URL, {"token": token})
    assert response.status_code == 400 and b"was used already" in response.content
    assert signed_in_user_id(client) is None


def test_the_endpoint_is_rate_limited(client, sso_secret, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "sso_token": "3/m/ip"}
    statuses = [client.post(URL, {"token": "rubbish"}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    assert client.post(URL, {"token": hs256()}).status_code == 429
    assert signed_in_user_id(client) is None


def test_a_banned_member_stays_banned_and_is_not_signed_in(client, sso_secret):
    banned = UserFactory(email="jane@news.example", banned=True)
    response = client.post(URL, {"token": hs256()})
    assert response.status_code == 403 and b"Your account is banned" in response.content
    assert signed_in_user_id(client) is None
    banned.refresh_from_db()
    assert banned.is_banned and banned.publisher_accounts.count() == 1


def test_a_suspended_member_signs_in_and_stays_suspended(client, sso_secret):
    suspended = UserFactory(email="jane@news.example", suspended=True)
    until = suspended.suspended_until
    client.post(URL, {"token": hs256()})
    assert signed_in_user_id(client) == str(suspended.pk)
    suspended.refresh_from_db()
    assert suspended.suspended_until == until and not suspended.can_participate


def test_an_address_the_publisher_did_not_verify_must_be_confirmed_first(
    client, sso_secret, mailoutbox
):
    response = client.post(URL, {"token": hs256(email_verified=False)})
    assert response.status_code == 302 and "confirm" in response["Location"]
    assert signed_in_user_id(client) is None
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["jane@news.example"]


def test_allauth_sign_in_may_also_go_on_to_an_allowed_embed_origin(client, member, settings):
    settings.EMBED_ALLOWED_ORIGINS = ["https://news.example"]
    for next_url, expected in [
        ("https://news.example/story#comments", "https://news.example/story#comments"),
        ("https://evil.example/", "/"),
    ]:
        client.logout()
        response = client.post(
            f"/accounts/login/?{urlencode({'next': next_url})}",
            {"login": "reader", "password": "a-long-test-password"},
        )
        assert response.status_code == 302 and response["Location"] == expected
