"""Signed tokens: what is accepted, what is refused and why (accounts/sso/tokens.py)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from accounts.models import PublisherAccount, User
from accounts.sso.tokens import SsoTokenRefused, member_for_token
from tests.accounts.sso.helpers import claims, hs256

JWKS_PORT = 9142


def refused(token):
    with pytest.raises(SsoTokenRefused) as refusal:
        member_for_token(token)
    return refusal.value.code


def test_a_valid_token_makes_a_member_once_and_finds_them_after(sso_secret):
    member = member_for_token(hs256())
    assert member.email == "jane@news.example" and member.display_name == "Jane Smith"
    assert member.has_verified_email and not member.has_usable_password()
    assert PublisherAccount.objects.get(user=member).subject == "reader-42"
    assert member_for_token(hs256()) == member
    assert User.objects.count() == 1


def test_each_bad_token_is_refused_with_its_reason_and_makes_nobody(sso_secret, settings):
    now = int(time.time())
    assert refused("") == "missing"
    assert refused("not-a-token") == "malformed"
    assert refused(hs256(secret="another-secret-of-32-bytes-at-least!!")) == "signature"
    assert refused(hs256(iat=now - 1000, exp=now - 100)) == "expired"
    assert refused(hs256(iat=now + 600, exp=now + 700)) == "not_yet_valid"
    assert refused(hs256(exp=now + 3600)) == "too_long"
    assert refused(hs256(jti=None)) == "claims"
    assert refused(hs256(sub=None)) == "claims"
    assert refused(hs256(action="user.deleted")) == "purpose"
    none_token = jwt.encode(claims(), None, algorithm="none")
    assert refused(none_token) == "algorithm"
    settings.SSO_TOKEN_SECRET = ""
    assert refused(hs256()) == "not_configured"
    assert User.objects.count() == 0


def test_clock_skew_is_allowed_up_to_the_setting(sso_secret, settings):
    settings.SSO_TOKEN_LEEWAY_SECONDS = 60
    now = int(time.time())
    assert member_for_token(hs256(iat=now - 330, exp=now - 30))
    assert refused(hs256(iat=now - 400, exp=now - 90)) == "expired"
    assert member_for_token(hs256(iat=now + 30, exp=now + 300))


def test_a_token_is_good_once(sso_secret):
    token = hs256()
    member_for_token(token)
    assert refused(token) == "replayed"


def test_a_refused_token_does_not_use_up_its_jti(sso_secret, settings):
    settings.SSO_TOKEN_AUDIENCE = "forum"
    assert refused(hs256(jti="same", aud="elsewhere")) == "audience"
    assert member_for_token(hs256(jti="same", aud="forum"))


def test_issuer_and_audience_are_checked_when_set(sso_secret, settings):
    settings.SSO_TOKEN_ISSUER = "https://news.example"
    settings.SSO_TOKEN_AUDIENCE = "https://forum.example"
    good = {"iss": "https://news.example", "aud": "https://forum.example"}
    assert refused(hs256(**{**good, "iss": "https://evil.example"})) == "issuer"
    assert refused(hs256(**{**good, "aud": "https://other.example"})) == "audience"
    assert refused(hs256(aud="https://forum.example")) == "claims"
    member = member_for_token(hs256(**good))
    assert PublisherAccount.objects.get(user=member).issuer == "https://news.example"


def test_the_e_mail_counts_as_confirmed_unless_the_publisher_says_otherwise(sso_secret):
    member = member_for_token(hs256(email_verified=False))
    assert member.email == "jane@news.example" and not member.has_verified_email


# Public keys (RS256, ES256) from a JWKS URL served by a real HTTP server -----------------


class KeySet:
    def __init__(self):
        self.keys = []
        self.fetches = 0


@pytest.fixture
def jwks(db, settings):
    key_set = KeySet()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            key_set.fetches += 1
            body = json.dumps({"keys": key_set.keys}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", JWKS_PORT), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.SSO_TOKEN_SECRET = ""
    settings.SSO_TOKEN_JWKS_URL = f"http://127.0.0.1:{JWKS_PORT}/jwks.json"
    yield key_set
    server.shutdown()
    server.server_close()


def publish(key_set, private_key, kid, algorithm):
    public = json.loads(
        jwt.algorithms.get_default_algorithms()[algorithm].to_jwk(private_key.public_key())
    )
    key_set.keys.append({**public, "kid": kid, "use": "sig", "alg": algorithm})


def signed(private_key, kid, algorithm, **overrides):
    return jwt.encode(claims(**overrides), private_key, algorithm=algorithm, headers={"kid": kid})


def test_rs256_and_es256_tokens_are_checked_with_the_published_keys(jwks):
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    publish(jwks, rsa_key, "rsa-1", "RS256")
    publish(jwks, ec_key, "ec-1", "ES256")
    first = member_for_token(signed(rsa_key, "rsa-1", "RS256"))
    assert member_for_token(signed(ec_key, "ec-1", "ES256")) == first
    assert jwks.fetches == 1  # the key set is kept in the shared cache
    impostor = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert refused(signed(impostor, "rsa-1", "RS256")) == "signature"
    # HS256 signed with the public key as a "secret" (algorithm confusion) is refused.
    assert (
        refused(jwt.encode(claims(), "rsa-1-as-a-secret-padded-to-32-bytes", algorithm="HS256"))
        == "algorithm"
    )


def test_a_new_key_is_fetched_once_and_unknown_keys_do_not_hammer_the_publisher(jwks):
    old_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    publish(jwks, old_key, "2026-01", "RS256")
    member_for_token(signed(old_key, "2026-01", "RS256"))
    # The publisher rotates: a token signed with the new key fetches the set again.
    new_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    publish(jwks, new_key, "2026-02", "RS256")
    member_for_token(signed(new_key, "2026-02", "RS256"))
    assert jwks.fetches == 2
    for _ in range(3):
        assert refused(signed(new_key, "made-up", "RS256")) == "keys"
    assert jwks.fetches == 2  # at most one fetch a minute for unknown keys


def test_an_unreachable_key_set_refuses_with_its_own_reason(settings, sso_secret):
    settings.SSO_TOKEN_SECRET = ""
    settings.SSO_TOKEN_JWKS_URL = f"http://127.0.0.1:{JWKS_PORT + 1}/jwks.json"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert refused(signed(key, "k", "RS256")) == "keys"
