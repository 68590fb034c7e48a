"""POST /api/v1/embed/sso/: the publisher's token, handed to the frame, for an embed token."""

import pytest
from django.utils import timezone

from accounts.models import PublisherAccount
from forum.embed.tokens import embed_token_authenticate
from forum.models import EmbedToken
from tests.accounts.sso.helpers import SECRET, hs256
from tests.forum.api.conftest import Api

pytestmark = pytest.mark.django_db

HOST = "https://news.example"


@pytest.fixture(autouse=True)
def publisher(settings):
    settings.SSO_TOKEN_SECRET = SECRET
    settings.SSO_TOKEN_JWKS_URL = ""
    settings.SSO_TOKEN_ISSUER = ""
    settings.SSO_TOKEN_AUDIENCE = ""
    settings.EMBED_ALLOWED_ORIGINS = [HOST]


def exchange(client, token, host=HOST):
    return Api(client).post("/embed/sso/", {"token": token, "host": host})


def test_a_good_token_answers_an_embed_token_for_the_host(client, thread):
    answer = exchange(client, hs256(sub="reader-7", name="Jane Smith"))
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert data["name"] == "Jane Smith" and data["expires_in"] == 60 * 60
    token = embed_token_authenticate(data["token"])
    assert token.host == HOST
    assert PublisherAccount.objects.get(subject="reader-7").user == token.member
    # It opens the API as that member, like the popup's token; no session was made.
    state = Api(client, data["token"]).get(f"/embed/threads/{thread.pk}/state/")
    assert state.status_code == 200 and state.json()["name"] == "Jane Smith"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("claims", "secret", "code", "words"),
    [
        ({}, "another-secret-that-is-long-enough-to-sign!", "signature", "signature"),
        ({"iat": 1_000_000, "exp": 1_000_300}, SECRET, "expired", "expired"),
        ({"sub": None}, SECRET, "claims", "sub, iat, exp and jti"),
    ],
)
def test_a_bad_token_signs_nobody_in(client, claims, secret, code, words):
    answer = exchange(client, hs256(secret=secret, **claims))
    assert answer.status_code == 400
    assert answer.json()["code"] == code and words in answer.json()["message"]
    assert not EmbedToken.objects.exists()


def test_a_token_is_good_once(client):
    token = hs256()
    assert exchange(client, token).status_code == 200
    again = exchange(client, token)
    assert again.status_code == 400 and again.json()["code"] == "replayed"
    assert "used already" in again.json()["message"]
    assert EmbedToken.objects.count() == 1


def test_a_host_not_allowed_gets_nothing_and_does_not_use_the_token_up(client):
    token = hs256()
    answer = exchange(client, token, host="https://elsewhere.example")
    assert answer.status_code == 403 and answer.json()["code"] == "host"
    assert not EmbedToken.objects.exists()
    assert exchange(client, token).status_code == 200  # the jti was not spent


def test_a_banned_member_is_refused(client):
    assert exchange(client, hs256(sub="reader-9")).status_code == 200
    member = PublisherAccount.objects.get(subject="reader-9").user
    member.banned_at = timezone.now()
    member.save(update_fields=["banned_at"])
    answer = exchange(client, hs256(sub="reader-9"))
    assert answer.status_code == 403 and answer.json()["code"] == "banned"
    assert "can no longer take part" in answer.json()["message"]
    assert EmbedToken.objects.count() == 1


def test_without_a_configured_secret_nothing_is_signed_in(client, settings):
    settings.SSO_TOKEN_SECRET = ""
    answer = exchange(client, hs256())
    assert answer.status_code == 400 and answer.json()["code"] == "not_configured"


def test_attempts_are_rate_limited_per_address(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "sso_token": "2/m/ip"}
    assert exchange(client, "not-a-token").status_code == 400
    assert exchange(client, "not-a-token").status_code == 400
    answer = exchange(client, hs256())
    assert answer.status_code == 429 and answer.json()["code"] == "rate_limited"
    assert not EmbedToken.objects.exists()


def test_the_member_limit_of_embed_tokens_holds(client, settings):
    settings.EMBED_TOKEN_RATE_PER_HOUR = 1
    assert exchange(client, hs256(sub="reader-3")).status_code == 200
    answer = exchange(client, hs256(sub="reader-3"))
    assert answer.status_code == 429 and "too often" in answer.json()["message"]
