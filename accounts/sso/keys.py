"""The publisher's public keys (JWKS URL), kept in the shared cache, fetched again on rotation."""

import hashlib

import jwt
import requests
from django.conf import settings
from django.core.cache import cache

FETCH_TIMEOUT_SECONDS = 5
# An unknown key id fetches the set again, at most this often: a new key is seen at once,
# and tokens with made-up key ids cannot make us hammer the publisher.
REFETCH_AT_MOST_EVERY_SECONDS = 60


class KeysUnavailable(Exception):
    """The key set could not be fetched or read, or has no key for this token."""


def _cache_key(suffix):
    digest = hashlib.sha256(settings.SSO_TOKEN_JWKS_URL.encode()).hexdigest()[:16]
    return f"accounts:sso:jwks:{digest}:{suffix}"


def _fetch():
    try:
        response = requests.get(settings.SSO_TOKEN_JWKS_URL, timeout=FETCH_TIMEOUT_SECONDS)
        response.raise_for_status()
        keys = response.json()["keys"]
    except (requests.RequestException, ValueError, KeyError, TypeError) as error:
        raise KeysUnavailable(str(error)) from error
    cache.set(_cache_key("set"), keys, timeout=settings.SSO_JWKS_CACHE_SECONDS)
    return keys


def _find(keys, kid):
    if kid is None:
        return keys[0] if len(keys) == 1 else None
    return next((key for key in keys if key.get("kid") == kid), None)


def signing_key(*, kid, algorithm):
    """Return the public key `kid` of the publisher's key set for `algorithm`."""
    keys = cache.get(_cache_key("set"))
    if keys is None:
        keys = _fetch()
    found = _find(keys, kid)
    if found is None and cache.add(_cache_key("refetched"), True, REFETCH_AT_MOST_EVERY_SECONDS):
        found = _find(_fetch(), kid)
    if found is None:
        raise KeysUnavailable(f"no key {kid!r} in the publisher's key set")
    try:
        return jwt.PyJWK(found, algorithm=algorithm).key
    except jwt.PyJWTError as error:
        raise KeysUnavailable(str(error)) from error
