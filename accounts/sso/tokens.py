"""Signed tokens (JWT) from the publisher's backend: checked once, then the member they name.

A token says who the reader is at the publisher: `sub`, `email`, `name`, optional
`email_verified` (true when absent: the publisher vouches for the address it signs), `iat`,
`exp` and `jti`. It is signed with HS256 and SSO_TOKEN_SECRET, or with RS256/ES256 and a key
of SSO_TOKEN_JWKS_URL. It is refused when the signature, the times (SSO_TOKEN_LEEWAY_SECONDS
of clock skew, at most SSO_TOKEN_MAX_LIFETIME_SECONDS from `iat` to `exp`), the issuer or
audience (when set) are wrong, or when its `jti` was seen before: the `jti` is remembered in
the shared cache until the token expires. A "user deleted" call is a token of the same kind
with `"action": "user.deleted"`; such a token never signs anyone in, nor the other way round.
"""

import hashlib
import time

import jwt
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from accounts.sso import keys
from accounts.sso.members import Identity, member_erase, member_for_identity

DELETION = "user.deleted"
ASYMMETRIC = ("RS256", "ES256")
MAX_TOKEN_LENGTH = 8192

# The one table of refusals: a code, and what the reader (or the publisher's developer) reads.
WORDS = {
    "missing": _("No sign-in token came with the request."),
    "not_configured": _("Sign-in with the newsroom's token is not set up on this site."),
    "malformed": _("The sign-in token is not a token we can read."),
    "algorithm": _("The sign-in token is signed in a way this site does not accept."),
    "keys": _("The newsroom's signing keys could not be read. Please try again in a minute."),
    "signature": _("The sign-in token's signature is not valid."),
    "expired": _("The sign-in link has expired. Go back to the newsroom's page and try again."),
    "not_yet_valid": _("The sign-in token is not valid yet: check the clocks of both servers."),
    "too_long": _("The sign-in token lives longer than this site allows."),
    "issuer": _("The sign-in token comes from an issuer this site does not trust."),
    "audience": _("The sign-in token was made for another site."),
    "claims": _("The sign-in token lacks who you are (sub, iat, exp and jti are required)."),
    "purpose": _("This token cannot be used for this."),
    "replayed": _(
        "This sign-in link was used already. Go back to the newsroom's page and try again."
    ),
}


class SsoTokenRefused(Exception):
    """A token was refused; `code` names why (a key of WORDS), `message` says it in words."""

    def __init__(self, code, detail=""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.message = WORDS[code]


def link_issuer():
    """Return the issuer that names the publisher's accounts in PublisherAccount."""
    return settings.SSO_TOKEN_ISSUER or "publisher"


def _key_for(token):
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise SsoTokenRefused("malformed", str(error)) from error
    algorithm = header.get("alg")
    if algorithm == "HS256" and settings.SSO_TOKEN_SECRET:
        return algorithm, settings.SSO_TOKEN_SECRET
    if algorithm in ASYMMETRIC and settings.SSO_TOKEN_JWKS_URL:
        try:
            return algorithm, keys.signing_key(kid=header.get("kid"), algorithm=algorithm)
        except keys.KeysUnavailable as error:
            raise SsoTokenRefused("keys", str(error)) from error
    raise SsoTokenRefused("algorithm", str(algorithm))


# PyJWT's exceptions, most specific first, and the refusal each one is.
_PYJWT_REFUSALS = [
    (jwt.ExpiredSignatureError, "expired"),
    (jwt.ImmatureSignatureError, "not_yet_valid"),
    (jwt.InvalidIssuerError, "issuer"),
    (jwt.InvalidAudienceError, "audience"),
    (jwt.MissingRequiredClaimError, "claims"),
    (jwt.InvalidSignatureError, "signature"),
    (jwt.PyJWTError, "malformed"),
]


def _verified_claims(token):
    if not (settings.SSO_TOKEN_SECRET or settings.SSO_TOKEN_JWKS_URL):
        raise SsoTokenRefused("not_configured")
    if not token:
        raise SsoTokenRefused("missing")
    if len(token) > MAX_TOKEN_LENGTH:
        raise SsoTokenRefused("malformed", "too long")
    algorithm, key = _key_for(token)
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=settings.SSO_TOKEN_AUDIENCE or None,
            issuer=settings.SSO_TOKEN_ISSUER or None,
            leeway=settings.SSO_TOKEN_LEEWAY_SECONDS,
            options={
                "require": ["sub", "iat", "exp", "jti"],
                "verify_aud": bool(settings.SSO_TOKEN_AUDIENCE),
            },
        )
    except jwt.PyJWTError as error:
        code = next(code for kind, code in _PYJWT_REFUSALS if isinstance(error, kind))
        raise SsoTokenRefused(code, str(error)) from error
    if not all(isinstance(claims[name], str) and claims[name] for name in ("sub", "jti")):
        raise SsoTokenRefused("claims", "sub and jti must be non-empty strings")
    if not all(isinstance(claims[name], int | float) for name in ("iat", "exp")):
        raise SsoTokenRefused("claims", "iat and exp must be numbers")
    if claims["exp"] - claims["iat"] > settings.SSO_TOKEN_MAX_LIFETIME_SECONDS:
        raise SsoTokenRefused("too_long")
    return claims


def _remember_jti(claims):
    """Refuse a token seen before; remember this one until it expires (in the shared cache)."""
    digest = hashlib.sha256(f"{link_issuer()}|{claims['jti']}".encode()).hexdigest()
    lives_for = claims["exp"] + settings.SSO_TOKEN_LEEWAY_SECONDS - time.time()
    if not cache.add(f"accounts:sso:jti:{digest}", True, timeout=max(1, int(lives_for) + 1)):
        raise SsoTokenRefused("replayed")


def claims_for(token, *, action=None):
    """Return the claims of a valid token, used now for the first time, meant for `action`."""
    claims = _verified_claims(token)
    if claims.get("action") != action:
        raise SsoTokenRefused("purpose", f"action {claims.get('action')!r}")
    _remember_jti(claims)
    return claims


def member_for_token(token):
    """Return the member a valid sign-in token names (made or linked on first use).

    Raise SsoTokenRefused when the token is refused. The member may be banned or suspended:
    signing them in (or not) is the caller's decision; their `can_participate` says the rest.
    """
    claims = claims_for(token)
    verified = claims.get("email_verified", True)
    return member_for_identity(
        Identity(
            issuer=link_issuer(),
            subject=claims["sub"][:255],
            email=str(claims.get("email") or ""),
            email_verified=verified is True,
            name=str(claims.get("name") or ""),
            username=str(claims.get("preferred_username") or ""),
            avatar=str(claims.get("avatar") or ""),
            badge=str(claims.get("badge") or ""),
        )
    )


def erase_for_token(token):
    """Delete the members a valid "user deleted" token names; return how many."""
    claims = claims_for(token, action=DELETION)
    return member_erase(issuer=link_issuer(), subject=claims["sub"])
