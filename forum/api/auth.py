"""Who is calling the API: a personal access token (Bearer) or the site's session (with CSRF)."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from accounts.tokens import token_authenticate
from forum.embed.tokens import embed_token_authenticate, is_embed_secret


class InsufficientScope(HttpError):
    """A read-only token was used for a write."""

    code = "insufficient_scope"

    def __init__(self):
        super().__init__(
            403, gettext("This token can only read. Create a token with write access.")
        )


class CsrfFailed(HttpError):
    """A write with the session cookie came without the CSRF token."""

    code = "csrf_failed"

    def __init__(self):
        super().__init__(
            403,
            gettext("The CSRF check failed: send the csrftoken cookie’s value as X-CSRFToken."),
        )


def _bearer_token(request):
    """Return the token the request carries (failing when one is given but not valid), or None."""
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer":
        raise AuthenticationError(401, gettext("Use `Authorization: Bearer <token>`."))
    secret = secret.strip()
    if is_embed_secret(secret):
        token = embed_token_authenticate(secret)
        if token is None:
            raise AuthenticationError(
                401, gettext("Your sign-in to this discussion has ended. Please sign in again.")
            )
        return token
    token = token_authenticate(secret)
    if token is None:
        raise AuthenticationError(
            401, gettext("This token is not valid: it may have been revoked.")
        )
    return token


class TokenAuth(HttpBearer):
    """A personal access token; for writes it must have the write scope."""

    def __call__(self, request):
        token = _bearer_token(request)
        if token is None:
            return None
        if not token.can_write:
            raise InsufficientScope()
        request.user = token.user
        request.access_token = token
        return token.user

    def authenticate(self, request, token):  # pragma: no cover - __call__ does the work
        return None


class SessionAuth(APIKeyCookie):
    """The site's session cookie, as in the browser; writes must carry the CSRF token."""

    param_name = "sessionid"

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        if request.headers.get("Authorization"):
            return None  # a token was given and refused: never fall back to the cookie
        if check_csrf(request):
            raise CsrfFailed()
        return request.user

    def authenticate(self, request, key):  # pragma: no cover - __call__ does the work
        return None


# Every write endpoint: a write token first, else the session.
MEMBERS = [TokenAuth(), SessionAuth()]


def reader(request):
    """Return who reads: the token's member, the session's member, or an anonymous reader."""
    token = _bearer_token(request)
    if token is not None:
        request.user = token.user
        return token.user
    return getattr(request, "user", None) or AnonymousUser()
